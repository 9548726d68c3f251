// Tests of the shape table: the one list of shapes, their smallest sizes, and estates pinned byte for byte.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateEstate, MIN_SERVICES, SHAPES } from "../../src/bench/generate.js";
import { DEFAULT_SHAPE, findShape, shapes } from "../../src/bench/shapes/index.js";

describe("the shape table", () => {
  it("is the list of shapes: SHAPES and MIN_SERVICES are read from it, ids unique, realistic first (the default)", () => {
    expect(SHAPES).toEqual(shapes.map((s) => s.id));
    expect(new Set(SHAPES).size).toBe(SHAPES.length);
    expect(DEFAULT_SHAPE).toBe("realistic");
    expect(SHAPES[0]).toBe(DEFAULT_SHAPE);
    for (const s of shapes) {
      expect(MIN_SERVICES[s.id]).toBe(s.minServices);
      expect(findShape(s.id)).toBe(s);
      expect(s.description.length).toBeGreaterThan(40);
    }
    expect(findShape("nope")).toBeUndefined();
  });

  it.each(shapes.map((s) => [s.id, s.minServices] as const))("%s builds from its smallest size (%i) and refuses one fewer", (id, min) => {
    expect(() => generateEstate({ services: min, seed: 1, shape: id })).not.toThrow();
    expect(() => generateEstate({ services: min - 1, seed: 1, shape: id })).toThrow(RangeError);
  });
});

/** sha256 of the estate's files in path order, each as `path\ntext\0`. */
function digest(shape: (typeof SHAPES)[number], services: number, seed: number): string {
  const h = createHash("sha256");
  const files = generateEstate({ services, seed, shape }).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const f of files) h.update(`${f.path}\n${f.text}\0`);
  return h.digest("hex");
}

describe("generated estates are pinned", () => {
  // Taken before the generator was split into shape modules (and checked against files written by the old CLI):
  // a change here changes every benchmark estate, so it has to be on purpose.
  const pinned: [(typeof SHAPES)[number], number, number, string][] = [
    ["realistic", 137, 1, "74f2c139ddbf3b2997e7b1ecd4da56f4322f5381f34c71e8928366d5d9eb07c2"],
    ["realistic", 2000, 7, "849bb59c93373cb5bb5e9e03fc9dffd91c5b3bf526698be7053710b708302778"],
    ["star", 137, 1, "44eee42a9d7ec6611391a320737b8c5a69dc87f2c4833f00f564ebf7b50814ef"],
    ["star", 2000, 7, "862e270e0f8747d7150bbe84a930fba55e6e133ba827d1b13b96b444b67dde9a"],
    ["chain", 137, 1, "38f4219a9f01ed4cbea95902363aa23495e7f76e6f1c8d65787407c38fb56f34"],
    ["chain", 2000, 7, "5ec605fdb870f014e35ee80a95ab3722b34521cde14dde38583ccc924966e92a"],
    ["cycle", 137, 1, "459a0112206c1e920bba95203620eedbc7b0744bd939614dc426864cbaa735f6"],
    ["cycle", 2000, 7, "5121a2b64819d8db0fc086003d51e6530daedd2adfe76547124e33ad2fbdefaf"],
    ["distinct-rollback", 137, 1, "8f372e4cd6827235829ae2449f15d6e0fd4586d943700b7005edb2d3fe8a805b"],
    ["distinct-rollback", 2000, 7, "d7855dc5e9d128be14d2b8b743fa9d9c068b781c6793abb2d8dab8c942ce80f2"],
  ];
  it.each(pinned)("%s with %i services, seed %i, has the same bytes as before", (shape, n, seed, expected) => {
    expect(digest(shape, n, seed)).toBe(expected);
  });
});
