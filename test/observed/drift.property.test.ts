// SPEC §7 "Names" and "The rules", property-checked: the mapping, undeclared-dependency, undeclared-service and
// unobserved-dependency against a brute-force reading of the SPEC's words on random declared and observed graphs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareObserved, type DriftEntry, type DriftService } from "../../src/observed/drift.js";
import { compileNameRules, mapObservedTraffic, type NameRule, ObservedNames } from "../../src/observed/names.js";
import type { ObservedEdge } from "../../src/observed/types.js";

// Names that JavaScript objects know, `/ . -` in names, and aliases disjoint from names (no ambiguity here).
const NAMES = ["a", "b", "c", "constructor", "ns/d"];
const ALIASES = ["a.prod", "b-v1", "svc/c", "x", "toString", "__proto__"];
const RULES: NameRule[] = [
  { match: "^(.*)-v\\d+$", to: "$1" },
  { match: "^ns/(.*)$", to: "$1" },
  { match: "^(.*)\\.prod$", to: "$1" },
  { match: "^up-(.*)$", to: "$1.prod" },
  { match: "^(.*)$", to: "ns/$1" },
];
const OBSERVED = [...NAMES, ...ALIASES, "a-v2", "ns/b", "ns/x", "up-a", "up-b", "b.prod", "d", "zzz", "unknown", "x-v3"];

const entryArb: fc.Arbitrary<DriftEntry> = fc.record({
  kind: fc.constantFrom("runtime" as const, "rollback" as const),
  soft: fc.boolean(),
  form: fc.constantFrom("plain" as const, "anyOf" as const, "api" as const),
  names: fc.uniqueArray(fc.constantFrom(...NAMES, "undeclared"), { minLength: 1, maxLength: 3 }),
});

const estateArb = fc
  .record({
    services: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1 }),
    aliasOwner: fc.array(fc.nat(), { minLength: ALIASES.length, maxLength: ALIASES.length }),
    aliasOn: fc.array(fc.boolean(), { minLength: ALIASES.length, maxLength: ALIASES.length }),
    entries: fc.array(fc.array(entryArb, { maxLength: 4 }), { minLength: NAMES.length, maxLength: NAMES.length }),
    rules: fc.subarray(RULES),
    edges: fc.array(
      fc.record({
        file: fc.constantFrom("f1.json", "f2.json"),
        from: fc.constantFrom(...OBSERVED),
        to: fc.constantFrom(...OBSERVED),
        calls: fc.option(fc.nat(1000), { nil: null }),
      }),
      { maxLength: 25 },
    ),
  })
  .map((r) => {
    const services = r.services.map((name, i) => ({
      name,
      aliases: ALIASES.filter((_, k) => r.aliasOn[k] && (r.aliasOwner[k] as number) % r.services.length === i),
      entries: (r.entries[i] ?? []).map((e) => (e.form === "plain" ? { ...e, names: [e.names[0] as string] } : e)),
    }));
    return { services, rules: r.rules, edges: r.edges };
  });

/** SPEC §7 "Names", read literally. */
function brute(services: { name: string; aliases: string[] }[], rules: NameRule[]) {
  const direct = (n: string): string | null => {
    if (services.some((s) => s.name === n)) return n;
    const owners = services.filter((s) => s.aliases.includes(n));
    return owners.length === 1 ? (owners[0] as { name: string }).name : null;
  };
  return (n: string): string | null => {
    const d = direct(n);
    if (d !== null) return d;
    const rule = rules.find((r) => new RegExp(r.match).test(n));
    return rule === undefined ? null : direct(n.replace(new RegExp(rule.match), rule.to));
  };
}

const sum = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

describe("declared vs observed (SPEC §7), against a brute-force reading", () => {
  it("maps names, and finds exactly the undeclared dependencies, undeclared services and unobserved dependencies", () => {
    fc.assert(
      fc.property(estateArb, ({ services, rules, edges }) => {
        const compiled = compileNameRules(rules);
        expect(compiled.diagnostics).toEqual([]);
        const names = new ObservedNames(services, compiled.rules);
        const map = brute(services, rules);
        for (const n of OBSERVED) {
          const r = names.resolve(n);
          expect(r.kind === "service" ? r.service : null).toBe(map(n));
        }
        const files = ["f1.json", "f2.json"].map((file) => ({
          file,
          edges: edges.filter((e) => e.file === file).map(({ from, to, calls }): ObservedEdge => ({ from, to, calls })),
        }));
        const traffic = mapObservedTraffic(files, names);
        expect(traffic.diagnostics).toEqual([]);
        const drift = compareObserved(services as DriftService[], traffic, names);

        // The observed edges between declared services after mapping, X → X dropped; calls added up.
        const observed = new Map<string, { calls: number | null; files: Set<string> }>();
        const unknown = new Map<string, { calls: number | null; files: Set<string> }>();
        for (const e of edges) {
          if (e.from === e.to) continue;
          const [x, y] = [map(e.from), map(e.to)];
          if (x !== null && y !== null) {
            if (x === y) continue;
            const o = observed.get(`${x} ${y}`) ?? { calls: null, files: new Set() };
            observed.set(`${x} ${y}`, { calls: sum(o.calls, e.calls), files: o.files.add(e.file) });
            continue;
          }
          for (const [n, m] of [
            [e.from, x],
            [e.to, y],
          ] as const) {
            if (m !== null) continue;
            const u = unknown.get(n) ?? { calls: null, files: new Set() };
            unknown.set(n, { calls: sum(u.calls, e.calls), files: u.files.add(e.file) });
          }
        }
        const declares = (x: string, y: string) => services.find((s) => s.name === x)!.entries.some((en) => en.names.includes(y));
        const undeclared = [...observed]
          .filter(([k]) => !declares(...(k.split(" ") as [string, string])))
          .map(([k, v]) => ({ pair: k, calls: v.calls, observedIn: [...v.files].sort() }))
          .sort((p, q) => (p.pair < q.pair ? -1 : 1));
        const ends = new Set([...observed.keys()].flatMap((k) => k.split(" ")));
        const unobserved = new Set<string>();
        for (const s of services)
          for (const en of s.entries) {
            const y = en.names[0] as string;
            if (en.kind === "runtime" && !en.soft && en.form === "plain" && y !== s.name && services.some((t) => t.name === y))
              if (ends.has(s.name) && ends.has(y) && !observed.has(`${s.name} ${y}`)) unobserved.add(`${s.name} ${y}`);
          }

        const pairs = (xs: { service: string; dependency: string }[]) => xs.map((d) => `${d.service} ${d.dependency}`);
        expect(
          drift.undeclaredDependencies.map((d) => ({ pair: `${d.service} ${d.dependency}`, calls: d.calls, observedIn: d.observedIn })),
        ).toEqual(
          // No name holds a space, and "X Y" sorts as (X, Y) here: no name is a prefix of another followed by a character below " ".
          undeclared,
        );
        expect(new Set(pairs(drift.unobservedDependencies))).toEqual(unobserved);
        expect(pairs(drift.unobservedDependencies)).toHaveLength(unobserved.size);
        expect(drift.undeclaredServices.map((u) => ({ name: u.name, calls: u.calls, observedIn: u.observedIn }))).toEqual(
          [...unknown]
            .map(([name, v]) => ({ name, calls: v.calls, observedIn: [...v.files].sort() }))
            .sort((p, q) => (p.name < q.name ? -1 : 1)),
        );
        expect(drift.summary).toEqual({
          observedEdges: observed.size,
          matched: observed.size - undeclared.length,
          undeclared: undeclared.length,
          unobserved: unobserved.size,
          unknownNames: unknown.size,
        });
        expect(drift.hardAdditions.map((h) => `${h.service} ${h.requirement[0]}`)).toEqual(pairs(drift.undeclaredDependencies));
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same results whatever the order of files and edges", () => {
    fc.assert(
      fc.property(estateArb, fc.infiniteStream(fc.nat()), ({ services, rules, edges }, seeds) => {
        const names = new ObservedNames(services, compileNameRules(rules).rules);
        const run = (es: typeof edges) =>
          compareObserved(services as DriftService[], mapObservedTraffic([{ file: "f", edges: es }], names), names);
        const shuffled = [...edges]
          .map((e) => ({ e, k: seeds.next().value as number }))
          .sort((p, q) => p.k - q.k)
          .map((p) => p.e);
        expect(run(shuffled)).toEqual(run(edges));
      }),
      { numRuns: 100 },
    );
  });
});
