// The reason graph of a Down set packed for the witness search: per service, its steps out and in, in one record.
import type { Compiled } from "./compiled.js";
import type { DownSet } from "./down.js";

// The record of service v: rec[v * W + field]. One record per service keeps what a search reads of it in one place.
export const W = 8;
/** Where v's reason steps start in `fwd` and how many; where the steps into v start in `bwd` and how many. */
export const F_OFF = 0;
export const F_LEN = 1;
export const B_OFF = 2;
export const B_LEN = 3;
/** Steps from the goals to v (forward), from v to X (backward); -1 when not reached. */
export const DIST_F = 4;
export const DIST_B = 5;
/** For v reached backward at distance j > 0: its smallest step to one at j − 1, and the requirement declaring it first. */
export const NEXT = 6;
export const NEXT_REQ = 7;

/** Where the packed steps go: `rec` as above, the steps out (`fwd`) and in (`bwd`) with the requirement behind each. */
export interface PackedReasons {
  rec: Int32Array;
  fwd: Int32Array;
  fwdReq: Int32Array;
  bwd: Int32Array;
  bwdReq: Int32Array;
}

/**
 * The reason steps into and out of every service of `d`, packed (only the services of `d` are ever read). Both
 * from the steps into each service (its memberships), as `add` reads them: the steps out of a service down through
 * one requirement are not all its requirements (a hub needing thousands is down through one of them).
 */
export function packReasons(g: Compiled, d: DownSet, into: PackedReasons): void {
  const { rec, fwd, fwdReq, bwd, bwdReq } = into;
  const { runtime, byMemberStart, byMember } = g;
  for (const v of d.members) rec[v * W + F_LEN] = 0;
  let b = 0;
  for (const v of d.members) {
    if (!d.isDown[v]) continue;
    rec[v * W + B_OFF] = b;
    for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
      const r = byMember[k] as number;
      const y = runtime.owner[r] as number;
      // a requirement wholly down whose owner is not: only where `add` was told to admit less, off every path from a goal
      if (!d.reqDown(r) || !d.isDown[y]) continue;
      bwd[b] = y;
      bwdReq[b++] = r;
      rec[y * W + F_LEN] = (rec[y * W + F_LEN] as number) + 1;
    }
    rec[v * W + B_LEN] = b - (rec[v * W + B_OFF] as number);
  }
  let f = 0;
  for (const v of d.members) {
    if (!d.isDown[v]) continue;
    rec[v * W + F_OFF] = f;
    f += rec[v * W + F_LEN] as number;
    rec[v * W + F_LEN] = 0;
  }
  for (const v of d.members) {
    if (!d.isDown[v]) continue;
    const end = (rec[v * W + B_OFF] as number) + (rec[v * W + B_LEN] as number);
    for (let k = rec[v * W + B_OFF] as number; k < end; k++) {
      const y = bwd[k] as number;
      const at = (rec[y * W + F_OFF] as number) + (rec[y * W + F_LEN] as number);
      fwd[at] = v;
      fwdReq[at] = bwdReq[k] as number;
      rec[y * W + F_LEN] = (rec[y * W + F_LEN] as number) + 1;
    }
  }
}
