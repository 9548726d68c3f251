// The reason graph of a Down set packed for the witness search: per service, its steps out and in, as flat arrays.
import type { Compiled } from "./compiled.js";
import type { DownSet } from "./down.js";

// Where service v's steps are: st[v * W + field], 16 bytes, read once per service a search expands (the stamps a
// step reads of the service it reaches are kept apart, in `PairWitness.mark`: 8 bytes per service).
export const W = 4;
/** How many reason steps leave v (in `fwd`), and how many enter it (in `bwd`). */
export const F_LEN = 0;
export const B_LEN = 1;
/** Where v's steps out start in `fwd`, and where the steps into it start in `bwd`. */
export const F_OFF = 2;
export const B_OFF = 3;

/** The service a packed step names: the id itself, or ~id for a step to or from a hub (`packReasons`). */
export function stepTarget(t: number): number {
  return t < 0 ? ~t : t;
}

/** Where the packed steps go: `st` as above, the steps out (`fwd`) and in (`bwd`) with the requirement behind each. */
export interface PackedReasons {
  st: Int32Array;
  fwd: Int32Array;
  fwdReq: Int32Array;
  bwd: Int32Array;
  bwdReq: Int32Array;
}

/**
 * The reason steps into and out of every service of `d`, packed (only the services of `d` are ever read). Both
 * from the steps into each service (its memberships), as `add` reads them: the steps out of a service down through
 * one requirement are not all its requirements (a hub needing thousands is down through one of them). Each
 * service's steps out are in name order (by id, the order of names), as the lexicographic search reads them.
 *
 * A hub's steps are marked where the search reads them, so that a step tells it with no read of the service it
 * reaches: a step in `fwd` to a service with more than `hub` steps in, and a step in `bwd` from a service with more
 * than `hub` steps out, holds ~id (negative) instead of the id.
 */
export function packReasons(g: Compiled, d: DownSet, into: PackedReasons, hub: number): void {
  const { st, fwd, fwdReq, bwd, bwdReq } = into;
  const { runtime, byMemberStart, byMember } = g;
  const { isDown, members } = d;
  for (const v of members) st[v * W + F_LEN] = 0;
  let b = 0;
  for (const v of members) {
    if (!isDown[v]) continue;
    st[v * W + B_OFF] = b;
    for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
      const r = byMember[k] as number;
      const y = runtime.owner[r] as number;
      // a requirement wholly down whose owner is not: only where `add` was told to admit less, off every path from a goal
      if (!d.reqDown(r) || !isDown[y]) continue;
      bwd[b] = y;
      bwdReq[b++] = r;
      st[y * W + F_LEN] = (st[y * W + F_LEN] as number) + 1;
    }
    st[v * W + B_LEN] = b - (st[v * W + B_OFF] as number);
  }
  let f = 0;
  for (const v of members) {
    if (!isDown[v]) continue;
    st[v * W + F_OFF] = f;
    f += st[v * W + F_LEN] as number;
    st[v * W + F_LEN] = 0;
  }
  // the steps out filled from their targets in id order, so each service's come out sorted; a step to a hub as ~id
  const byId = Int32Array.from(members).sort();
  for (const v of byId) {
    if (!isDown[v]) continue;
    const to = (st[v * W + B_LEN] as number) > hub ? ~v : v;
    const end = (st[v * W + B_OFF] as number) + (st[v * W + B_LEN] as number);
    for (let k = st[v * W + B_OFF] as number; k < end; k++) {
      const y = bwd[k] as number;
      const at = (st[y * W + F_OFF] as number) + (st[y * W + F_LEN] as number);
      fwd[at] = to;
      fwdReq[at] = bwdReq[k] as number;
      st[y * W + F_LEN] = (st[y * W + F_LEN] as number) + 1;
    }
  }
  // a step from a hub as ~id, once every service's steps out are counted again
  for (let k = 0; k < b; k++) {
    const y = bwd[k] as number;
    if ((st[y * W + F_LEN] as number) > hub) bwd[k] = ~y;
  }
}
