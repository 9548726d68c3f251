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
