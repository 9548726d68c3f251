// The shortest, smallest-named witness X ⇒ c → … → X by a search from both ends: its cost is two small balls, not Down({X}).
import type { SourcePos } from "../model/types.js";
import { comparePos } from "../util/order.js";
import { type Compiled, stepPos } from "./compiled.js";
import type { DownSet } from "./down.js";
import { B_LEN, B_OFF, F_LEN, F_OFF, packReasons, stepTarget, W } from "./reasons.js";
import { scratchOf } from "./scratch.js";
import { StepPositions } from "./step-positions.js";
import { compareMembers, type Witness } from "./witness.js";

/**
 * The steps in (or out) past which a service is a hub: its parent (or next step down B) is written when it is reached
 * instead of read back from its steps. Any value gives the same witnesses; the tests run the search with 0 (every
 * service written) and with no hub at all, as well as with this default.
 */
export const witnessTuning = { hub: 8 };

/**
 * The witness of SPEC §3 for one X, inside a computed Down set `d`: over the reason graph (Y → Z
 * for Z in a runtime requirement of Y lying wholly inside the set, Y in the set), a shortest path
 * from some goal c (a member of a qualifying rollback requirement) to X, the smallest by the names
 * along it. The reason graph of a set is built once (`bind`), for all the services that share it.
 *
 * A breadth-first search forward from the goals and one backward from X, a full layer at a time,
 * the cheaper frontier first (by the steps it would read). Exactness, with F complete to depth a and B to depth b and no service
 * in both: every path of length ≤ a + b has a service at a position i with i ≤ a and L − i ≤ b,
 * which would be in both, so the shortest length L exceeds a + b. Hence the layer expansion that
 * first finds a service in both (going to depth a + 1 or b + 1) proves L = a + b with the new depths.
 *
 * Then the smallest path among the shortest, with no second pass. The forward search is lexicographic:
 * the goals in name order (ids are in name order), each layer's services in the order of their
 * smallest path from a goal, for a layer is read in that order and each service's steps in name order
 * (`packReasons` lays them out so), and a service is ranked where it is first reached, with that
 * parent. So on any shortest path, the prefix up to position a is decided by the rank of the service
 * at a, and the rest, inside B, by taking the smallest step down B's distances (complete once a
 * layer of B is). Met forward, the first step into B of the layer read in rank order ends the search:
 * its service has the smallest prefix, and the step the smallest next name. Met backward, the meeting
 * service of least rank. Shortest paths are simple, as SPEC §3's brute force enumerates them.
 *
 * What a search writes per service reached is its stamp; the path is read back once the search has met (`read`). A
 * service's parent is the least-ranked service of the layer before it with a step to it (the first to reach it, for
 * layers are read in rank order), found among its steps in; the smallest step down B is the first step out (in name
 * order) to a service one nearer X; both are complete for every layer the path crosses. ~10 steps read back per path,
 * against a parent and a next step written for each of the ~350 services a search reaches (on giant-scc 100k, one
 * process: 2.8 s against 4.4 s, medians of 8). A hub (more steps than `witnessTuning.hub` in, or out) is the exception:
 * its parent, or its next step, is written when it is reached, for a read-back would scan all its steps for every
 * path through it (the hub-catch22 bench shape: a hub needing 100,000 leaves, each needing it back and rolling back
 * through it, is quadratic so). `packReasons` marks the steps to and from hubs (~id), so a step tells it with no read.
 *
 * Reusable: each search starts from a new stamp, nothing to clear (`clear`). The inner loops read flat typed arrays only (no
 * objects, no strings, no closures): at 100,000 services in one component each witness reads ~820 steps,
 * and what a step costs is the cache misses on what it reads. The arrays are borrowed from the graph's scratch (`give`).
 */
export class PairWitness {
  /** Where each service's steps are, and how many (`packReasons`): read once per service expanded. */
  st = new Int32Array(0);
  /**
   * The two stamps of service v, all that a step reads of the service it reaches: mark[2v], forward, the stamp plus v's
   * rank, its place in the forward queue (whose layers are runs of places, so the rank also tells the layer);
   * mark[2v + 1], backward, the stamp plus the steps from v to X. Below the search's stamp when not reached.
   */
  private mark = new Int32Array(0);
  /** `witnessTuning.hub` when the bound set was packed: a service with more steps in (or out) is a hub there. */
  private hub = 0;
  /** Forward, for a hub reached: the service it was first reached from. */
  private parent = new Int32Array(0);
  /**
   * Backward, for a hub v reached at distance j > 0: its smallest step to one at j − 1 (nx[2v]) and the index in `bwd`
   * of that step through the requirement declaring it first (nx[2v + 1]). Written when v is reached.
   */
  private nx = new Int32Array(0);
  /** The position in the last path of its first service reached backward: the steps from there on go down B. */
  private meetA = 0;
  fwd = new Int32Array(0);
  bwd = new Int32Array(0);
  /** The requirement behind each step of `fwd` and `bwd`. */
  fwdReq = new Int32Array(0);
  bwdReq = new Int32Array(0);
  /**
   * The stamp of the current search: a rank or distance d is stored as base + d, and anything below base is unreached,
   * so a search starts by moving base past the last one's values instead of clearing what that one touched.
   */
  private base = 1;
  /** The services reached by each search, in the order reached (each at most once): forward layers are contiguous. */
  private queueF = new Int32Array(0);
  private queueB = new Int32Array(0);
  private lenF = 0;
  private lenB = 0;
  private readonly layerF: number[] = [];
  private readonly positions: StepPositions;
  private d: DownSet | undefined;
  private built = false;

  constructor(private readonly g: Compiled) {
    this.positions = new StepPositions(g);
  }

  /** The arrays, at the first set with a catch-22 in it: an estate without one never pays for them. */
  private allocate(): void {
    const { n } = this.g;
    const scratch = scratchOf(this.g);
    this.st = scratch.int32(n * W);
    this.mark = scratch.int32(2 * n);
    this.parent = scratch.int32(n);
    this.nx = scratch.int32(2 * n);
    this.queueF = scratch.int32(n);
    this.queueB = scratch.int32(n);
  }

  /**
   * Room for `steps` reason steps: the step arrays grow with the sets searched (doubling, at most one per runtime
   * membership), for the sets of a realistic estate are small, and four arrays of every membership are not.
   */
  private room(steps: number): void {
    if (this.fwd.length >= steps) return;
    const scratch = scratchOf(this.g);
    if (this.fwd.length > 0) scratch.give(this.fwd, this.bwd, this.fwdReq, this.bwdReq);
    const size = Math.min(this.g.runtime.members.length, Math.max(steps, 2 * this.fwd.length, 1024));
    this.fwd = scratch.int32(size);
    this.bwd = scratch.int32(size);
    this.fwdReq = scratch.int32(size);
    this.bwdReq = scratch.int32(size);
  }

  /** Gives the arrays back to the graph's scratch (if they were allocated): the finder is not used again. */
  give(): void {
    if (this.queueF.length === 0) return;
    const scratch = scratchOf(this.g);
    scratch.give(this.st, this.mark, this.parent, this.nx, this.queueF, this.queueB);
    if (this.fwd.length > 0) scratch.give(this.fwd, this.bwd, this.fwdReq, this.bwdReq);
    this.queueF = new Int32Array(0);
    this.fwd = this.bwd = this.fwdReq = this.bwdReq = new Int32Array(0);
  }

  /** The Down set the next searches run in; its reason graph is built at the first of them. Rebind after it changes. */
  bind(d: DownSet): void {
    this.d = d;
    this.built = false;
  }

  /**
   * The witness x ⇒ c → … → x over the rollback requirements `reqs` of x (each wholly inside the
   * bound set), as `WitnessFinder.best` gives it after a full measure: shortest, then the smallest c,
   * then the smallest names along the rest; among the requirements holding c, the smallest
   * (`compareMembers`), then the first in `reqs`. Undefined when no member reaches x.
   */
  best(x: number, reqs: readonly number[]): Witness | undefined {
    const d = this.d as DownSet;
    if (!this.built) this.build(d);
    const path = this.search(x, reqs);
    if (!path) return undefined;
    const { g } = this;
    const { rollback } = g;
    const c = path[1] as number;
    let requirement = -1;
    for (const r of reqs) {
      let has = false;
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        if (rollback.members[k] === c) has = true;
      }
      if (has && (requirement === -1 || compareMembers(rollback, r, requirement) < 0)) requirement = r;
    }
    return { requirement, path, locations: this.locations(path, (r) => reqs.includes(r)) };
  }

  /**
   * For each member of rollback requirement `req` of x, in member order, the shortest, smallest-named chain from it
   * to x (`WitnessFinder.chain` after a full measure), its rollback step located at `req`; members that do not reach x
   * are left out. Undefined once the searches have touched more than `budget` services: one full measure is then cheaper.
   */
  chains(x: number, req: number, budget: number): { path: number[]; locations: SourcePos[] }[] | undefined {
    const d = this.d as DownSet;
    if (!this.built) this.build(d);
    const { rollback } = this.g;
    const out: { path: number[]; locations: SourcePos[] }[] = [];
    let spent = 0;
    for (let k = rollback.memberStart[req] as number; k < (rollback.memberStart[req + 1] as number); k++) {
      const path = this.search(x, [], rollback.members[k] as number);
      spent += this.lenF + this.lenB;
      if (spent > budget) return undefined;
      if (path) out.push({ path, locations: this.locations(path, (r) => r === req) });
    }
    return out;
  }

  /** The entry behind each step of the last path found: the rollback step at a requirement passing `accept`, then runtime steps. */
  private locations(path: number[], accept: (r: number) => boolean): SourcePos[] {
    const { g, st, hub, nx, bwdReq } = this;
    const locations: SourcePos[] = [];
    const first = stepPos(g, g.rollback, path[0] as number, path[1] as number, accept);
    if (first !== undefined) locations.push(first);
    // path[i] is at position i − 1; a hub's step down B was chosen with its requirement (its many are not scanned)
    for (let i = 2; i < path.length; i++) {
      const from = path[i - 1] as number;
      const to = path[i] as number;
      const p =
        i - 2 >= this.meetA && (st[from * W + F_LEN] as number) > hub
          ? this.positions.at(bwdReq[nx[2 * from + 1] as number] as number, to)
          : this.locate(from, to);
      // compared with undefined, not tested for truth: that would read the position object, a cache miss per step
      if (p !== undefined) locations.push(p);
    }
    return locations;
  }

  private build(d: DownSet): void {
    if (this.queueF.length === 0) this.allocate();
    // every step into a service of the set is one of its memberships
    const { byMemberStart } = this.g;
    let steps = 0;
    for (const v of d.members) steps += (byMemberStart[v + 1] as number) - (byMemberStart[v] as number);
    this.room(steps);
    this.hub = witnessTuning.hub;
    packReasons(this.g, d, this, this.hub);
    this.built = true;
  }

  /** [x, c, …, x] (or [x, x] when x is a goal itself), or undefined; the goals: the members of `reqs`, and `also` (≥ 0). */
  private search(x: number, reqs: readonly number[], also = -1): number[] | undefined {
    this.clear();
    const { g, st, mark, parent, nx, fwd, bwd, bwdReq, queueF, queueB, layerF, base } = this;
    const { rollback } = g;
    // the queue lengths stay in locals through the loops, and are stored before anything reads them
    let lenF = 0;
    let lenB = 0;
    for (const r of reqs) {
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        const c = rollback.members[k] as number;
        if ((mark[2 * c] as number) >= base) continue;
        mark[2 * c] = base;
        queueF[lenF++] = c;
      }
    }
    if (also >= 0 && (mark[2 * also] as number) < base) {
      mark[2 * also] = base;
      queueF[lenF++] = also;
    }
    // layer 0 in name order, each goal its own rank: the first ranks of a lexicographic search
    if (lenF > 1) queueF.subarray(0, lenF).sort();
    for (let h = 0; h < lenF; h++) mark[2 * (queueF[h] as number)] = base + h;
    layerF.push(0);
    mark[2 * x + 1] = base;
    queueB[lenB++] = x;
    this.lenF = lenF;
    this.lenB = lenB;
    if ((mark[2 * x] as number) >= base) return [x, x];
    let a = 0;
    let b = 0;
    let startB = 0;
    // what expanding each frontier reads (its steps), summed once when it is first compared: −1 until then. Read off
    // each service's record as it is about to be expanded, not when it is reached: a hub is expanded only when the
    // other side is no cheaper, and a step reads nothing of the service it reaches but its stamps.
    let costF = -1;
    let costB = -1;
    for (;;) {
      const endF = lenF;
      const endB = lenB;
      const fromF = layerF[a] as number;
      if (fromF === endF || startB === endB) break;
      if (costF < 0) {
        costF = 0;
        for (let h = fromF; h < endF; h++) costF += st[(queueF[h] as number) * W + F_LEN] as number;
      }
      if (costB < 0) {
        costB = 0;
        for (let h = startB; h < endB; h++) costB += st[(queueB[h] as number) * W + B_LEN] as number;
      }
      if (costF <= costB) {
        // forward: the layer a → a + 1, its services in rank order, each one's steps in name order. The first step
        // into B ends the search: it is the smallest step of the smallest-ranked service with one (L = a + 1 + b).
        for (let h = fromF; h < endF; h++) {
          const u = queueF[h] as number;
          const o = st[u * W + F_OFF] as number;
          const end = o + (st[u * W + F_LEN] as number);
          for (let k = o; k < end; k++) {
            // a step to a hub holds ~id: its parent is written, not read back from its many steps in
            let w = fwd[k] as number;
            const hubIn = w < 0;
            if (hubIn) w = ~w;
            if ((mark[2 * w + 1] as number) >= base) {
              this.lenF = lenF;
              this.lenB = lenB;
              this.meetA = a + 1;
              return this.read(x, u, w);
            }
            if ((mark[2 * w] as number) >= base) continue;
            mark[2 * w] = base + lenF;
            queueF[lenF++] = w;
            if (hubIn) parent[w] = u;
          }
        }
        a++;
        layerF.push(endF);
        costF = -1;
      } else {
        // backward: the layer b → b + 1, in full (the meeting service of least rank, and a hub's smallest step to
        // layer b, are known only then)
        let meet = -1;
        let meetRank = 0;
        const nb = base + b + 1;
        for (let h = startB; h < endB; h++) {
          const z = queueB[h] as number;
          const o = st[z * W + B_OFF] as number;
          const end = o + (st[z * W + B_LEN] as number);
          for (let k = o; k < end; k++) {
            // a step from a hub holds ~id: its next step down is kept, not read back from its many steps out
            let y = bwd[k] as number;
            const hubOut = y < 0;
            if (hubOut) y = ~y;
            const dy = mark[2 * y + 1] as number;
            if (dy < base) {
              mark[2 * y + 1] = nb;
              queueB[lenB++] = y;
              // met: y is in forward layer a (any earlier layer would make a path shorter than a + b + 1)
              const rank = mark[2 * y] as number;
              if (rank >= base && (meet === -1 || rank < meetRank)) {
                meet = y;
                meetRank = rank;
              }
              if (!hubOut) continue;
            } else if (dy !== nb || !hubOut || (nx[2 * y] as number) < z) continue;
            else if (nx[2 * y] === z && !this.earlier(bwdReq[k] as number, bwdReq[nx[2 * y + 1] as number] as number, z)) continue;
            nx[2 * y] = z;
            nx[2 * y + 1] = k;
          }
        }
        b++;
        startB = endB;
        costB = -1;
        if (meet !== -1) {
          this.lenF = lenF;
          this.lenB = lenB;
          this.meetA = a;
          return this.read(x, meet, -1);
        }
      }
    }
    this.lenF = lenF;
    this.lenB = lenB;
    return undefined;
  }

  /**
   * The path [x, c, …, u, (w,) …, x] once the search has met: the goals' smallest path to u (each service's parent:
   * the least-ranked service of the layer before with a step to it), then, when the forward side met, the step u → w
   * into B, then the smallest steps down B's distances to x (each service's first step out to one nearer x). A hub's
   * parent and next step were written when it was reached.
   */
  private read(x: number, u: number, w: number): number[] {
    const { st, mark, hub, parent, nx, fwd, bwd, layerF, base } = this;
    const prefix: number[] = [u];
    // the layer of u: the last that starts at or before its rank (layers are runs of ranks)
    let i = layerF.length - 1;
    while ((layerF[i] as number) > (mark[2 * u] as number) - base) i--;
    for (let v = u; i > 0; i--) {
      if ((st[v * W + B_LEN] as number) > hub) v = parent[v] as number;
      else {
        const lo = base + (layerF[i - 1] as number);
        let first = -1;
        let rank = base + (layerF[i] as number);
        const o = st[v * W + B_OFF] as number;
        const end = o + (st[v * W + B_LEN] as number);
        for (let k = o; k < end; k++) {
          const y = stepTarget(bwd[k] as number);
          const r = mark[2 * y] as number;
          if (r >= lo && r < rank) {
            first = y;
            rank = r;
          }
        }
        v = first;
      }
      prefix.push(v);
    }
    const path = [x];
    for (let j = prefix.length - 1; j >= 0; j--) path.push(prefix[j] as number);
    let v = u;
    if (w !== -1) {
      path.push(w);
      v = w;
    }
    while (v !== x) {
      if ((st[v * W + F_LEN] as number) > hub) v = nx[2 * v] as number;
      else {
        const nearer = (mark[2 * v + 1] as number) - 1;
        let k = st[v * W + F_OFF] as number;
        const end = k + (st[v * W + F_LEN] as number);
        let next = -1;
        for (; k < end; k++) {
          next = stepTarget(fwd[k] as number);
          if (mark[2 * next + 1] === nearer) break;
        }
        if (k === end) throw new Error(`witness search: no step down from ${v}`);
        v = next;
      }
      path.push(v);
    }
    return path;
  }

  /** Where the step v → w is declared: the first in source order among v's requirements inside the set holding w (as `stepPos`). */
  private locate(v: number, w: number): SourcePos | undefined {
    const { st, fwd, fwdReq } = this;
    const o = st[v * W + F_OFF] as number;
    const end = o + (st[v * W + F_LEN] as number);
    let best: SourcePos | undefined;
    for (let k = o; k < end; k++) {
      if (stepTarget(fwd[k] as number) !== w) continue;
      const p = this.positions.at(fwdReq[k] as number, w);
      if (p !== undefined && (best === undefined || comparePos(p, best) < 0)) best = p;
    }
    return best;
  }

  /**
   * Whether requirement r declares the step to z before `kept` does: the entry first in source order, as `stepPos`
   * chooses it (and `WitnessFinder.measure`). Positions are looked up by name only for such ties, never for every step.
   */
  private earlier(r: number, kept: number, z: number): boolean {
    const p = this.positions.at(r, z);
    const k = this.positions.at(kept, z);
    return p !== undefined && (k === undefined || comparePos(k, p) > 0);
  }

  /** Moves the stamp past every distance of the last search (each at most the services it reached), instead of clearing them. */
  private clear(): void {
    const { n } = this.g;
    this.base += Math.max(this.lenF, this.lenB) + 1;
    if (this.base > 0x7fffffff - 2 * n - 2) {
      // (after ~10⁹ steps of searches) start the stamps again from nothing
      for (let v = 0; v < n; v++) {
        this.mark[2 * v] = 0;
        this.mark[2 * v + 1] = 0;
      }
      this.base = 1;
    }
    this.lenF = 0;
    this.lenB = 0;
    this.layerF.length = 0;
  }
}
