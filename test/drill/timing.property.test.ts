// SPEC §4.3: recovery time and RTOs of warm and cold drills against a brute-force reading, with times and RTOs by service and by tier.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateCold } from "../../src/drill/cold.js";
import { simulate } from "../../src/drill/simulate.js";
import { coldTiming, type DrillTiming, warmTiming } from "../../src/drill/timing.js";
import type { Compiled } from "../../src/graph/compiled.js";
import { materialize, rawEstateArb } from "../helpers/arbitrary.js";
import { compiled, factsArb, idsOf, timesOf } from "../helpers/outage.js";
import { bruteModel } from "../reference/brute.js";
import { type BruteTiming, bruteColdTiming, bruteWarmTiming } from "../reference/outage.js";
import { drillCaseArb } from "./arbitrary.js";

const RUNS = 2000;

const named = (g: Compiled, t: DrillTiming): BruteTiming => ({
  ...t,
  rtoExceeded: t.rtoExceeded.map((e) => ({ ...e, service: g.names[e.service] as string })),
});

const warmCaseArb = drillCaseArb.chain((c) => fc.tuple(fc.constant(c), factsArb(c.declared)));

const coldCaseArb = rawEstateArb.map(materialize).chain((decls) => {
  const names = [...new Set(decls.map((d) => d.name))].sort();
  return fc.tuple(
    fc.constant(decls),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 2, arbitrary: fc.subarray(names, { maxLength: Math.min(3, names.length) }) },
    ),
    factsArb(names),
  );
});

describe("recovery time (SPEC §4.3) against the brute-force definition", () => {
  it("a warm drill's wave durations and ends, recovery time, RTOs exceeded and services without times match the definition", () => {
    fc.assert(
      fc.property(warmCaseArb, ([{ decls, failed }, facts]) => {
        const g = compiled(decls);
        const fast = warmTiming(simulate(g, idsOf(g, failed)), timesOf(g, facts));
        expect(named(g, fast)).toEqual(bruteWarmTiming(bruteModel(decls), failed, facts.times));
      }),
      { numRuns: RUNS },
    );
  });

  it("a cold drill's wave durations and ends, recovery time, RTOs exceeded (outside F) and services without times match the definition", () => {
    fc.assert(
      fc.property(coldCaseArb, ([decls, failed, facts]) => {
        const g = compiled(decls);
        const fast = coldTiming(simulateCold(g, idsOf(g, failed)), timesOf(g, facts));
        expect(named(g, fast)).toEqual(bruteColdTiming(bruteModel(decls), failed, facts.times));
      }),
      { numRuns: RUNS },
    );
  });

  it("the generator reaches the cases that matter: a root back later than its wave, RTOs by tier and by service exceeded, stuck and never up", () => {
    const seen = { rootBackLater: 0, tierRtoExceeded: 0, ownRtoExceeded: 0, neverBack: 0, recovered: 0 };
    for (const [{ decls, failed }, facts] of fc.sample(warmCaseArb, { numRuns: 3000, seed: 5 })) {
      const g = compiled(decls);
      const r = simulate(g, idsOf(g, failed));
      const t = warmTiming(r, timesOf(g, facts));
      r.waves.forEach((w, k) => {
        if (w.rollback.some((x) => r.waves.slice(k + 1).some((later) => later.recovered.includes(x)))) seen.rootBackLater++;
      });
      for (const e of t.rtoExceeded) {
        const name = g.names[e.service] as string;
        if (e.back === null) seen.neverBack++;
        else if (facts.times.rto.has(name)) seen.ownRtoExceeded++;
        else seen.tierRtoExceeded++;
      }
      if (t.recoveryTime !== null && t.recoveryTime > 0) seen.recovered++;
    }
    for (const [k, v] of Object.entries(seen)) expect([k, v >= 10]).toEqual([k, true]);
  });
});
