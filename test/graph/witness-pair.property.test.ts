// The two-sided witness search (src/graph/witness-pair.ts) on giant runtime SCCs against SPEC §3's brute force and the one-sided search.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { straightforwardCatch22s } from "../../src/bench/straightforward.js";
import { compile, type ObservedAddition } from "../../src/graph/compiled.js";
import { DownSet } from "../../src/graph/down.js";
import { WitnessFinder } from "../../src/graph/witness.js";
import { PairWitness, witnessTuning } from "../../src/graph/witness-pair.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration, Finding } from "../../src/model/types.js";
import { type Catch22, catch22In, findCatch22s } from "../../src/rules/rollback-needs-broken.js";
import { materialize, type RawDecl, type RawEntry } from "../helpers/arbitrary.js";
import { analyse } from "../helpers/estate.js";
import { bruteFindings } from "../reference/brute.js";

const TIMEOUT = 120_000;

/**
 * A ring of 2–`max` services (s0, s1, …: plain string order is not numeric order, so names tie in
 * interesting ways) in a shuffled order, each needing the next one plainly: one component of plain
 * requirements, so one Down set shared by all of them. Mixed in: chords (plain, or an `anyOf` of
 * ring members, sometimes with the `escape` service that never goes down, sometimes an undeclared
 * name), self-loops, the same step written twice (locations tie, also with a second declaration of
 * the service written before the first), a ring step sometimes written as
 * an `anyOf` (which splits the component), soft entries, and `tail` services outside the ring. The
 * rollbacks: a ring member, an `anyOf` of several, the service itself. `sparse` gives long, deep
 * witnesses (few chords); otherwise short ones with many ties.
 */
function giantSccArb(max: number): fc.Arbitrary<Declaration[]> {
  return fc
    .tuple(fc.integer({ min: 2, max }), fc.boolean(), fc.integer({ min: 0, max: 3 }))
    .chain(([n, sparse, tails]) => {
      const names = Array.from({ length: n }, (_, i) => `s${i}`);
      return fc.tuple(fc.shuffledSubarray(names, { minLength: n, maxLength: n }), fc.constant(sparse), fc.constant(tails));
    })
    .chain(([ring, sparse, tails]) => {
      const n = ring.length;
      const member = fc.constantFrom(...ring);
      const chord: fc.Arbitrary<RawEntry> = fc.oneof(
        { weight: 6, arbitrary: member.map((m) => ({ anyOf: false, names: [m], soft: false })) },
        {
          weight: 3,
          arbitrary: fc.array(member, { minLength: 2, maxLength: 3 }).map((ms) => ({ anyOf: true, names: ms, soft: false })),
        },
        { weight: 1, arbitrary: member.map((m) => ({ anyOf: true, names: [m, "escape"], soft: false })) },
        { weight: 1, arbitrary: member.map((m) => ({ anyOf: false, names: [m], soft: true })) },
        { weight: 1, arbitrary: fc.constant({ anyOf: false, names: ["ghost"], soft: false }) },
      );
      const rollback: fc.Arbitrary<RawEntry> = fc.oneof(
        { weight: 5, arbitrary: member.map((m) => ({ anyOf: false, names: [m], soft: false })) },
        {
          weight: 2,
          arbitrary: fc.array(member, { minLength: 2, maxLength: 3 }).map((ms) => ({ anyOf: true, names: ms, soft: false })),
        },
        { weight: 1, arbitrary: member.map((m) => ({ anyOf: true, names: [m, "escape"], soft: false })) },
      );
      const decl = (name: string, i: number): fc.Arbitrary<RawDecl> =>
        fc
          .record({
            ringAnyOf: fc.nat(9),
            chords: fc.array(chord, { maxLength: sparse ? 1 : 3 }),
            chordWeight: fc.nat(sparse ? 4 : 0),
            selfLoop: fc.nat(7),
            twice: fc.nat(5),
            rollback: fc.option(fc.array(rollback, { maxLength: 2 }), { nil: undefined, freq: 8 }),
            selfRollback: fc.nat(9),
            file: fc.constantFrom("a.yaml", "b.yaml"),
          })
          .map((r): RawDecl => {
            const next = ring[(i + 1) % n] as string;
            const runtime: RawEntry[] = [
              r.ringAnyOf === 0
                ? { anyOf: true, names: [next, ring[(i + 2) % n] as string], soft: false }
                : { anyOf: false, names: [next], soft: false },
            ];
            if (!sparse || r.chordWeight === 0) runtime.push(...r.chords);
            if (r.selfLoop === 0) runtime.unshift({ anyOf: false, names: [name], soft: false });
            if (r.twice === 0) runtime.push({ anyOf: false, names: [next], soft: false });
            const rb = r.rollback && (r.selfRollback === 0 ? [...r.rollback, { anyOf: false, names: [name], soft: false }] : r.rollback);
            return { name, file: r.file, runtime, rollback: rb, rollbackFirst: false };
          });
      const tail = (t: number): fc.Arbitrary<RawDecl> =>
        fc.record({ needs: fc.array(member, { minLength: 1, maxLength: 2 }), rb: member, anyOf: fc.boolean() }).map((r) => ({
          name: `t${t}`,
          file: "c.yaml",
          runtime: r.anyOf
            ? [{ anyOf: true, names: r.needs, soft: false }]
            : r.needs.map((m) => ({ anyOf: false, names: [m], soft: false })),
          rollback: [{ anyOf: false, names: [r.rb], soft: false }],
          rollbackFirst: false,
        }));
      // a second declaration of a ring member, written first: its step to the next member is the first in source order
      const again = fc.array(fc.nat(n - 1), { maxLength: 2 }).map((is) =>
        is.map(
          (i): RawDecl => ({
            name: ring[i] as string,
            file: "a.yaml",
            runtime: [{ anyOf: false, names: [ring[(i + 1) % n] as string], soft: false }],
            rollback: undefined,
            rollbackFirst: false,
          }),
        ),
      );
      const escapeHatch: RawDecl = { name: "escape", file: "c.yaml", runtime: [], rollback: [], rollbackFirst: false };
      return fc
        .tuple(again, fc.tuple(...ring.map(decl), ...Array.from({ length: tails }, (_, t) => tail(t)), fc.constant(escapeHatch)))
        .map(([first, rest]) => [...first, ...rest]);
    })
    .map(materialize);
}

/**
 * Runs `check` with every service a hub (its parent and next step written when reached), with none (every path read
 * back from the steps), and with the default: the three must give the same witnesses.
 */
function everyHubSetting(check: () => void): void {
  const was = witnessTuning.hub;
  try {
    for (const hub of [0, Number.MAX_SAFE_INTEGER, was]) {
      witnessTuning.hub = hub;
      check();
    }
  } finally {
    witnessTuning.hub = was;
  }
}

function show(f: Pick<Finding, "services" | "path" | "locations">): string {
  return JSON.stringify([f.services, f.path.map((s) => [s.from, s.to, s.kind]), f.locations.map((p) => `${p.file}:${p.line}:${p.column}`)]);
}

describe("the two-sided witness search on giant runtime SCCs", () => {
  it(
    "§3 rollback-needs-broken: findings, shortest smallest-named witnesses and their locations match the brute force",
    () => {
      fc.assert(
        fc.property(giantSccArb(24), (decls) => {
          const brute = bruteFindings(decls)
            .filter((f) => f.rule === "rollback-needs-broken")
            .map(show);
          everyHubSetting(() => {
            const fast = analyse(decls)
              .filter((f) => f.rule === "rollback-needs-broken")
              .map(show);
            expect(fast.sort()).toEqual(brute.sort());
          });
        }),
        { numRuns: 600 },
      );
    },
    TIMEOUT,
  );

  it(
    "the same witnesses, requirements, locations and per-alternative chains as one full search backward from X in Down({X}), observed edges too",
    () => {
      fc.assert(
        fc.property(giantSccArb(60), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), (decls, picks) => {
          // observed edges (SPEC §7) come last among a service's requirements but are located at its name, before its
          // entries: the same step through two requirements, where the first in source order is not the first seen
          const ring = decls.filter((d) => d.name.startsWith("s"));
          const additions: ObservedAddition[] = picks.map(([i, j]) => ({
            service: (ring[i % ring.length] as Declaration).name,
            requirement: [(ring[j % ring.length] as Declaration).name],
          }));
          const g = compile(buildEstate(decls), additions);
          const expected = straightforwardCatch22s(g);
          everyHubSetting(() => expect(findCatch22s(g)).toEqual(expected));
        }),
        { numRuns: 600 },
      );
    },
    TIMEOUT,
  );

  it(
    "one search reused across many Down sets, its stamps near their end and started again, gives the witnesses of a full search",
    () => {
      fc.assert(
        fc.property(giantSccArb(30), fc.array(fc.nat(2), { minLength: 1, maxLength: 8 }), (decls, modes) => {
          everyHubSetting(() => {
            const g = compile(buildEstate(decls));
            const d = new DownSet(g);
            const pair = new PairWitness(g);
            const witnesses = new WitnessFinder(g);
            // the stamp is private: set here to where a long run would have moved it (2 words per service of headroom)
            const stamp = pair as unknown as { base: number };
            const limit = 0x7fffffff - 2 * g.n - 2;
            const out: Catch22[] = [];
            for (let x = 0; x < g.n; x++) {
              if (g.rollback.start[x] === g.rollback.start[x + 1]) continue;
              const mode = modes[x % modes.length];
              // only ever forward, as the searches move it: a stamp moved back would see old distances as new
              if (mode === 1) stamp.base = Math.max(stamp.base, limit - 3 * g.n - 10);
              else if (mode === 2) stamp.base = Math.max(stamp.base, limit);
              d.add([x]);
              pair.bind(d);
              const w = catch22In(g, d, witnesses, x, pair);
              if (w) out.push(w);
              d.reset();
            }
            expect(out).toEqual(straightforwardCatch22s(g));
          });
        }),
        { numRuns: 300 },
      );
    },
    TIMEOUT,
  );
});
