// Criticality against brute force: Down({X}) for every X by fixpoint, then the two rankings straight from their definitions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criticality, upperBounds } from "../../src/drill/criticality.js";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration } from "../../src/model/types.js";
import { declarations, type EntrySpec, type ServiceSpec } from "../helpers/estate.js";
import { drillCaseArb } from "./arbitrary.js";
import { down, model } from "./brute.js";

interface Truth {
  name: string;
  takesDown: number;
  blocks: number;
}

function truth(decls: readonly Declaration[]): Truth[] {
  const m = model(decls);
  return m.names.map((x) => {
    const D = down(m, [x]);
    const blocks = m.names.filter((y) => y !== x && (m.rb.get(y) ?? []).some((q) => q.names.every((n) => D.has(n)))).length;
    return { name: x, takesDown: D.size - 1, blocks };
  });
}

/** The top `top` by count (count > 0), ties by name, as "name=count". */
function ranking(all: Truth[], key: "takesDown" | "blocks", top: number): string[] {
  return all
    .filter((t) => t[key] > 0)
    .sort((a, b) => b[key] - a[key] || (a.name < b.name ? -1 : 1))
    .slice(0, top)
    .map((t) => `${t.name}=${t[key]}`);
}

/** Larger estates than the drill's: layers of services over a shared base, with anyOf, soft entries and the odd cycle. */
const layeredArb: fc.Arbitrary<Declaration[]> = fc
  .integer({ min: 2, max: 40 })
  .chain((n) => {
    const names = Array.from({ length: n }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const target = (i: number) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: Math.max(0, i - 1) }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: n - 1 }) },
      );
    const entry = (i: number): fc.Arbitrary<EntrySpec> =>
      fc.tuple(fc.nat(5), target(i), target(i)).map(([shape, a, b]): EntrySpec => {
        if (shape === 0) return { anyOf: [names[a] as string, names[b] as string] };
        if (shape === 1) return { service: names[a] as string, soft: true };
        return names[a] as string;
      });
    return fc.tuple(
      ...names.map(
        (name, i) =>
          fc.record({
            name: fc.constant(name),
            runtime: fc.array(entry(i), { maxLength: 3 }),
            rollback: fc.array(entry(n), { maxLength: 2 }),
          }) as fc.Arbitrary<ServiceSpec>,
      ),
    );
  })
  .map((specs) => declarations(specs));

/**
 * Rings of plain requirements (every member takes the whole ring down, so criticality computes their
 * Down once) with dependents, chords and rollbacks naming ring members: a member's own rollback
 * inside the ring's Down is the "Y ≠ X" case that differs between members of one ring.
 */
const ringsArb: fc.Arbitrary<Declaration[]> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 12 }))
  .chain(([rings, size, extra]) => {
    const ring = (r: number, i: number) => `r${r}-${(i + size) % size}`;
    const ringNames = Array.from({ length: rings * size }, (_, k) => ring(Math.floor(k / size), k % size));
    const all = [...ringNames, ...Array.from({ length: extra }, (_, i) => `d${String(i).padStart(2, "0")}`)];
    const any = fc.constantFrom(...all);
    const entry: fc.Arbitrary<EntrySpec> = fc.oneof(
      any,
      fc.tuple(any, any).map(([a, b]): EntrySpec => ({ anyOf: [a, b] })),
      any.map((a): EntrySpec => ({ service: a, soft: true })),
    );
    return fc.tuple(
      ...all.map((name, k) =>
        fc
          .record({
            runtime: fc.array(entry, { maxLength: k < ringNames.length ? 1 : 3 }),
            rollback: fc.option(fc.array(entry, { maxLength: 2 }), { nil: undefined }),
          })
          .map(({ runtime, rollback }): ServiceSpec => {
            // A ring member needs the next one plainly, and maybe one more thing.
            const own = k < ringNames.length ? [ring(Math.floor(k / size), (k % size) + 1), ...runtime] : runtime;
            return rollback ? { name, runtime: own, rollback } : { name, runtime: own };
          }),
      ),
    );
  })
  .map((specs) => declarations(specs));

const estates = fc.oneof(
  drillCaseArb.map((c) => c.decls),
  layeredArb,
);

describe("criticality in check (brute force on small random estates)", () => {
  it("the upper bounds never undercount: |Down({X})| − 1 and the rollbacks X blocks are at most the bounds", () => {
    fc.assert(
      fc.property(estates, (decls) => {
        const g = compile(buildEstate(decls));
        const b = upperBounds(g);
        for (const t of truth(decls)) {
          const x = g.estate.ids.get(t.name) as number;
          expect(b.down[x]).toBeGreaterThanOrEqual(t.takesDown);
          expect(b.blocks[x]).toBeGreaterThanOrEqual(t.blocks);
        }
      }),
      { numRuns: 800 },
    );
  });

  it("both rankings are exactly the top N by the definitions, ties broken by name, and say they are exact", () => {
    fc.assert(
      fc.property(estates, fc.integer({ min: 1, max: 6 }), (decls, top) => {
        const g = compile(buildEstate(decls));
        const c = criticality(g, { top });
        const name = (e: { service: number; count: number }) => `${g.names[e.service]}=${e.count}`;
        const all = truth(decls);
        expect(c.exact).toBe(true);
        expect(c.takesDown.map(name)).toEqual(ranking(all, "takesDown", top));
        expect(c.blocksRollbacks.map(name)).toEqual(ranking(all, "blocks", top));
        expect([...c.takesDown, ...c.blocksRollbacks].every((e) => e.exact)).toBe(true);
      }),
      { numRuns: 800 },
    );
  });

  it("on rings of plain requirements (one Down per ring), both rankings are exactly the top N by the definitions", () => {
    fc.assert(
      fc.property(ringsArb, fc.integer({ min: 1, max: 8 }), (decls, top) => {
        const g = compile(buildEstate(decls));
        // Each ring member's Down is the whole ring and more: the default budget may run out on these.
        const c = criticality(g, { top, budget: Number.MAX_SAFE_INTEGER });
        const name = (e: { service: number; count: number }) => `${g.names[e.service]}=${e.count}`;
        const all = truth(decls);
        expect(c.exact).toBe(true);
        expect(c.takesDown.map(name)).toEqual(ranking(all, "takesDown", top));
        expect(c.blocksRollbacks.map(name)).toEqual(ranking(all, "blocks", top));
      }),
      { numRuns: 800 },
    );
  });

  it("out of budget, unmarked counts are still exact, marked ones are upper bounds, and the report says it is approximate", () => {
    let approximate = 0;
    fc.assert(
      fc.property(layeredArb, fc.integer({ min: 1, max: 4 }), (decls, top) => {
        const g = compile(buildEstate(decls));
        const c = criticality(g, { top, budget: 0 });
        const all = new Map(truth(decls).map((t) => [t.name, t]));
        for (const [list, key] of [
          [c.takesDown, "takesDown"],
          [c.blocksRollbacks, "blocks"],
        ] as const) {
          for (const e of list) {
            const t = all.get(g.names[e.service] as string) as Truth;
            if (e.exact) expect(e.count).toBe(t[key]);
            else expect(e.count).toBeGreaterThanOrEqual(t[key]);
          }
        }
        if ([...c.takesDown, ...c.blocksRollbacks].some((e) => !e.exact)) {
          approximate++;
          expect(c.exact).toBe(false);
        }
        if (c.exact) {
          expect(c.takesDown.map((e) => `${g.names[e.service]}=${e.count}`)).toEqual(ranking([...all.values()], "takesDown", top));
        }
      }),
      { numRuns: 400 },
    );
    expect(approximate).toBeGreaterThan(20);
  });
});
