import fc from "fast-check";
import { it } from "vitest";
import { estateArb } from "../helpers/arbitrary.js";
import { analyse } from "../helpers/estate.js";
import { bruteModel, bruteNeverUp } from "../reference/brute.js";
it("stats", () => {
  const st: Record<string, number> = {};
  const inc = (k: string) => (st[k] = (st[k] ?? 0) + 1);
  for (const decls of fc.sample(estateArb, { numRuns: 2500, seed: 42 })) {
    const fs = analyse(decls);
    const cyc = fs.filter((f) => f.rule === "runtime-cycle");
    const rnb = fs.filter((f) => f.rule === "rollback-needs-broken");
    if (cyc.length) inc("has core");
    if (cyc.length > 1) inc(">1 cores");
    if (cyc.some((f) => f.impacted.length)) inc("impacted nonempty");
    if (cyc.some((f) => f.services.length > 2)) inc("core >2 members");
    if (cyc.some((f) => f.path.length > 2)) inc("cycle len >2");
    if (cyc.some((f) => f.path.length < f.services.length)) inc("cycle shorter than core");
    if (rnb.length) inc("has rnb");
    if (rnb.some((f) => f.path.length >= 2)) inc("rnb path>=2");
    if (rnb.some((f) => f.path.length >= 3)) inc("rnb path>=3");
    if (rnb.some((f) => f.message.includes("one of"))) inc("rnb anyOf");
    const m = bruteModel(decls);
    const N = bruteNeverUp(m);
    if (N.size && !cyc.length) inc("N nonempty, no core");
    if (decls.some((d) => d.runtime.some((e) => e.anyOf && e.names.length > 1))) inc("has anyOf");
    inc("services=" + Math.min(m.services.length, 13));
  }
  console.log(st);
});
