// serve's per-rule reuse (src/rules/reuse.ts `local`): after any sequence of edits, rollback-needs-broken's and shared-fate's findings, half reused, equal a fresh analysis's.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration, Estate } from "../../src/model/types.js";
import { runRules } from "../../src/rules/index.js";
import { RuleReuse, scopeOf } from "../../src/rules/reuse.js";
import { estateArb, largeEstateArb } from "../helpers/arbitrary.js";

const estates = fc.oneof(estateArb, largeEstateArb(40));

/** One edit: each earlier declaration kept (the same object), dropped (a file deleted), changed (its file edited: a new object, entries of another's), renamed, or given a zone; new ones added. */
type Step = { pool: Declaration[]; ops: number[]; zoneAt: number[]; add: boolean[] };

const stepArb: fc.Arbitrary<Step> = fc.record({
  pool: estates,
  ops: fc.array(fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }), {
    maxLength: 60,
  }),
  zoneAt: fc.array(fc.nat(59), { maxLength: 2 }),
  add: fc.array(fc.boolean(), { maxLength: 60 }),
});

function apply(before: readonly Declaration[], s: Step): Declaration[] {
  const after: Declaration[] = [];
  before.forEach((d, i) => {
    const op = s.ops[i] ?? 0;
    const other = s.pool[i % s.pool.length] as Declaration;
    if (op === 0) after.push(d);
    else if (op === 2) after.push({ ...d, runtime: other.runtime.slice() });
    else if (op === 3) after.push({ ...d, name: other.name === d.name ? `${d.name}2` : other.name });
    else if (op === 4) after.push({ ...d, rollback: (other.rollback ?? []).slice() });
    // op 1: dropped
  });
  s.pool.forEach((d, i) => {
    if (s.add[i] ?? false) after.push(d);
  });
  for (const z of s.zoneAt) {
    const d = after[z % Math.max(1, after.length)];
    if (d) after[z % after.length] = { ...d, zone: `z${z % 2}` } as Declaration;
  }
  return after;
}

/** An estate where some services have a zone from the start: kept as the same objects by later edits, they are unchanged zone members. */
const zonedEstates = fc.tuple(estates, fc.array(fc.nat(), { maxLength: 6 })).map(([decls, at]) => {
  const out = decls.slice();
  for (const z of at) {
    const i = z % Math.max(1, out.length);
    const d = out[i];
    if (d) out[i] = { ...d, zone: `z${z % 2}` } as Declaration;
  }
  return out;
});

const sequences = fc.tuple(zonedEstates, fc.array(stepArb, { minLength: 1, maxLength: 5 }));

const LOCAL_RULES = new Set(["rollback-needs-broken", "shared-fate"]);
const fresh = (decls: readonly Declaration[]) => {
  const e = buildEstate(decls);
  return runRules(e, compile(e));
};

describe("per-rule reuse across edits (serve)", () => {
  it("after any sequence of edits, the findings equal a fresh analysis's, reused ones the same objects", () => {
    let local = 0;
    fc.assert(
      fc.property(sequences, ([first, steps]) => {
        // every edit takes the local path (no share above which a rule runs whole)
        const reuse = new RuleReuse(1);
        let decls: Declaration[] = first;
        let e: Estate = buildEstate(decls);
        let g = compile(e);
        runRules(e, g, {}, undefined, undefined, reuse);
        for (const step of steps) {
          decls = apply(decls, step);
          const e2 = buildEstate(decls, e);
          const g2 = compile(e2, [], g);
          const got = runRules(e2, g2, {}, undefined, undefined, reuse);
          expect(got).toEqual(fresh(decls));
          e = e2;
          g = g2;
        }
        local += reuse.runs.local;
        expect(got2(reuse)).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
    expect(local).toBeGreaterThan(100);
  });

  it("a service outside the scope has the same findings by each local rule when the rules run whole on both sides", () => {
    fc.assert(
      fc.property(zonedEstates, stepArb, (first, step) => {
        const e1 = buildEstate(first);
        const g1 = compile(e1);
        const decls = apply(first, step);
        const e2 = buildEstate(decls, e1);
        const g2 = compile(e2, [], g1);
        const scope = scopeOf(g1, g2);
        const before = runRules(e1, g1).filter((f) => LOCAL_RULES.has(f.rule));
        const after = runRules(e2, g2).filter((f) => LOCAL_RULES.has(f.rule));
        for (let x = 0; x < g2.n; x++) {
          const name = g2.names[x] as string;
          const of = (list: typeof before, rule: string) => list.filter((f) => f.rule === rule && f.services[0] === name);
          if (!scope.dependencies[x]) expect(of(after, "rollback-needs-broken")).toEqual(of(before, "rollback-needs-broken"));
          if (!scope.dependents[x] && !scope.zones) expect(of(after, "shared-fate")).toEqual(of(before, "shared-fate"));
        }
      }),
      { numRuns: 400 },
    );
  });
});

const got2 = (r: RuleReuse) => r.runs.local + r.runs.whole;

describe("shared-fate reuse with zones (serve)", () => {
  it("runs whole when a zone member reaches the changed service, though neither the edit nor X has a zone", () => {
    let line = 1;
    const entry = (names: string[]) => ({
      kind: "runtime" as const,
      names,
      anyOf: names.length > 1,
      soft: false,
      namePos: names.map((_, i) => ({ file: "a.yaml", line: line++, column: 5 + 4 * i })),
    });
    const decl = (name: string, runtime: string[][], zone?: string): Declaration => ({
      name,
      pos: { file: "a.yaml", line: line++, column: 7 },
      runtime: runtime.map(entry),
      rollback: [],
      origin: "catch22",
      ...(zone ? { zone } : {}),
    });
    // X needs B or C, both need Z; B, C and E are zone z1; E needs W. The edit: W now needs Z, so z1 ⊆ Down(Z)
    // and the zone becomes strictly closer than Z: X's causes go from [zone=z1, Z] to [zone=z1].
    const pad = Array.from({ length: 40 }, (_, i) => decl(`p${i}`, []));
    const kept = [decl("X", [["B", "C"]]), decl("B", [["Z"]], "z1"), decl("C", [["Z"]], "z1"), decl("E", [["W"]], "z1"), decl("Z", [])];
    const before = [...kept, decl("W", []), ...pad];
    const after = [...kept, decl("W", [["Z"]]), ...pad];
    const reuse = new RuleReuse();
    const e1 = buildEstate(before);
    const g1 = compile(e1);
    const causes = (fs: ReturnType<typeof runRules>) => fs.filter((f) => f.rule === "shared-fate").map((f) => f.causes);
    expect(causes(runRules(e1, g1, {}, undefined, undefined, reuse))).toEqual([["zone=z1", "Z"]]);
    const e2 = buildEstate(after, e1);
    const g2 = compile(e2, [], g1);
    expect(scopeOf(g1, g2).zones).toBe(true);
    expect(causes(runRules(e2, g2, {}, undefined, undefined, reuse))).toEqual([["zone=z1"]]);
    expect(causes(fresh(after))).toEqual([["zone=z1"]]);
  });
});

describe("the findings' sort across analyses (serve)", () => {
  it("equals a stable sort of the list, whatever was reused from the last one, ties included (property)", () => {
    type F = { key: number; tag: number };
    const compare = (a: F, b: F) => a.key - b.key;
    const stable = (list: F[]) => list.slice().sort(compare);
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.boolean(), fc.nat(30)), { maxLength: 40 }), { minLength: 1, maxLength: 5 }), (rounds) => {
        const reuse = new RuleReuse();
        let last: F[] = [];
        let tag = 0;
        for (const round of rounds) {
          // each item: one of the last list again (the same object) or a new one
          const list: F[] = round.map(([again, k]) => (again && last.length > 0 ? (last[k % last.length] as F) : { key: k, tag: tag++ }));
          const want = stable(list);
          const got = reuse.sort(list.slice() as never[], compare as never, ((l: F[]) => l.sort(compare)) as never) as unknown as F[];
          expect(got).toEqual(want);
          expect(got.every((f, i) => f === want[i])).toBe(true);
          last = got;
        }
      }),
      { numRuns: 500 },
    );
  });
});
