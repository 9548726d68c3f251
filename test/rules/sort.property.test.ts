// sortFindings (SPEC §5 order) against the straightforward comparator that builds each path's list of names.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding, PathStep } from "../../src/model/types.js";
import { sortFindings } from "../../src/rules/index.js";
import { compareNameLists } from "../../src/util/order.js";

const names = fc.constantFrom("a", "b", "B", "a-1", "a/b", "ab", "é", "z");
const stepArb: fc.Arbitrary<PathStep> = fc.record({
  from: names,
  to: names,
  kind: fc.constantFrom("runtime" as const, "rollback" as const),
});
const findingArb: fc.Arbitrary<Finding> = fc
  .record({
    rule: fc.constantFrom("rollback-needs-broken", "shared-fate", "missing-dependency"),
    severity: fc.constant("error" as const),
    fingerprint: fc.constant(""),
    message: fc.constant(""),
    services: fc.array(names, { minLength: 1, maxLength: 2 }),
    path: fc.array(stepArb, { maxLength: 3 }),
    impacted: fc.constant([]),
    locations: fc.constant([]),
    missing: fc.option(names, { nil: undefined }),
    alternatives: fc.option(fc.array(names, { maxLength: 2 }), { nil: undefined }),
  })
  .map((f) => {
    const out = { ...f } as Finding;
    if (out.missing === undefined) delete out.missing;
    if (out.alternatives === undefined) delete out.alternatives;
    return out;
  });

function straightforward(findings: Finding[]): Finding[] {
  const pathNames = (f: Finding) => (f.path.length === 0 ? [] : [f.path[0]?.from as string, ...f.path.map((s) => s.to)]);
  const key = (f: Finding) => [...(f.missing !== undefined ? [f.missing] : []), ...(f.alternatives ?? [])];
  return findings.sort(
    (a, b) =>
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      compareNameLists(a.services, b.services) ||
      compareNameLists(pathNames(a), pathNames(b)) ||
      compareNameLists(key(a), key(b)),
  );
}

describe("sortFindings", () => {
  it("orders findings as the comparator over each path's names does (same pairs, same stable ties)", () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 30 }), (generated) => {
        // Each finding told apart by its message, so that the order of equal keys is compared too.
        const list = generated.map((f, i) => ({ ...f, message: String(i) }));
        expect(sortFindings(list.slice()).map((f) => f.message)).toEqual(straightforward(list.slice()).map((f) => f.message));
      }),
      { numRuns: 2000 },
    );
  });
});
