// The summary's edge count without merging (distinctNames) against the merge every other view reads (mergeEntries).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeEntries } from "../../src/graph/edges.js";
import type { Entry } from "../../src/model/types.js";
import { distinctNames } from "../../src/report/summary.js";
import { fingerprint } from "../../src/util/fingerprint.js";
import { ALPHABET } from "../helpers/arbitrary.js";

const entryArb = (names: fc.Arbitrary<string>): fc.Arbitrary<Entry> =>
  fc.record({
    kind: fc.constant("runtime" as const),
    names: fc.array(names, { minLength: 1, maxLength: 12 }),
    anyOf: fc.boolean(),
    soft: fc.boolean(),
    namePos: fc.constant([]),
  });

describe("distinctNames", () => {
  it("is the number of edges mergeEntries makes, short lists and long ones (past the in-place limit)", () => {
    const small = fc.constantFrom(...ALPHABET);
    const wide = fc.integer({ min: 0, max: 60 }).map((i) => `s${i}`);
    fc.assert(
      fc.property(fc.array(entryArb(fc.oneof(small, wide)), { maxLength: 8 }), (list) => {
        expect(distinctNames(list)).toBe(mergeEntries(list).size);
      }),
      { numRuns: 2000 },
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
