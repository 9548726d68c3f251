// The per-graph scratch arena: buffers handed out again come back clean, and analyses sharing one find what fresh arrays find.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criticality } from "../../src/drill/criticality.js";
import { coldStart } from "../../src/graph/coldstart.js";
import { compile } from "../../src/graph/compiled.js";
import { down } from "../../src/graph/down.js";
import { Scratch, scratchOf } from "../../src/graph/scratch.js";
import { findSharedFate } from "../../src/graph/shared-fate.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration } from "../../src/model/types.js";
import { catch22sAt } from "../../src/rules/catch22-local.js";
import { findCatch22s } from "../../src/rules/rollback-needs-broken.js";
import { findCores } from "../../src/rules/runtime-cycle.js";
import { rules } from "../../src/rules/table.js";
import { estateArb, largeEstateArb } from "../helpers/arbitrary.js";

describe("Scratch", () => {
  it("hands a given-back buffer out again, zeroed or filled as asked, and refuses one given back twice", () => {
    const s = new Scratch();
    const a = s.int32(100);
    a.fill(7);
    s.give(a);
    expect(s.freeBytes).toBe(400);
    expect(s.lent).toBe(0);
    const b = s.int32(90, -1);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(90);
    expect([...b].every((v) => v === -1)).toBe(true);
    b.fill(3);
    s.give(b);
    const c = s.uint8(200);
    expect(c.buffer).toBe(a.buffer);
    expect([...c].every((v) => v === 0)).toBe(true);
    s.give(c);
    const f = s.float64(50);
    expect([...f].every((v) => v === 0)).toBe(true);
    expect(() => s.give(f, f)).toThrow(/twice/);
  });

  it("does not hand out a buffer more than twice the size asked for", () => {
    const s = new Scratch();
    const big = s.int32(1000);
    s.give(big);
    const small = s.uint8(100);
    expect(small.buffer).not.toBe(big.buffer);
    expect(s.freeBytes).toBe(4000);
  });
});

describe("Scratch with a slab", () => {
  it("carves arrays out of one buffer that never overlap while lent, each clean, and merges the holes again", () => {
    // each step: borrow an array of a kind and length, or give back the k-th one still lent
    const step = fc.oneof(
      fc.record({
        kind: fc.constantFrom("int32", "uint8", "float64"),
        length: fc.integer({ min: 0, max: 120 }),
        fill: fc.integer({ min: -3, max: 3 }),
      }),
      fc.record({ back: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.array(step, { maxLength: 60 }), (slabBytes, steps) => {
        const s = new Scratch(slabBytes);
        const live: { a: Int32Array | Uint8Array | Float64Array; mark: number }[] = [];
        let mark = 1;
        for (const st of steps) {
          if ("back" in st) {
            if (live.length === 0) continue;
            const [{ a }] = live.splice(st.back % live.length, 1) as [{ a: Int32Array | Uint8Array | Float64Array }];
            s.give(a);
            expect(() => s.give(a)).toThrow(/twice/);
            continue;
          }
          const a =
            st.kind === "int32"
              ? s.int32(st.length, st.fill)
              : st.kind === "uint8"
                ? s.uint8(st.length, st.fill & 0xff)
                : s.float64(st.length);
          const want = st.kind === "int32" ? st.fill : st.kind === "uint8" ? st.fill & 0xff : 0;
          expect(a.length).toBe(st.length);
          expect(a.every((v) => v === want)).toBe(true);
          // overwrite it whole with its own mark: a range shared with another live array would change that one's
          a.fill(mark);
          live.push({ a, mark: mark++ });
          for (const l of live) expect(l.a.every((v) => v === (l.a instanceof Uint8Array ? l.mark & 0xff : l.mark))).toBe(true);
        }
        for (const { a } of live) s.give(a);
        expect(s.lent).toBe(0);
        // every range back and merged: one array as large as the slab holds (less its 8-byte guard) fits in it again
        const whole = Math.ceil(slabBytes / 8) * 8;
        if (whole > 8) expect(s.uint8(whole - 8).buffer.byteLength).toBe(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives a view of a carved array back as the array, and falls back to buffers of their own when the slab is full", () => {
    const s = new Scratch(72);
    const a = s.int32(16);
    expect(a.buffer.byteLength).toBe(72);
    const b = s.int32(4);
    expect(b.buffer).not.toBe(a.buffer);
    s.give(a.subarray(2, 5));
    expect(s.lent).toBe(16);
    const c = s.float64(8);
    expect(c.byteOffset).toBe(0);
    expect(c.buffer).toBe(a.buffer);
    s.give(b, c);
    expect(s.lent).toBe(0);
  });

  it("gives an empty view at the very end of a carved array back as that array, not as the one carved after it", () => {
    const s = new Scratch(1024);
    const a = s.int32(8);
    const b = s.int32(8);
    expect(b.buffer).toBe(a.buffer);
    b.fill(5);
    s.give(a.subarray(a.length));
    // a's range is the one free again (the best fit for c), and b, still lent, is untouched
    const c = s.int32(8, 9);
    expect(c.byteOffset).toBe(a.byteOffset);
    expect([...b].every((v) => v === 5)).toBe(true);
    s.give(b, c);
    expect(s.lent).toBe(0);
  });
});

/** Every analysis that borrows from the scratch, by name, as JSON. */
const analyses: Record<string, (decls: readonly Declaration[], g: ReturnType<typeof compile>) => string> = {
  rules: (_d, g) => JSON.stringify(rules.map((r) => r.run({ estate: g.estate, graph: g }))),
  catch22s: (_d, g) => JSON.stringify(findCatch22s(g)),
  local: (_d, g) =>
    JSON.stringify(
      catch22sAt(
        g,
        Array.from({ length: g.n }, (_, i) => i).filter((i) => i % 2 === 0),
      ),
    ),
  sharedFate: (_d, g) =>
    JSON.stringify(
      findSharedFate(
        g,
        g.estate.services.map((s, i) => (i % 3 === 0 ? undefined : (s.zone ?? `z${i % 2}`))),
      ),
    ),
  sharedFateOnly: (_d, g) =>
    JSON.stringify(
      findSharedFate(
        g,
        g.estate.services.map((s) => s.zone),
        Array.from({ length: g.n }, (_, i) => i).filter((i) => i % 3 !== 1),
      ),
    ),
  cores: (_d, g) => JSON.stringify(findCores(g).map((c) => ({ ...c, met: [...c.met] }))),
  cold: (_d, g) => JSON.stringify(Object.values(coldStart(g)).map((a) => [...a])),
  criticality: (_d, g) => JSON.stringify([criticality(g, { top: 3 }), criticality(g, { top: 2, budget: 5 })]),
  down: (_d, g) => JSON.stringify(Array.from({ length: g.n }, (_, i) => down(g, [i]))),
};
const names = Object.keys(analyses);

function fresh(decls: readonly Declaration[], name: string): string {
  return (analyses[name] as (typeof analyses)[string])(decls, compile(buildEstate(decls)));
}

describe("analyses sharing one graph's scratch", () => {
  it("find, in any order and run again, what each finds on a graph of its own", () => {
    const order = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 2 * names.length });
    fc.assert(
      fc.property(fc.oneof(estateArb, largeEstateArb(30)), order, (decls, sequence) => {
        const g = compile(buildEstate(decls));
        for (const name of [...sequence, ...names]) {
          expect((analyses[name] as (typeof analyses)[string])(decls, g), name).toBe(fresh(decls, name));
          // every buffer borrowed went back
          expect(scratchOf(g).lent, name).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
