// Witnesses of a blocked rollback (SPEC §3, §4): X ⇒ c → … → a source, the chain of reasons why c is down.
import type { SourcePos } from "../model/types.js";
import { type Compiled, stepPos } from "./compiled.js";
import type { DownSet } from "./down.js";

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
 */
export class WitnessFinder {
  private readonly dist: Int32Array;
  private readonly order: number[] = [];
  private d: DownSet | undefined;

  constructor(private readonly g: Compiled) {
    this.dist = new Int32Array(g.n).fill(-1);
  }

  /** Breadth-first from `sources` against the runtime requirements, within `d`. */
  measure(d: DownSet, sources: Iterable<number>): void {
    this.clear();
    this.d = d;
    const { runtime, byMemberStart, byMember } = this.g;
    const { dist, order } = this;
    for (const s of sources) {
      if (dist[s] !== -1) continue;
      dist[s] = 0;
      order.push(s);
    }
    for (let head = 0; head < order.length; head++) {
      const z = order[head] as number;
      for (let k = byMemberStart[z] as number; k < (byMemberStart[z + 1] as number); k++) {
        const r = byMember[k] as number;
        if (!d.reqDown(r)) continue;
        const y = runtime.owner[r] as number;
        if (dist[y] !== -1 || !d.isDown[y]) continue;
        dist[y] = (dist[z] as number) + 1;
        order.push(y);
      }
    }
  }

  /** Runtime steps from v to the nearest source inside the set, or -1. */
  distance(v: number): number {
    return this.dist[v] as number;
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
        const dc = dist[c] as number;
        if (dc === -1) continue;
        if (!best || dc < (dist[best.c] as number) || (dc === dist[best.c] && c < best.c)) best = { r, c };
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
    if (this.dist[c] === -1) return undefined;
    const path = this.pathFrom(x, c);
    return { path, locations: this.locations(path, accept) };
  }

  clear(): void {
    for (const v of this.order) this.dist[v] = -1;
    this.order.length = 0;
  }

  private pathFrom(x: number, c: number): number[] {
    const { runtime } = this.g;
    const { dist } = this;
    const d = this.d as DownSet;
    const path = [x, c];
    let v = c;
    while ((dist[v] as number) > 0) {
      const want = (dist[v] as number) - 1;
      let next = -1;
      for (let r = runtime.start[v] as number; r < (runtime.start[v + 1] as number); r++) {
        if (!d.reqDown(r)) continue;
        for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
          const z = runtime.members[k] as number;
          if (dist[z] === want && (next === -1 || z < next)) next = z;
        }
      }
      v = next;
      path.push(v);
    }
    return path;
  }

  /** The entry behind each step: for the rollback step, a requirement passing `accept`; then runtime requirements inside the set. */
  private locations(path: number[], accept: (r: number) => boolean): SourcePos[] {
    const { g } = this;
    const d = this.d as DownSet;
    const locations: SourcePos[] = [];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] as number;
      const to = path[i] as number;
      const p = i === 1 ? stepPos(g, g.rollback, from, to, accept) : stepPos(g, g.runtime, from, to, (r) => d.reqDown(r));
      if (p) locations.push(p);
    }
    return locations;
  }
}

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
