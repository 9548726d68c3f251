// Witnesses of a blocked rollback (SPEC §3, §4): X ⇒ c → … → a source, the chain of reasons why c is down.
import type { Entry, SourcePos } from "../model/types.js";
import { comparePos } from "../util/order.js";
import { type Compiled, namePosOf, type RequirementSet, stepPos } from "./compiled.js";
import type { DownSet } from "./down.js";
import { scratchOf } from "./scratch.js";

export interface Witness {
  /** The rollback requirement the path starts with. */
  requirement: number;
  /** service ⇒ path[1] → … → a source (path[1] is the needed service; the path stops there when it is a source). */
  path: number[];
  /** The entry declaring each step of the path. */
  locations: SourcePos[];
}

/**
 * Shortest witnesses inside a computed Down set. `measure` records, for every service of the set,
 * the number of runtime steps to the nearest source (the services whose failure started it), each
 * step Y → Z through a requirement of Y lying wholly inside the set: an `anyOf` with one
 * alternative up is no reason. Paths are then read off greedily: shortest first, ties broken by
 * the names along them (ids are in name order). Reusable: `clear` undoes only what was touched.
 * Its arrays are borrowed from the graph's scratch (`give`).
 */
export class WitnessFinder {
  private dist = NONE;
  /** For each measured service, the smallest-named next step on a shortest way to a source, and its requirement. */
  private next = NONE;
  private nextReq = NONE;
  private readonly order: number[] = [];

  /** The arrays come at the first `measure` (rollback-needs-broken keeps one in reserve, seldom used). */
  constructor(private readonly g: Compiled) {}

  /** Gives the arrays back to the graph's scratch: the finder is not used again. */
  give(): void {
    if (this.dist === NONE) return;
    scratchOf(this.g).give(this.dist, this.next, this.nextReq);
    this.dist = this.next = this.nextReq = NONE;
    this.order.length = 0;
  }

  /**
   * Breadth-first from `sources` against the runtime requirements, within `d`. With `goal`, stops
   * before the first layer at or beyond the nearest goal: every goal that near, and every step
   * towards it, is settled by then, and `best` over goals reads nothing farther.
   */
  measure(d: DownSet, sources: Iterable<number>, goal?: ReadonlySet<number>): void {
    if (this.dist === NONE) {
      const scratch = scratchOf(this.g);
      this.dist = scratch.int32(this.g.n, -1);
      this.next = scratch.int32(this.g.n, -1);
      this.nextReq = scratch.int32(this.g.n, -1);
    }
    this.clear();
    const { runtime, byMemberStart, byMember } = this.g;
    const { dist, order } = this;
    for (const s of sources) {
      if (dist[s] !== -1) continue;
      dist[s] = 0;
      order.push(s);
    }
    // Layer by layer, so every candidate next step of y is seen before y's own layer is expanded:
    // the walk back (pathFrom) then needs no scan of y's requirements, which may be many (a hub).
    const { next, nextReq } = this;
    let nearest = -1;
    if (goal) for (const s of order) if (goal.has(s)) nearest = 0;
    for (let head = 0; head < order.length; head++) {
      const z = order[head] as number;
      const dz = dist[z] as number;
      if (nearest !== -1 && dz >= nearest) break;
      for (let k = byMemberStart[z] as number; k < (byMemberStart[z + 1] as number); k++) {
        const r = byMember[k] as number;
        if (!d.reqDown(r)) continue;
        const y = runtime.owner[r] as number;
        if (!d.isDown[y]) continue;
        const dy = dist[y] as number;
        if (dy !== -1 && (dy !== dz + 1 || (next[y] as number) < z)) continue;
        if (dy === -1) {
          dist[y] = dz + 1;
          order.push(y);
          if (nearest === -1 && goal?.has(y)) nearest = dz + 1;
        } else if (next[y] === z) {
          // The same step through another requirement: the entry first in source order. Positions are
          // looked up by name, so only here and for the reported path, never for every step seen.
          const p = this.stepAt(r, z);
          const kept = this.stepAt(nextReq[y] as number, z);
          if (!p || (kept && comparePos(kept, p) <= 0)) continue;
        }
        next[y] = z;
        nextReq[y] = r;
      }
    }
  }

  /** Runtime steps from v to the nearest source inside the set, or -1. */
  distance(v: number): number {
    return (this.dist[v] as number | undefined) ?? -1;
  }

  /**
   * The shortest witness x ⇒ c → … over the rollback requirements `reqs` of x (c a member of one
   * of them), ties broken by c, then by the names along the rest; among requirements holding the
   * best c, the first in `reqs`. Undefined when no member is measured.
   */
  best(x: number, reqs: readonly number[]): Witness | undefined {
    const { rollback } = this.g;
    const { dist } = this;
    let best: { r: number; c: number } | undefined;
    for (const r of reqs) {
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        const c = rollback.members[k] as number;
        const dc = (dist[c] as number | undefined) ?? -1;
        if (dc === -1) continue;
        if (!best || dc < (dist[best.c] as number) || (dc === dist[best.c] && c < best.c)) best = { r, c };
        // The same c in several requirements: the smallest requirement, then by its names, never the written order.
        else if (c === best.c && compareMembers(rollback, r, best.r) < 0) best = { r, c };
      }
    }
    if (!best) return undefined;
    const path = this.pathFrom(x, best.c);
    return { requirement: best.r, path, locations: this.locations(path, (r) => reqs.includes(r)) };
  }

  /**
   * The shortest chain x ⇒ c → … for one given c (measured), its rollback step located at the first
   * requirement in source order among those passing `accept`.
   */
  chain(x: number, c: number, accept: (r: number) => boolean): { path: number[]; locations: SourcePos[] } | undefined {
    if (((this.dist[c] as number | undefined) ?? -1) === -1) return undefined;
    const path = this.pathFrom(x, c);
    return { path, locations: this.locations(path, accept) };
  }

  clear(): void {
    for (const v of this.order) {
      this.dist[v] = -1;
      this.next[v] = -1;
      this.nextReq[v] = -1;
    }
    this.order.length = 0;
  }

  /** The position of z's name in the entry of runtime requirement r (a source's missing step: undefined). */
  private stepAt(r: number, z: number): SourcePos | undefined {
    if (r === -1) return undefined;
    return namePosOf(this.g.runtime.entry[r] as Entry, this.g.names[z] as string);
  }

  private pathFrom(x: number, c: number): number[] {
    const path = [x, c];
    let v = c;
    while ((this.dist[v] as number) > 0) {
      v = this.next[v] as number;
      path.push(v);
    }
    return path;
  }

  /** The entry behind each step: for the rollback step, a requirement passing `accept`; then runtime requirements inside the set. */
  private locations(path: number[], accept: (r: number) => boolean): SourcePos[] {
    const { g } = this;
    const locations: SourcePos[] = [];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] as number;
      const to = path[i] as number;
      const p = i === 1 ? stepPos(g, g.rollback, from, to, accept) : this.stepAt(this.nextReq[from] as number, to);
      if (p) locations.push(p);
    }
    return locations;
  }
}

/** Before the first measure: nothing measured (reads give undefined, taken as -1). */
const NONE = new Int32Array(0);

/** The rollback requirements of x lying wholly inside the set. */
export function rollbackInside(g: Compiled, d: DownSet, x: number): number[] {
  const { rollback } = g;
  const out: number[] = [];
  for (let r = rollback.start[x] as number; r < (rollback.start[x + 1] as number); r++) {
    let inside = true;
    for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
      if (!d.isDown[rollback.members[k] as number]) inside = false;
    }
    if (inside) out.push(r);
  }
  return out;
}

/** Orders two requirements by size, then by their (sorted) member ids, which are in name order. */
export function compareMembers(set: RequirementSet, a: number, b: number): number {
  const sa = (set.memberStart[a + 1] as number) - (set.memberStart[a] as number);
  const sb = (set.memberStart[b + 1] as number) - (set.memberStart[b] as number);
  if (sa !== sb) return sa - sb;
  for (let i = 0; i < sa; i++) {
    const d = (set.members[(set.memberStart[a] as number) + i] as number) - (set.members[(set.memberStart[b] as number) + i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
