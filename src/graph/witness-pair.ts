// The shortest, smallest-named witness X ⇒ c → … → X by a search from both ends: its cost is two small balls, not Down({X}).
import type { SourcePos } from "../model/types.js";
import { comparePos } from "../util/order.js";
import { type Compiled, stepPos } from "./compiled.js";
import type { DownSet } from "./down.js";
import { B_LEN, B_OFF, DIST_B, F_LEN, F_OFF, PARENT, packReasons, RANK_F, W } from "./reasons.js";
import { scratchOf } from "./scratch.js";
import { StepPositions } from "./step-positions.js";
import { compareMembers, type Witness } from "./witness.js";

/**
 * The witness of SPEC §3 for one X, inside a computed Down set `d`: over the reason graph (Y → Z
 * for Z in a runtime requirement of Y lying wholly inside the set, Y in the set), a shortest path
 * from some goal c (a member of a qualifying rollback requirement) to X, the smallest by the names
 * along it. The reason graph of a set is built once (`bind`), for all the services that share it.
 *
 * A breadth-first search forward from the goals and one backward from X, a full layer at a time,
 * the cheaper frontier first. Exactness, with F complete to depth a and B to depth b and no service
 * in both: every path of length ≤ a + b has a service at a position i with i ≤ a and L − i ≤ b,
 * which would be in both, so the shortest length L exceeds a + b. Hence the layer expansion that
 * first finds a service in both (going to depth a + 1 or b + 1) proves L = a + b with the new depths.
 *
 * Then the smallest path among the shortest, with no second pass. The forward search is lexicographic:
 * the goals in name order (ids are in name order), each layer's services in the order of their
 * smallest path from a goal, for a layer is read in that order and each service's steps in name order
 * (`packReasons` lays them out so), and a service is ranked where it is first reached, with that
 * parent. So on any shortest path, the prefix up to position a is decided by the rank of the service
 * at a, and the rest, inside B, by taking the smallest step down B's distances (`nx`, complete once a
 * layer of B is). Met forward, the first step into B of the layer read in rank order ends the search:
 * its service has the smallest prefix, and the step the smallest next name. Met backward, the meeting
 * service of least rank. Shortest paths are simple, as SPEC §3's brute force enumerates them.
 *
 * Reusable: each search starts from a new stamp, nothing to clear (`clear`). The inner loops read flat typed arrays only (no
 * objects, no strings, no closures): at 100,000 services in one component each witness reads ~820 steps,
 * and what a step costs is the cache misses on what it reads. The arrays are borrowed from the graph's scratch (`give`).
 */
export class PairWitness {
  st = new Int32Array(0);
  fwd = new Int32Array(0);
  bwd = new Int32Array(0);
  /** The requirement behind each step of `fwd` and `bwd`. */
  fwdReq = new Int32Array(0);
  bwdReq = new Int32Array(0);
  /**
   * For v reached backward at distance j > 0: its smallest step to one at j − 1 (nx[2v]) and the index in `bwd` of
   * that step through the requirement declaring it first (nx[2v + 1]). Written when v is reached, so never cleared.
   */
  private nx = new Int32Array(0);
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
  /** The position of the last path's first service inside B (reached backward): the steps from there on follow `nx`. */
  private meetA = 0;

  constructor(private readonly g: Compiled) {
    this.positions = new StepPositions(g);
  }

  /** The arrays, at the first set with a catch-22 in it: an estate without one never pays for them. */
  private allocate(): void {
    const { n } = this.g;
    const scratch = scratchOf(this.g);
    this.st = scratch.int32(n * W);
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
    scratch.give(this.st, this.nx, this.queueF, this.queueB);
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
    const { g, nx, bwdReq } = this;
    const locations: SourcePos[] = [];
    const first = stepPos(g, g.rollback, path[0] as number, path[1] as number, accept);
    if (first !== undefined) locations.push(first);
    // path[i] is at position i − 1; a step from position a on was chosen with its requirement (a hub's many are not scanned)
    for (let i = 2; i < path.length; i++) {
      const from = path[i - 1] as number;
      const to = path[i] as number;
      const p = i - 2 >= this.meetA ? this.positions.at(bwdReq[nx[2 * from + 1] as number] as number, to) : this.locate(from, to);
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
    packReasons(this.g, d, this);
    this.built = true;
  }

  /** [x, c, …, x] (or [x, x] when x is a goal itself), or undefined; the goals: the members of `reqs`, and `also` (≥ 0). */
  private search(x: number, reqs: readonly number[], also = -1): number[] | undefined {
    this.clear();
    const { g, st, nx, fwd, bwd, bwdReq, queueF, queueB, layerF, base } = this;
    const { rollback } = g;
    // the queue lengths stay in locals through the loops, and are stored before anything reads them
    let lenF = 0;
    let lenB = 0;
    for (const r of reqs) {
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        const c = rollback.members[k] as number;
        if ((st[c * W + RANK_F] as number) >= base) continue;
        st[c * W + RANK_F] = base;
        queueF[lenF++] = c;
      }
    }
    if (also >= 0 && (st[also * W + RANK_F] as number) < base) {
      st[also * W + RANK_F] = base;
      queueF[lenF++] = also;
    }
    // layer 0 in name order, each goal its own rank: the first ranks of a lexicographic search
    if (lenF > 1) queueF.subarray(0, lenF).sort();
    let costF = 0;
    for (let h = 0; h < lenF; h++) {
      const c = queueF[h] as number;
      st[c * W + RANK_F] = base + h;
      st[c * W + PARENT] = -1;
      costF += st[c * W + F_LEN] as number;
    }
    layerF.push(0);
    st[x * W + DIST_B] = base;
    queueB[lenB++] = x;
    this.lenF = lenF;
    this.lenB = lenB;
    if ((st[x * W + RANK_F] as number) >= base) return [x, x];
    let costB = st[x * W + B_LEN] as number;
    let a = 0;
    let b = 0;
    let startB = 0;
    for (;;) {
      const endF = lenF;
      const endB = lenB;
      const fromF = layerF[a] as number;
      if (fromF === endF || startB === endB) break;
      if (costF <= costB) {
        // forward: the layer a → a + 1, its services in rank order, each one's steps in name order. The first step
        // into B ends the search: it is the smallest step of the smallest-ranked service with one (L = a + 1 + b).
        let cost = 0;
        const na = a + 1;
        for (let h = fromF; h < endF; h++) {
          const u = queueF[h] as number;
          const o = st[u * W + F_OFF] as number;
          const end = o + (st[u * W + F_LEN] as number);
          for (let k = o; k < end; k++) {
            const w = fwd[k] as number;
            const s = w * W;
            if ((st[s + DIST_B] as number) >= base) {
              this.lenF = lenF;
              this.lenB = lenB;
              this.meetA = na;
              return this.read(x, u, w);
            }
            if ((st[s + RANK_F] as number) >= base) continue;
            st[s + RANK_F] = base + lenF;
            st[s + PARENT] = u;
            queueF[lenF++] = w;
            cost += st[s + F_LEN] as number;
          }
        }
        a = na;
        layerF.push(endF);
        costF = cost;
      } else {
        // backward: the layer b → b + 1, in full (each service's smallest step to layer b is known only then)
        let cost = 0;
        let meet = -1;
        let meetRank = 0;
        const nb = base + b + 1;
        for (let h = startB; h < endB; h++) {
          const z = queueB[h] as number;
          const o = st[z * W + B_OFF] as number;
          const end = o + (st[z * W + B_LEN] as number);
          for (let k = o; k < end; k++) {
            const y = bwd[k] as number;
            const s = y * W;
            const dy = st[s + DIST_B] as number;
            if (dy < base) {
              st[s + DIST_B] = nb;
              queueB[lenB++] = y;
              cost += st[s + B_LEN] as number;
              // met: y is in forward layer a (any earlier layer would make a path shorter than a + b + 1)
              const rank = st[s + RANK_F] as number;
              if (rank >= base && (meet === -1 || rank < meetRank)) {
                meet = y;
                meetRank = rank;
              }
            } else if (dy !== nb || (nx[2 * y] as number) < z) continue;
            else if (nx[2 * y] === z && !this.earlier(bwdReq[k] as number, bwdReq[nx[2 * y + 1] as number] as number, z)) continue;
            nx[2 * y] = z;
            nx[2 * y + 1] = k;
          }
        }
        b++;
        startB = endB;
        costB = cost;
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
   * The path [x, c, …, u, (w,) …, x] once the search has met: the goals' smallest path to u (by its parents), then,
   * when the forward side met, the step u → w into B, then the smallest steps down B's distances to x (`nx`).
   */
  private read(x: number, u: number, w: number): number[] {
    const { st, nx } = this;
    const prefix: number[] = [];
    for (let v = u; v !== -1; v = st[v * W + PARENT] as number) prefix.push(v);
    const path = [x];
    for (let i = prefix.length - 1; i >= 0; i--) path.push(prefix[i] as number);
    let v = u;
    if (w !== -1) {
      path.push(w);
      v = w;
    }
    while (v !== x) {
      v = nx[2 * v] as number;
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
      if (fwd[k] !== w) continue;
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
        this.st[v * W + RANK_F] = 0;
        this.st[v * W + DIST_B] = 0;
      }
      this.base = 1;
    }
    this.lenF = 0;
    this.lenB = 0;
    this.layerF.length = 0;
  }
}
