// SPEC §3 shared-fate against a brute-force reading of the definition, on random estates with zones, anyOf in runtime and rollback.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Compiled } from "../../src/graph/compiled.js";
import { findSharedFate } from "../../src/graph/shared-fate.js";
import type { Declaration, SourcePos } from "../../src/model/types.js";
import { largeEstateArb, materialize, rawEstateArb, reorder } from "../helpers/arbitrary.js";
import { compiled, type Facts, factsArb, namesOf, zonesOf } from "../helpers/outage.js";
import { bruteModel } from "../reference/brute.js";
import { type BruteSharedFate, bruteSharedFate } from "../reference/outage.js";

const RUNS = 2000;
const at = (p: SourcePos) => `${p.file}:${p.line}:${p.column}`;

const withFacts = (decls: Declaration[]) => fc.tuple(fc.constant(decls), factsArb([...new Set(decls.map((d) => d.name))].sort()));

const smallArb = rawEstateArb.map(materialize).chain(withFacts);
const largeArb = largeEstateArb(30).chain(withFacts);

function fast(g: Compiled, facts: Facts): BruteSharedFate[] {
  return findSharedFate(g, zonesOf(g, facts)).map((f) => ({
    service: g.names[f.service] as string,
    kind: f.kind,
    alternatives: namesOf(g, f.alternatives),
    causes: f.causes.map((c) => (c.kind === "zone" ? `zone=${c.zone}` : (g.names[c.service] as string))),
    path: namesOf(g, f.path),
    locations: f.locations.map(at),
  }));
}

describe("shared-fate (SPEC §3) against the brute-force definition", () => {
  it("findings, alternatives, common causes, witness paths and their locations match the definition on small estates", () => {
    fc.assert(
      fc.property(smallArb, ([decls, facts]) => {
        expect(fast(compiled(decls), facts)).toEqual(bruteSharedFate(bruteModel(decls), facts.zone));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it("the same on larger, sparser estates (reachability-filter corner cases)", () => {
    fc.assert(
      fc.property(largeArb, ([decls, facts]) => {
        expect(fast(compiled(decls), facts)).toEqual(bruteSharedFate(bruteModel(decls), facts.zone));
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it("§5 determinism: the same findings whatever the order of files, declarations and entries (apart from positions)", () => {
    fc.assert(
      fc.property(rawEstateArb, fc.integer(), (raw, seed) => {
        const names = [...new Set(raw.map((r) => r.name))].sort();
        const zone = new Map(names.map((n, i) => [n, i % 3 === 0 ? "z1" : "z2"]));
        const facts: Facts = { zone, times: { recovery: new Map(), rto: new Map(), tier: new Map(), tierRto: new Map() } };
        const strip = (fs: BruteSharedFate[]) => fs.map((f) => ({ ...f, locations: [] }));
        expect(strip(fast(compiled(materialize(reorder(raw, seed))), facts))).toEqual(strip(fast(compiled(materialize(raw)), facts)));
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it("the generator reaches the cases that matter: zone causes, service causes, an alternative as its own cause, both kinds, several causes", () => {
    const seen = { zoneCause: 0, serviceCause: 0, alternativeCause: 0, runtime: 0, rollback: 0, severalCauses: 0, longPath: 0 };
    for (const [decls, facts] of fc.sample(smallArb, { numRuns: 1500, seed: 3 })) {
      for (const f of fast(compiled(decls), facts)) {
        if (f.causes.some((c) => c.startsWith("zone="))) seen.zoneCause++;
        if (f.causes.some((c) => !c.startsWith("zone="))) seen.serviceCause++;
        if (f.causes.some((c) => f.alternatives.includes(c))) seen.alternativeCause++;
        seen[f.kind]++;
        if (f.causes.length > 1) seen.severalCauses++;
        if (f.path.length > 3) seen.longPath++;
      }
    }
    for (const [k, v] of Object.entries(seen)) expect([k, v >= 10]).toEqual([k, true]);
  });
});
