// SPEC §4: the drill against a brute-force reading of the definition, on random estates and failure sets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DrillResult, simulate } from "../../src/drill/simulate.js";
import { type Compiled, compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration, SourcePos } from "../../src/model/types.js";
import { materialize, rawEstateArb, reorder } from "../helpers/arbitrary.js";
import { analyse } from "../helpers/estate.js";
import { drillCaseArb } from "./arbitrary.js";
import { drill as bruteDrill, model, type NamedDrill } from "./brute.js";

const RUNS = 2000;
const at = (p: SourcePos) => `${p.file}:${p.line}:${p.column}`;

function fastDrill(decls: readonly Declaration[], failed: readonly string[]): { g: Compiled; result: DrillResult; named: NamedDrill } {
  const estate = buildEstate(decls);
  const g = compile(estate);
  const result = simulate(
    g,
    failed.map((n) => estate.ids.get(n) as number),
  );
  const names = (ids: readonly number[]) => ids.map((i) => g.names[i] as string);
  const named: NamedDrill = {
    failed: names(result.failed),
    blastRadius: names(result.blastRadius),
    waves: result.waves.map((w) => ({ rollback: names(w.rollback), recovered: names(w.recovered) })),
    stuckRoots: names(result.stuckRoots),
    stuck: names(result.stuck),
    blocked: result.blocked.map((b) => ({
      root: g.names[b.root] as string,
      requirements: b.requirements.map((q) => ({
        services: names(q.services),
        witness: { path: names(q.witness.path), locations: q.witness.locations.map(at) },
        alternatives: q.alternatives.map((c) => ({ path: names(c.path), locations: c.locations.map(at) })),
      })),
    })),
  };
  return { g, result, named };
}

describe("drill (SPEC §4) against the brute-force definition", () => {
  it("blast radius, waves, stuck roots and stuck services match the definition on random estates and failure sets", () => {
    fc.assert(
      fc.property(drillCaseArb, ({ decls, failed }) => {
        const { named } = fastDrill(decls, failed);
        const brute = bruteDrill(model(decls), failed);
        expect({ ...named, blocked: [] }).toEqual({ ...brute, blocked: [] });
      }),
      { numRuns: RUNS },
    );
  });

  it("each stuck root names every blocking requirement once, with a shortest smallest-named witness and each alternative's chain, located", () => {
    fc.assert(
      fc.property(drillCaseArb, ({ decls, failed }) => {
        expect(fastDrill(decls, failed).named.blocked).toEqual(bruteDrill(model(decls), failed).blocked);
      }),
      { numRuns: RUNS },
    );
  });

  it("a single-service drill is stuck exactly when that service has a rollback-needs-broken finding, with the same witness", () => {
    fc.assert(
      fc.property(drillCaseArb, ({ decls, declared }) => {
        const findings = analyse(decls).filter((f) => f.rule === "rollback-needs-broken");
        for (const x of declared) {
          const { named } = fastDrill(decls, [x]);
          const finding = findings.find((f) => f.services[0] === x);
          expect(named.stuckRoots.length > 0).toBe(finding !== undefined);
          if (!finding) continue;
          // The finding's witness is the shortest of the drill's (one per blocking requirement).
          const paths = (named.blocked[0]?.requirements ?? []).map((q) => q.witness.path);
          const findingPath = [finding.path[0]?.from, ...finding.path.map((s) => s.to)];
          const shortest = paths.reduce((a, b) => (b.length < a.length || (b.length === a.length && b.join("\n") < a.join("\n")) ? b : a));
          expect(shortest).toEqual(findingPath);
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("the waves account for the whole blast radius: each service comes back in one wave at most, or stays down", () => {
    fc.assert(
      fc.property(drillCaseArb, ({ decls, failed }) => {
        const { named } = fastDrill(decls, failed);
        const recovered = named.waves.flatMap((w) => w.recovered);
        expect(new Set([...recovered, ...named.stuck]).size).toBe(recovered.length + named.stuck.length);
        const all = new Set([...recovered, ...named.waves.flatMap((w) => w.rollback), ...named.stuck]);
        expect([...all].sort()).toEqual(named.blastRadius);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("§5 determinism: the same drill whatever the order of files, declarations and entries (apart from positions)", () => {
    const strip = (d: NamedDrill) =>
      JSON.stringify({
        ...d,
        blocked: d.blocked.map((b) => ({
          ...b,
          requirements: b.requirements.map((q) => ({ ...q, witness: q.witness.path, alternatives: q.alternatives.map((c) => c.path) })),
        })),
      });
    fc.assert(
      fc.property(rawEstateArb, fc.integer(), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (raw, seed, picks) => {
        const names = [...new Set(raw.map((r) => r.name))];
        const failed = [...new Set(picks.map((p) => names[p % names.length] as string))];
        expect(strip(fastDrill(materialize(reorder(raw, seed)), failed).named)).toEqual(strip(fastDrill(materialize(raw), failed).named));
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("the generator reaches the cases that matter: several waves, a rollback via an anyOf alternative back from an earlier wave, several stuck roots", () => {
    const seen = {
      severalWaves: 0,
      anyOfBackLater: 0,
      severalStuckRoots: 0,
      rolledBackButStuck: 0,
      rolledBackComesBackLater: 0,
      stuckAfterWaves: 0,
    };
    for (const { decls, failed } of fc.sample(drillCaseArb, { numRuns: 1500, seed: 7 })) {
      const { g, result } = fastDrill(decls, failed);
      if (result.waves.length >= 2) seen.severalWaves++;
      if (result.stuckRoots.length >= 2) seen.severalStuckRoots++;
      if (result.stuckRoots.length > 0 && result.waves.length > 0) seen.stuckAfterWaves++;
      const backAt = new Map<number, number>();
      result.waves.forEach((w, i) => {
        for (const v of [...w.rollback, ...w.recovered]) backAt.set(v, i);
      });
      result.waves.forEach((w, i) => {
        for (const r of w.rollback) {
          if (result.stuck.includes(r)) seen.rolledBackButStuck++;
          if ((backAt.get(r) as number) > i) seen.rolledBackComesBackLater++;
          for (let q = g.rollback.start[r] as number; q < (g.rollback.start[r + 1] as number); q++) {
            const members = g.rollback.members.subarray(g.rollback.memberStart[q] as number, g.rollback.memberStart[q + 1] as number);
            if (members.length > 1 && [...members].some((m) => backAt.has(m) && (backAt.get(m) as number) < i)) seen.anyOfBackLater++;
          }
        }
      });
    }
    for (const [k, v] of Object.entries(seen)) expect([k, v >= 10]).toEqual([k, true]);
  });
});
