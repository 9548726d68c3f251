// The summary's edge counts as the compiled graph keeps them against the merge every other view reads (mergeEntries), and the fingerprint against its definition.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, type ObservedAddition } from "../../src/graph/compiled.js";
import { mergeEntries } from "../../src/graph/edges.js";
import { buildEstate } from "../../src/model/estate.js";
import { countEdges } from "../../src/report/summary.js";
import { fingerprint } from "../../src/util/fingerprint.js";
import { ALPHABET, materialize, type RawDecl, type RawEntry } from "../helpers/arbitrary.js";

/** Names from a small alphabet and a wide range (lists past a few names), some declared, some not. */
const nameArb = fc.oneof(
  fc.constantFrom(...ALPHABET),
  fc.integer({ min: 0, max: 60 }).map((i) => `s${i}`),
);

const entryArb: fc.Arbitrary<RawEntry> = fc.record({
  anyOf: fc.boolean(),
  // Repeats inside one entry too: the count is of distinct names however they are written.
  names: fc.array(nameArb, { minLength: 0, maxLength: 12 }),
  soft: fc.boolean(),
});

/** Declarations, a name possibly declared more than once (its lists merged), with long and short lists. */
const rawArb: fc.Arbitrary<RawDecl[]> = fc.array(
  fc.record({
    name: nameArb,
    file: fc.constantFrom("a.yaml", "b.yaml"),
    runtime: fc.array(entryArb, { maxLength: 8 }),
    rollback: fc.option(fc.array(entryArb, { maxLength: 6 }), { nil: undefined }),
    rollbackFirst: fc.boolean(),
  }),
  { maxLength: 30 },
);

describe("the compiled graph's edge counts", () => {
  it("are, per service and kind, the number of edges mergeEntries makes, observed additions left out", () => {
    fc.assert(
      fc.property(rawArb, fc.array(fc.tuple(nameArb, nameArb), { maxLength: 6 }), (raw, pairs) => {
        const estate = buildEstate(materialize(raw));
        const additions: ObservedAddition[] = pairs.map(([from, to]) => ({ service: from, requirement: [to] }));
        for (const g of [compile(estate), compile(estate, additions)]) {
          let runtime = 0;
          let rollback = 0;
          estate.services.forEach((s, i) => {
            expect(g.runtime.edges[i]).toBe(mergeEntries(s.runtime).size);
            expect(g.rollback.edges[i]).toBe(mergeEntries(s.rollback).size);
            runtime += mergeEntries(s.runtime).size;
            rollback += mergeEntries(s.rollback).size;
          });
          expect(countEdges(g)).toEqual({ runtime, rollback });
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("fingerprint", () => {
  it("is the first 32 hex digits of the SHA-256 of [rule, services, missing] as JSON", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string({ unit: "grapheme" })),
        fc.option(fc.string(), { nil: undefined }),
        (rule, services, missing) => {
          const text = JSON.stringify([rule, services, missing ?? null]);
          expect(fingerprint(rule, services, missing)).toBe(createHash("sha256").update(text).digest("hex").slice(0, 32));
        },
      ),
      { numRuns: 500 },
    );
  });
});
