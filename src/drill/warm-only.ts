// What a warm drill assumes (SPEC §4): the services it brings back that a cold start could not, because they are in a runtime-cycle core or impacted by one.
import type { Compiled } from "../graph/compiled.js";
import { simulateCold } from "./cold.js";
import type { DrillResult } from "./simulate.js";

/**
 * The services of the blast radius that the warm drill brings back but that never come up from
 * nothing (sorted ids). A never-up service with no failed service has a blocking requirement wholly
 * among the never-up, so every one reaches a core: the never-up set is the cores and their impacted.
 */
export function warmOnly(g: Compiled, result: DrillResult): number[] {
  const never = new Uint8Array(g.n);
  for (const v of simulateCold(g, []).neverUp) never[v] = 1;
  const stuck = new Uint8Array(g.n);
  for (const v of result.stuck) stuck[v] = 1;
  return result.blastRadius.filter((v) => never[v] && !stuck[v]);
}
