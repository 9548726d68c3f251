// The graph algorithms (src/graph) against the SPEC §2–§3 definitions, computed naively.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coldStart } from "../../src/graph/coldstart.js";
import { compile } from "../../src/graph/compiled.js";
import { DownSet, down } from "../../src/graph/down.js";
import { ReachFilter } from "../../src/graph/reach.js";
import { stronglyConnected } from "../../src/graph/scc.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration } from "../../src/model/types.js";
import { estateArb, largeEstateArb } from "../helpers/arbitrary.js";
import { analyse } from "../helpers/estate.js";
import { bruteDown, bruteFindings, bruteModel, bruteNeverUp, sorted } from "../reference/brute.js";

const TIMEOUT = 60_000;
const estates = fc.oneof(estateArb, largeEstateArb(40));

function compiled(decls: Declaration[]) {
  return compile(buildEstate(decls));
}

/** Nodes reachable from `start` in zero or more steps of `next`. */
function closure(start: string, next: (v: string) => string[]): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const w of next(queue.shift() as string)) {
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return seen;
}

describe("graph algorithms against the definitions", () => {
  it(
    "§2 Down(F): the propagation equals the least fixpoint, for random F, also when a DownSet is reset and reused",
    () => {
      fc.assert(
        fc.property(estates, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (decls, picks) => {
          const g = compiled(decls);
          const m = bruteModel(decls);
          const reused = new DownSet(g);
          for (let k = 0; k < picks.length; k++) {
            const F = picks.slice(0, k + 1).map((p) => g.names[p % g.n] as string);
            const expected = sorted(bruteDown(m, F));
            expect(
              down(
                g,
                F.map((f) => g.estate.ids.get(f) as number),
              ).map((i) => g.names[i]),
            ).toEqual(expected);
            reused.reset();
            reused.add(F.map((f) => g.estate.ids.get(f) as number));
            expect(sorted(reused.members.map((i) => g.names[i] as string))).toEqual(expected);
          }
        }),
        { numRuns: 1500 },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 cold start: the services that never come up are exactly the naive iteration's N",
    () => {
      fc.assert(
        fc.property(estates, (decls) => {
          const g = compiled(decls);
          const { never } = coldStart(g);
          expect(g.names.filter((_, i) => never[i])).toEqual(sorted(bruteNeverUp(bruteModel(decls))));
        }),
        { numRuns: 2000 },
      );
    },
    TIMEOUT,
  );

  it(
    "reachability filter: mayReach(u, v) holds whenever u reaches v along hard runtime requirements (never a false negative)",
    () => {
      fc.assert(
        fc.property(estates, (decls) => {
          const g = compiled(decls);
          const m = bruteModel(decls);
          const next = (v: string) => sorted((m.rt.get(v) ?? []).flatMap((q) => q.names));
          const filter = new ReachFilter(g);
          const missed: string[] = [];
          for (const u of g.names) {
            for (const v of closure(u, next)) {
              if (!filter.mayReach(g.estate.ids.get(u) as number, g.estate.ids.get(v) as number)) missed.push(`${u} reaches ${v}`);
            }
          }
          expect(missed).toEqual([]);
        }),
        { numRuns: 2000 },
      );
    },
    TIMEOUT,
  );

  it(
    "strongly connected components: same partition as pairwise reachability",
    () => {
      fc.assert(
        fc.property(estates, (decls) => {
          const g = compiled(decls);
          const m = bruteModel(decls);
          const next = (v: string) => sorted((m.rt.get(v) ?? []).flatMap((q) => q.names));
          const { n, runtime } = g;
          const adjStart = new Int32Array(n + 1);
          for (let i = 0; i < n; i++) {
            adjStart[i + 1] = (runtime.memberStart[runtime.start[i + 1] as number] as number) - (runtime.memberStart[0] as number);
          }
          const { comp } = stronglyConnected(n, adjStart, runtime.members);
          const reach = new Map(g.names.map((u) => [u, closure(u, next)]));
          // One expect per estate, not per pair: vitest's expect costs more than the check itself.
          const wrong: string[] = [];
          for (const u of g.names) {
            for (const v of g.names) {
              const same = (reach.get(u) as Set<string>).has(v) && (reach.get(v) as Set<string>).has(u);
              if ((comp[g.estate.ids.get(u) as number] === comp[g.estate.ids.get(v) as number]) !== same)
                wrong.push(`${u} ~ ${v}: ${same}`);
            }
          }
          expect(wrong).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    },
    TIMEOUT,
  );

  it(
    "§3 runtime-cycle and rollback-needs-broken on larger sparse estates (up to 40 services) match the definition",
    () => {
      const key = (f: { rule: string; services: string[]; path: { from: string; to: string; kind: string }[]; impacted: string[] }) =>
        JSON.stringify([f.rule, f.services, f.path, f.impacted]);
      fc.assert(
        fc.property(largeEstateArb(40), (decls) => {
          const rules = new Set(["runtime-cycle", "rollback-needs-broken"]);
          const fast = analyse(decls)
            .filter((f) => rules.has(f.rule))
            .map((f) => key({ ...f, path: f.path.map(({ from, to, kind }) => ({ from, to, kind })) }))
            .sort();
          const brute = bruteFindings(decls)
            .filter((f) => rules.has(f.rule))
            .map(key)
            .sort();
          expect(fast).toEqual(brute);
        }),
        { numRuns: 500 },
      );
    },
    TIMEOUT,
  );
});
