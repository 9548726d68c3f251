// The slowest single failures to recover from (SPEC §4.3), for `check`'s criticality section: a warm drill of each of a few candidates.
import type { Compiled } from "../graph/compiled.js";
import { simulate } from "./simulate.js";
import { type RecoveryTimes, warmTiming } from "./timing.js";

export interface SlowRecovery {
  service: number;
  /** The estimated warm recovery time of its single failure, seconds; null when the drill is stuck. */
  recoveryTime: number | null;
}

/** How many the line names. */
export const SLOWEST_SHOWN = 3;

/**
 * The candidates (the criticality rankings' services: a full warm drill per service of a large
 * estate would cost a blast radius each) ranked by the estimated recovery time of their single
 * failure, stuck ones first, then longest, then name order. Undefined when no service declares
 * `recovery`: every estimate would be 0.
 */
export function slowestRecoveries(g: Compiled, times: RecoveryTimes, candidates: readonly number[]): SlowRecovery[] | undefined {
  let any = false;
  for (let i = 0; i < g.n && !any; i++) if (times.declared[i]) any = true;
  if (!any) return undefined;
  const out = [...new Set(candidates)].map((service) => ({
    service,
    recoveryTime: warmTiming(simulate(g, [service]), times).recoveryTime,
  }));
  const key = (r: SlowRecovery) => (r.recoveryTime === null ? Number.POSITIVE_INFINITY : r.recoveryTime);
  out.sort((a, b) => key(b) - key(a) || a.service - b.service);
  return out.filter((r) => r.recoveryTime !== 0).slice(0, SLOWEST_SHOWN);
}
