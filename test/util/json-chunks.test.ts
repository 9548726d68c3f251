// Streamed JSON equals JSON.stringify(value, null, 2) byte for byte, at every walking depth.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../src/util/json-chunks.js";

/** JSON values with the members JSON.stringify leaves out or writes null: undefined and functions. */
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
  leaf: fc.oneof(
    fc.jsonValue({ maxDepth: 1 }),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.double(),
  ),
  array: fc.array(tie("node"), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ maxLength: 4 }), tie("node"), { maxKeys: 5 }),
}));

describe("jsonChunks", () => {
  it("joins to JSON.stringify(value, null, indent) on random values, compact or indented, at depths 0 to 4 and batches of 1 to 4", () => {
    fc.assert(
      fc.property(
        fc.oneof(value.array, value.object),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 2, 4),
        (v, depth, batch, indent) => {
          expect([...jsonChunks(v, indent, depth, batch)].join("")).toBe(JSON.stringify(v, null, indent));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("honours toJSON, as a Date has, and writes empty containers as [] and {}", () => {
    const v = { when: new Date(0), list: [], map: {}, nested: { a: [1, { b: [] }], gone: undefined }, custom: { toJSON: () => ["x"] } };
    expect([...jsonChunks(v)].join("")).toBe(JSON.stringify(v, null, 2));
  });

  it("yields a piece per batch of a long list (a report is written as it is made)", () => {
    const v = { findings: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    expect([...jsonChunks(v, 2, 2, 100)].length).toBeGreaterThanOrEqual(10);
    expect([...jsonChunks(v, 2, 2, 100)].join("")).toBe(JSON.stringify(v, null, 2));
  });
});
