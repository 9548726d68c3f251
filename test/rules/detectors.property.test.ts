// Every detector against the brute-force reading of SPEC §2–§3 (test/reference/brute.ts), on random estates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Declaration, Finding } from "../../src/model/types.js";
import { materialize, rawEstateArb, reorder } from "../helpers/arbitrary.js";
import { analyse } from "../helpers/estate.js";
import { type BruteFinding, bruteDrill, bruteFindings, bruteModel, compareNames } from "../reference/brute.js";

const RUNS = 2500;
const TIMEOUT = 60_000;

type Comparable = Pick<Finding, "rule" | "services" | "path" | "impacted" | "locations"> & { missing?: string };

/** What the SPEC defines about a finding: rule, subject, witness (names and kinds), impacted, missing name. */
function key(f: Comparable): string {
  return JSON.stringify([f.rule, f.services, f.path.map((s) => [s.from, s.to, s.kind]), f.impacted, f.missing ?? null]);
}

function withLocations(f: Comparable): string {
  return JSON.stringify([key(f), f.locations.map((p) => `${p.file}:${p.line}:${p.column}`)]);
}

function compareRule(decls: Declaration[], rule: string, show: (f: Comparable) => string = key): void {
  const fast = analyse(decls)
    .filter((f) => f.rule === rule)
    .map(show)
    .sort();
  const brute = bruteFindings(decls)
    .filter((f: BruteFinding) => f.rule === rule)
    .map(show)
    .sort();
  expect(fast).toEqual(brute);
}

const estate = rawEstateArb.map(materialize);

describe("detectors against the SPEC definitions (brute force)", () => {
  it(
    "§3 duplicate-service: one finding per name declared more than once, every declaration's location",
    () => {
      fc.assert(
        fc.property(estate, (decls) => compareRule(decls, "duplicate-service", withLocations)),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 missing-dependency: one finding per (service, undeclared name), soft entries too, at its first occurrence",
    () => {
      fc.assert(
        fc.property(estate, (decls) => compareRule(decls, "missing-dependency", withLocations)),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 rollback-undeclared: exactly the services none of whose declarations has a rollback key",
    () => {
      fc.assert(
        fc.property(estate, (decls) => compareRule(decls, "rollback-undeclared", withLocations)),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 runtime-cycle: cores, canonical cycle and impacted match the definition on random estates",
    () => {
      fc.assert(
        fc.property(estate, (decls) => compareRule(decls, "runtime-cycle")),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 runtime-cycle: with no anyOf, the cores are exactly the non-trivial SCCs of the hard runtime graph",
    () => {
      const plain = estate.map((decls) =>
        decls.map((d) => ({
          ...d,
          runtime: d.runtime.map((e) => ({ ...e, anyOf: false, names: e.names.slice(0, 1), namePos: e.namePos.slice(0, 1) })),
        })),
      );
      fc.assert(
        fc.property(plain, (decls) => {
          const m = bruteModel(decls);
          const next = (v: string) => (m.rt.get(v) ?? []).flatMap((q) => q.names);
          const reach = new Map<string, Set<string>>();
          for (const s of m.services) {
            const seen = new Set<string>();
            const queue = next(s);
            while (queue.length > 0) {
              const v = queue.pop() as string;
              if (!seen.has(v)) {
                seen.add(v);
                queue.push(...next(v));
              }
            }
            reach.set(s, seen);
          }
          const sccs = new Set<string>();
          for (const s of m.services) {
            const scc = m.services.filter((t) => t === s || ((reach.get(s) as Set<string>).has(t) && (reach.get(t) as Set<string>).has(s)));
            if (scc.length > 1 || next(s).includes(s)) sccs.add(JSON.stringify(scc));
          }
          const cores = analyse(decls)
            .filter((f) => f.rule === "runtime-cycle")
            .map((f) => JSON.stringify(f.services));
          expect(cores.sort()).toEqual([...sccs].sort());
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 rollback-needs-broken: findings and shortest, smallest-named witnesses match the definition (Down({X}) by fixpoint)",
    () => {
      fc.assert(
        fc.property(estate, (decls) => compareRule(decls, "rollback-needs-broken")),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 locations: each step's location is the first (in source order) entry that declares it in the qualifying sense",
    () => {
      fc.assert(
        fc.property(estate, (decls) => {
          compareRule(decls, "runtime-cycle", withLocations);
          compareRule(decls, "rollback-needs-broken", withLocations);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§4/§3 a single-service drill is stuck exactly when the service has a rollback-needs-broken finding",
    () => {
      fc.assert(
        fc.property(estate, (decls) => {
          const m = bruteModel(decls);
          const flagged = new Set(
            analyse(decls)
              .filter((f) => f.rule === "rollback-needs-broken")
              .map((f) => f.services[0]),
          );
          for (const x of m.services) expect(bruteDrill(m, [x]).stuckRoots.length > 0).toBe(flagged.has(x));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§5 findings come sorted by rule id, then services, then the names along the path, then the fingerprint's own fields",
    () => {
      // shared-fate: two requirements of one service can share their first alternative and the chain from it.
      const own = (f: Finding) => [
        ...(f.missing === undefined ? [] : [f.missing]),
        ...(f.alternatives ?? []),
        ...(f.dependency === undefined ? [] : [f.dependency]),
      ];
      const names = (f: Finding) => (f.path.length === 0 ? [] : [f.path[0]?.from as string, ...f.path.map((s) => s.to)]);
      fc.assert(
        fc.property(estate, (decls) => {
          const out = analyse(decls);
          for (let i = 1; i < out.length; i++) {
            const a = out[i - 1] as Finding;
            const b = out[i] as Finding;
            const c =
              (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
              compareNames(a.services, b.services) ||
              compareNames(names(a), names(b)) ||
              compareNames(own(a), own(b));
            expect(c, `${key(a)} before ${key(b)}`).toBeLessThan(0);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§5 determinism: output is identical (apart from positions) whatever the order of files, declarations, keys and entries",
    () => {
      /** The report without positions: locations dropped, "file:line:col" in messages masked. */
      const strip = (fs: Finding[]) =>
        JSON.stringify(
          fs.map(({ locations: _, ...f }) => ({
            ...f,
            message: f.message.replace(/[a-z]\.yaml:\d+:\d+/g, "POS"),
            ...(f.chains ? { chains: f.chains.map((c) => c.path) } : {}),
          })),
        );
      fc.assert(
        fc.property(rawEstateArb, fc.integer(), (raw, seed) => {
          expect(strip(analyse(materialize(reorder(raw, seed))))).toEqual(strip(analyse(materialize(raw))));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
