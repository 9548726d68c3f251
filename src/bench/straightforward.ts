// The straightforward rollback-needs-broken, for the benchmark's check: Down({X}) in full for every X, no reachability filter.
import type { Compiled } from "../graph/compiled.js";
import { DownSet } from "../graph/down.js";
import { WitnessFinder } from "../graph/witness.js";
import { type Catch22, catch22In } from "../rules/rollback-needs-broken.js";

/** Quadratic in the worst case; what catch22 would do without its filter. Used to verify the fast path on benchmark estates. */
export function straightforwardCatch22s(g: Compiled): Catch22[] {
  const d = new DownSet(g);
  const witnesses = new WitnessFinder(g);
  const out: Catch22[] = [];
  for (let x = 0; x < g.n; x++) {
    if (g.rollback.start[x] === g.rollback.start[x + 1]) continue;
    d.add([x]);
    const w = catch22In(g, d, witnesses, x);
    if (w) out.push(w);
    d.reset();
  }
  return out;
}
