// The shortest, smallest-named witness X ⇒ c → … → X by a search from both ends: its cost is two small balls, not Down({X}).
import type { Entry, SourcePos } from "../model/types.js";
import { comparePos } from "../util/order.js";
import { type Compiled, stepPos } from "./compiled.js";
import type { DownSet } from "./down.js";
import { compareMembers, type Witness } from "./witness.js";

/**
 * The witness of SPEC §3 for one X, inside a computed Down set `d`: over the reason graph (Y → Z
 * for Z in a runtime requirement of Y lying wholly inside the set), a shortest path from some goal
 * c (a member of a qualifying rollback requirement) to X, the smallest by the names along it.
 *
 * A breadth-first search forward from the goals (distF) and one backward from X (distB), a full
 * layer at a time, the cheaper frontier first. Exactness, with F complete to depth a and B to depth
 * b and no service in both: every path of length ≤ a + b has a service v at a position i with
 * i ≤ a and L − i ≤ b, which would be in both, so the shortest length L exceeds a + b. Hence the
 * layer expansion that first finds a service in both sets (going to depth a + 1 or b + 1) proves
 * L = (new a) + b, or a + (new b): found lengths are ≥ L, and one is that short.
 *
 * Then the smallest path among the shortest. A service at forward position i < a lies on a
 * shortest path iff it has a reason step to one at position i + 1 that does (`onShortest`, marked
 * layer by layer from the meeting side); at a position i ≥ a, iff distB = L − i (B is complete to
 * L − a, and a step from a service on a shortest path to one with distB = L − i − 1 is itself
 * shortest). Reading greedily the smallest id (ids are in name order) that stays on a shortest
 * path gives the smallest sequence: all candidates are equally long, and each prefix can finish.
 * Paths are simple by being shortest, as SPEC §3's brute force enumerates them.
 *
 * Reusable: each search clears only what it touched.
 */
export class PairWitness {
  private readonly distF: Int32Array;
  private readonly distB: Int32Array;
  private readonly onShortest: Uint8Array;
  /** The services reached by each search, in the order reached (each at most once): layers are contiguous. */
  private readonly queueF: Int32Array;
  private readonly queueB: Int32Array;
  private lenF = 0;
  private lenB = 0;
  /** Where each forward layer starts in queueF (layerF[i] .. layerF[i + 1]). */
  private readonly layerF: number[] = [];
  /** The number of reason candidates (runtime requirement slots, forward; memberships, backward) of each service. */
  private readonly outDegree: Int32Array;
  /** For each service of B at distB j > 0, its smallest step to one at j − 1, and the requirement declaring it first. */
  private readonly nextB: Int32Array;
  private readonly nextReqB: Int32Array;
  /** The forward depth a of the last search: path positions from a on follow nextB. */
  private meetA = 0;

  constructor(private readonly g: Compiled) {
    const { n, runtime } = g;
    this.distF = new Int32Array(n).fill(-1);
    this.distB = new Int32Array(n).fill(-1);
    this.onShortest = new Uint8Array(n);
    this.queueF = new Int32Array(n);
    this.queueB = new Int32Array(n);
    this.outDegree = new Int32Array(n);
    this.nextB = new Int32Array(n).fill(-1);
    this.nextReqB = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) {
      this.outDegree[v] =
        (runtime.memberStart[runtime.start[v + 1] as number] as number) - (runtime.memberStart[runtime.start[v] as number] as number);
    }
  }

  /**
   * The witness x ⇒ c → … → x over the rollback requirements `reqs` of x (each wholly inside `d`),
   * as `WitnessFinder.best` defines it after a full measure: shortest, then the smallest c, then the
   * smallest names along the rest; among the requirements holding c, the smallest (`compareMembers`),
   * then the first in `reqs`. Undefined when no member reaches x.
   */
  best(d: DownSet, x: number, reqs: readonly number[]): Witness | undefined {
    const path = this.search(d, x, reqs);
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
    const locations: SourcePos[] = [];
    const first = stepPos(g, rollback, x, c, (r) => reqs.includes(r));
    if (first) locations.push(first);
    // path[i] is at position i − 1; a step from position a on was chosen with its requirement (a hub's many are not scanned)
    for (let i = 2; i < path.length; i++) {
      const from = path[i - 1] as number;
      const to = path[i] as number;
      const p = i - 2 >= this.meetA ? this.stepAt(this.nextReqB[from] as number, to) : stepPos(g, g.runtime, from, to, (r) => d.reqDown(r));
      if (p) locations.push(p);
    }
    return { requirement, path, locations };
  }

  /** [x, c, …, x] (or [x, x] when x is a goal itself), or undefined. */
  private search(d: DownSet, x: number, reqs: readonly number[]): number[] | undefined {
    const { g, distF, distB, queueF, queueB, layerF, outDegree, nextB, nextReqB } = this;
    const { rollback, runtime, byMemberStart, byMember } = g;
    this.clear();
    let costF = 0;
    for (const r of reqs) {
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        const c = rollback.members[k] as number;
        if (distF[c] !== -1) continue;
        distF[c] = 0;
        queueF[this.lenF++] = c;
        costF += outDegree[c] as number;
      }
    }
    layerF.push(0);
    distB[x] = 0;
    queueB[this.lenB++] = x;
    let costB = (byMemberStart[x + 1] as number) - (byMemberStart[x] as number);
    let a = 0;
    let b = 0;
    let startB = 0;
    let met = distF[x] === 0;
    while (!met) {
      const endF = this.lenF;
      const endB = this.lenB;
      const fromF = layerF[a] as number;
      if (fromF === endF || startB === endB) return undefined;
      if (costF <= costB) {
        // forward: the layer a → a + 1; the first service already in B ends the search (L = a + 1 + b)
        let cost = 0;
        for (let h = fromF; h < endF && !met; h++) {
          const v = queueF[h] as number;
          for (let r = runtime.start[v] as number; r < (runtime.start[v + 1] as number) && !met; r++) {
            if (!d.reqDown(r)) continue;
            for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
              const w = runtime.members[k] as number;
              if (distB[w] !== -1) {
                met = true;
                break;
              }
              if (distF[w] !== -1) continue;
              distF[w] = a + 1;
              queueF[this.lenF++] = w;
              cost += outDegree[w] as number;
            }
          }
        }
        a++;
        layerF.push(endF);
        costF = cost;
      } else {
        // backward: the layer b → b + 1, in full (the marking below reads distB = b + 1 everywhere)
        let cost = 0;
        for (let h = startB; h < endB; h++) {
          const z = queueB[h] as number;
          for (let k = byMemberStart[z] as number; k < (byMemberStart[z + 1] as number); k++) {
            const r = byMember[k] as number;
            if (!d.reqDown(r)) continue;
            const y = runtime.owner[r] as number;
            // a requirement wholly down whose owner is not: only where `add` was told to admit less, off every path from a goal
            if (!d.isDown[y]) continue;
            const dy = distB[y] as number;
            if (dy === -1) {
              distB[y] = b + 1;
              queueB[this.lenB++] = y;
              cost += (byMemberStart[y + 1] as number) - (byMemberStart[y] as number);
              if (distF[y] !== -1) met = true;
            } else if (dy !== b + 1 || (nextB[y] as number) < z) continue;
            else if (nextB[y] === z && !this.earlier(r, nextReqB[y] as number, z)) continue;
            nextB[y] = z;
            nextReqB[y] = r;
          }
        }
        b++;
        startB = endB;
        costB = cost;
      }
    }
    this.meetA = a;
    return this.read(d, x, a, b);
  }

  /** The smallest shortest path once L = a + b is known, B complete to depth b and F to a − 1 (or a). */
  private read(d: DownSet, x: number, a: number, b: number): number[] {
    const { distF, distB, onShortest, queueF, layerF } = this;
    const L = a + b;
    // Is v (at forward position pos − 1) followed on a shortest path by w? At positions ≥ a by distB,
    // before a by the marks, set from the last forward layer down: a marked w at a position other
    // than pos cannot follow v, as marks are set only on the layers above the one being marked.
    const follows = (w: number, pos: number): boolean => (pos >= a ? distB[w] === L - pos : onShortest[w] === 1 && distF[w] === pos);
    for (let i = a - 1; i >= 0; i--) {
      for (let h = layerF[i] as number; h < (layerF[i + 1] as number); h++) {
        const u = queueF[h] as number;
        if (this.nextOnShortest(d, u, i + 1, follows) !== -1) onShortest[u] = 1;
      }
    }
    let c = -1;
    for (let h = layerF[0] as number; h < (layerF[1] ?? this.lenF); h++) {
      const s = queueF[h] as number;
      if ((c === -1 || s < c) && follows(s, 0)) c = s;
    }
    const path = [x, c];
    let v = c;
    // from position a on, the backward search's pointers: each the smallest step to distB one less, as `follows` would scan
    for (let pos = 1; pos <= L; pos++) {
      v = pos > a ? (this.nextB[v] as number) : this.nextOnShortest(d, v, pos, follows);
      path.push(v);
    }
    return path;
  }

  /** The smallest reason step of v to a service that `follows` accepts at position pos, or -1. */
  private nextOnShortest(d: DownSet, v: number, pos: number, follows: (w: number, pos: number) => boolean): number {
    const { runtime } = this.g;
    let best = -1;
    for (let r = runtime.start[v] as number; r < (runtime.start[v + 1] as number); r++) {
      if (!d.reqDown(r)) continue;
      for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
        const w = runtime.members[k] as number;
        if ((best === -1 || w < best) && follows(w, pos)) best = w;
      }
    }
    return best;
  }

  /** The position of z's name in the entry of runtime requirement r. */
  private stepAt(r: number, z: number): SourcePos | undefined {
    const e = this.g.runtime.entry[r] as Entry;
    return e.namePos[e.names.indexOf(this.g.names[z] as string)];
  }

  /**
   * Whether requirement r declares the step to z before `kept` does: the entry first in source order, as `stepPos`
   * chooses it (and `WitnessFinder.measure`). Positions are looked up by name only for such ties, never for every step.
   */
  private earlier(r: number, kept: number, z: number): boolean {
    const p = this.stepAt(r, z);
    const k = this.stepAt(kept, z);
    return p !== undefined && (k === undefined || comparePos(k, p) > 0);
  }

  private clear(): void {
    for (let h = 0; h < this.lenF; h++) {
      const v = this.queueF[h] as number;
      this.distF[v] = -1;
      this.onShortest[v] = 0;
    }
    for (let h = 0; h < this.lenB; h++) {
      const v = this.queueB[h] as number;
      this.distB[v] = -1;
      this.nextB[v] = -1;
      this.nextReqB[v] = -1;
    }
    this.lenF = 0;
    this.lenB = 0;
    this.layerF.length = 0;
  }
}
