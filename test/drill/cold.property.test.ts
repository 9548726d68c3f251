// SPEC §4.2: the cold drill against a brute-force reading of the definition, on random estates with and without failed services.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateCold } from "../../src/drill/cold.js";
import type { Compiled } from "../../src/graph/compiled.js";
import type { Declaration, SourcePos } from "../../src/model/types.js";
import { findCores } from "../../src/rules/runtime-cycle.js";
import { largeEstateArb, materialize, rawEstateArb } from "../helpers/arbitrary.js";
import { compiled, idsOf, namesOf } from "../helpers/outage.js";
import { bruteModel } from "../reference/brute.js";
import { type BruteCold, bruteCold } from "../reference/outage.js";

const RUNS = 2000;
const at = (p: SourcePos) => `${p.file}:${p.line}:${p.column}`;

/** An estate and a failed set drawn from its declared names (empty a third of the time). */
const coldCaseArb = fc
  .oneof({ weight: 4, arbitrary: rawEstateArb.map(materialize) }, { weight: 1, arbitrary: largeEstateArb(30) })
  .chain((decls) => {
    const names = [...new Set(decls.map((d) => d.name))].sort();
    return fc.tuple(
      fc.constant(decls),
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 2, arbitrary: fc.subarray(names, { maxLength: Math.min(4, names.length) }) },
      ),
    );
  });

function fastCold(g: Compiled, failed: readonly string[]): BruteCold {
  const r = simulateCold(g, idsOf(g, failed));
  return {
    failed: namesOf(g, r.failed),
    waves: r.waves.map((w) => namesOf(g, w.up)),
    neverUp: namesOf(g, r.neverUp),
    blocked: r.blocked.map((b) => ({
      service: g.names[b.service] as string,
      requirements: b.requirements.map((q) => namesOf(g, q.services)),
    })),
    cores: r.cores.map((c) => ({
      services: namesOf(g, c.members),
      path: namesOf(g, c.cycle),
      locations: c.locations.map(at),
      impacted: namesOf(g, c.impacted),
    })),
  };
}

describe("cold drill (SPEC §4.2) against the brute-force definition", () => {
  it("waves, never-up services, blocking requirements and cores with their shortest cycles match the definition", () => {
    fc.assert(
      fc.property(coldCaseArb, ([decls, failed]: [Declaration[], string[]]) => {
        const g = compiled(decls);
        expect(fastCold(g, failed)).toEqual(bruteCold(bruteModel(decls), failed));
      }),
      { numRuns: RUNS },
    );
  });

  it("without failed services, the cold drill's never-up set and cores are runtime-cycle's", () => {
    fc.assert(
      fc.property(rawEstateArb, (raw) => {
        const g = compiled(materialize(raw));
        const r = simulateCold(g, []);
        const cores = findCores(g).sort((a, b) => (a.members[0] as number) - (b.members[0] as number));
        expect(r.cores.map((c) => [c.members, c.cycle, c.impacted])).toEqual(cores.map((c) => [c.members, c.cycle, c.impacted]));
        const up = new Set(r.waves.flatMap((w) => w.up));
        expect(r.neverUp.length + up.size).toBe(g.n);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("every service outside F is up in exactly one wave or never up; a failed service is in neither", () => {
    fc.assert(
      fc.property(coldCaseArb, ([decls, failed]: [Declaration[], string[]]) => {
        const g = compiled(decls);
        const r = simulateCold(g, idsOf(g, failed));
        const all = [...r.waves.flatMap((w) => w.up), ...r.neverUp, ...r.failed];
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: g.n }, (_, i) => i));
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("the generator reaches the cases that matter: several waves, cores beside failed services, never-up only because of F", () => {
    const seen = { severalWaves: 0, coreWithFailed: 0, blockedByFailedOnly: 0, noWaves: 0 };
    for (const [decls, failed] of fc.sample(coldCaseArb, { numRuns: 1500, seed: 11 })) {
      const g = compiled(decls);
      const r = simulateCold(g, idsOf(g, failed));
      if (r.waves.length >= 3) seen.severalWaves++;
      if (r.failed.length > 0 && r.cores.length > 0) seen.coreWithFailed++;
      if (r.waves.length === 0) seen.noWaves++;
      const isFailed = new Set(r.failed);
      if (r.blocked.some((b) => b.requirements.every((q) => q.services.every((s) => isFailed.has(s))))) seen.blockedByFailedOnly++;
    }
    for (const [k, v] of Object.entries(seen)) expect([k, v >= 10]).toEqual([k, true]);
  });
});
