// The shortest, smallest-named witness X ⇒ c → … → X by a search from both ends: its cost is two small balls, not Down({X}).
import type { SourcePos } from "../model/types.js";
import { comparePos } from "../util/order.js";
import { type Compiled, stepPos } from "./compiled.js";
import type { DownSet } from "./down.js";
import { B_LEN, B_OFF, DIST_B, DIST_F, F_LEN, F_OFF, packReasons, W } from "./reasons.js";
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
 * Then the smallest path among the shortest. At a position i ≥ a a service lies on a shortest path
 * iff distB = L − i (B is complete to depth b = L − a, and any step from a service on a shortest
 * path to one with distB = L − i − 1 is itself on one). Before a, the services on a shortest path
 * are marked from the meeting side down, each by its steps into a marked one (`onShortest`). Reading
 * greedily the smallest id (ids are in name order) that stays on a shortest path gives the smallest
 * sequence: the candidates are equally long, and each prefix can be finished. Shortest paths are
 * simple, as SPEC §3's brute force enumerates them.
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
  /** Marks of the services on a shortest path: onShortest[v] === base. */
  private onShortest = new Int32Array(0);
  /**
   * The stamp of the current search: a distance d is stored as base + d, and anything below base is unreached, so a
   * search starts by moving base past the last one's distances instead of clearing what that one touched.
   */
  private base = 1;
  /** The services reached by each search, in the order reached (each at most once): forward layers are contiguous. */
  private queueF = new Int32Array(0);
  private queueB = new Int32Array(0);
  private lenF = 0;
  private lenB = 0;
  private readonly layerF: number[] = [];
  /** The steps out of each forward layer (what expanding it reads). */
  private readonly layerCostF: number[] = [];
  /** The services marked as on a shortest path, a forward layer after another. */
  private readonly marked: number[] = [];
  private readonly positions: StepPositions;
  private d: DownSet | undefined;
  private built = false;
  /** The forward depth a of the last search: path positions from a on follow `nx`. */
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
    this.onShortest = scratch.int32(n);
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
    scratch.give(this.st, this.nx, this.onShortest, this.queueF, this.queueB);
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
    const { g, st, nx, fwd, bwd, bwdReq, queueF, queueB, layerF, layerCostF, marked, onShortest, base } = this;
    const { rollback } = g;
    // the queue lengths stay in locals through the loops, and are stored before anything reads them
    let lenF = 0;
    let lenB = 0;
    let costF = 0;
    for (const r of reqs) {
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        const c = rollback.members[k] as number;
        if ((st[c * W + DIST_F] as number) >= base) continue;
        st[c * W + DIST_F] = base;
        queueF[lenF++] = c;
        costF += st[c * W + F_LEN] as number;
      }
    }
    if (also >= 0 && (st[also * W + DIST_F] as number) < base) {
      st[also * W + DIST_F] = base;
      queueF[lenF++] = also;
      costF += st[also * W + F_LEN] as number;
    }
    layerF.push(0);
    layerCostF.push(costF);
    st[x * W + DIST_B] = base;
    queueB[lenB++] = x;
    this.lenF = lenF;
    this.lenB = lenB;
    if (st[x * W + DIST_F] === base) return [x, x];
    let costB = st[x * W + B_LEN] as number;
    let a = 0;
    let b = 0;
    let startB = 0;
    let found = false;
    for (;;) {
      const endF = lenF;
      const endB = lenB;
      const fromF = layerF[a] as number;
      if (fromF === endF || startB === endB) break;
      if (costF <= costB) {
        // forward: the layer a → a + 1. A step into B ends the search (L = a + 1 + b); the rest of the
        // layer is still read, to mark every service of it with such a step, but no longer grows F.
        let cost = 0;
        let met = false;
        const na = a + 1;
        for (let h = fromF; h < endF; h++) {
          const u = queueF[h] as number;
          const o = st[u * W + F_OFF] as number;
          const end = o + (st[u * W + F_LEN] as number);
          for (let k = o; k < end; k++) {
            const s = (fwd[k] as number) * W;
            if ((st[s + DIST_B] as number) >= base) {
              met = true;
              onShortest[u] = base;
              marked.push(u);
              break;
            }
            if (met || (st[s + DIST_F] as number) >= base) continue;
            st[s + DIST_F] = base + na;
            queueF[lenF++] = fwd[k] as number;
            cost += st[s + F_LEN] as number;
          }
        }
        a = na;
        layerF.push(endF);
        costF = cost;
        layerCostF.push(cost);
        if (met) {
          found = true;
          break;
        }
      } else {
        // backward: the layer b → b + 1, in full (positions from a on read distB = b + 1 everywhere)
        let cost = 0;
        const meet = marked.length;
        const nb = b + 1;
        for (let h = startB; h < endB; h++) {
          const z = queueB[h] as number;
          const o = st[z * W + B_OFF] as number;
          const end = o + (st[z * W + B_LEN] as number);
          for (let k = o; k < end; k++) {
            const y = bwd[k] as number;
            const s = y * W;
            const dy = st[s + DIST_B] as number;
            if (dy < base) {
              st[s + DIST_B] = base + nb;
              queueB[lenB++] = y;
              cost += st[s + B_LEN] as number;
              // met: y is on a shortest path at position a (kept in `marked` for the step below, then dropped)
              if ((st[s + DIST_F] as number) >= base) marked.push(y);
            } else if (dy !== base + nb || (nx[2 * y] as number) < z) continue;
            else if (nx[2 * y] === z && !this.earlier(bwdReq[k] as number, bwdReq[nx[2 * y + 1] as number] as number, z)) continue;
            nx[2 * y] = z;
            nx[2 * y + 1] = k;
          }
        }
        b = nb;
        startB = endB;
        costB = cost;
        if (marked.length > meet) {
          this.lenF = lenF;
          this.lenB = lenB;
          if (a === 0) return this.read(x, a, b);
          // the meeting services (at position a) make way for the marks of layer a − 1
          const meeting = marked.splice(meet);
          this.markLayer(a - 1, meeting, 0, meeting.length, a, b);
          found = true;
          break;
        }
      }
    }
    this.lenF = lenF;
    this.lenB = lenB;
    if (!found) return undefined;
    // marks down to layer 0, each layer from the one above
    let from = 0;
    for (let i = a - 1; i > 0; i--) {
      const to = marked.length;
      this.markLayer(i - 1, marked, from, to, a, b);
      from = to;
    }
    return this.read(x, a, b);
  }

  /**
   * Marks the services of forward layer i that lie on a shortest path: those with a step into one of `above[lo .. hi)`,
   * the services of position i + 1 on one. Either through the steps into those, or through the steps out of layer i,
   * whichever are fewer: both are exact, and the second costs no more than the layer's expansion did (a marked
   * service may have many steps into it). At i + 1 = a, a step out of layer i reaches one iff it reaches distB = b;
   * before a, iff it reaches a mark of layer i + 1 (not one of layer i itself, being marked meanwhile).
   */
  private markLayer(i: number, above: readonly number[], lo: number, hi: number, a: number, b: number): void {
    const { st, fwd, bwd, onShortest, marked, queueF, layerF, base } = this;
    let into = 0;
    for (let h = lo; h < hi; h++) into += st[(above[h] as number) * W + B_LEN] as number;
    if (into <= (this.layerCostF[i] as number)) {
      for (let h = lo; h < hi; h++) {
        const v = above[h] as number;
        const o = st[v * W + B_OFF] as number;
        const end = o + (st[v * W + B_LEN] as number);
        for (let k = o; k < end; k++) {
          const y = bwd[k] as number;
          if (st[y * W + DIST_F] !== base + i || onShortest[y] === base) continue;
          onShortest[y] = base;
          marked.push(y);
        }
      }
      return;
    }
    for (let h = layerF[i] as number; h < (layerF[i + 1] as number); h++) {
      const u = queueF[h] as number;
      const o = st[u * W + F_OFF] as number;
      const end = o + (st[u * W + F_LEN] as number);
      for (let k = o; k < end; k++) {
        const w = fwd[k] as number;
        if (i + 1 === a ? st[w * W + DIST_B] === base + b : onShortest[w] === base && st[w * W + DIST_F] === base + i + 1) {
          onShortest[u] = base;
          marked.push(u);
          break;
        }
      }
    }
  }

  /** The smallest shortest path once L = a + b is known, B complete to depth b and layers 0 … a − 1 marked. */
  private read(x: number, a: number, b: number): number[] {
    const { st, nx, fwd, onShortest, queueF, base } = this;
    const L = a + b;
    this.meetA = a;
    let c = -1;
    for (let h = 0; h < (this.layerF[1] ?? this.lenF); h++) {
      const s = queueF[h] as number;
      if ((c === -1 || s < c) && (a === 0 ? st[s * W + DIST_B] === base + L : onShortest[s] === base)) c = s;
    }
    const path = [x, c];
    let v = c;
    for (let pos = 1; pos <= L; pos++) {
      if (pos > a) v = nx[2 * v] as number;
      else {
        // the smallest step to a marked service of layer pos (a mark elsewhere cannot follow v), or at a, to distB = b
        const o = st[v * W + F_OFF] as number;
        const end = o + (st[v * W + F_LEN] as number);
        let best = -1;
        for (let k = o; k < end; k++) {
          const w = fwd[k] as number;
          if (best !== -1 && w >= best) continue;
          if (pos === a ? st[w * W + DIST_B] === base + b : onShortest[w] === base && st[w * W + DIST_F] === base + pos) best = w;
        }
        v = best;
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
        this.st[v * W + DIST_F] = 0;
        this.st[v * W + DIST_B] = 0;
        this.onShortest[v] = 0;
      }
      this.base = 1;
    }
    this.lenF = 0;
    this.lenB = 0;
    this.layerF.length = 0;
    this.layerCostF.length = 0;
    this.marked.length = 0;
  }
}
