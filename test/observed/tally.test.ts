// Calls add up per edge (SPEC §7): both tallies agree, in plain string order, null only where no call had a count.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EdgeTally, NameTally } from "../../src/observed/tally.js";

describe("edge tallies", () => {
  it("agree on random calls, hubs with many callees included", () => {
    const name = fc.constantFrom("a", "B", "b", "a/b", "constructor", "__proto__", ...Array.from({ length: 60 }, (_, i) => `s${i}`));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, fc.option(fc.nat(50), { nil: null })), { maxLength: 300 }), (calls) => {
        const plain = new EdgeTally();
        const named = new NameTally();
        for (const [from, to, c] of calls) {
          plain.add(from, to, c);
          named.add(named.intern(from), named.intern(to), c);
        }
        expect(named.edges()).toEqual(plain.edges());
      }),
      { numRuns: 200 },
    );
  });
  it("keeps null for an edge no call counted, and a count once one did", () => {
    const t = new NameTally();
    const [a, b, c] = ["a", "b", "c"].map((n) => t.intern(n)) as [number, number, number];
    t.add(a, b, null);
    t.add(a, c, null);
    t.add(a, c, 4);
    t.add(a, c, null);
    expect(t.edges()).toEqual([
      { from: "a", to: "b", calls: null },
      { from: "a", to: "c", calls: 4 },
    ]);
  });
});
