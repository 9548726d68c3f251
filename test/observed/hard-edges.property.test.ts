// SPEC §7 `--observed-edges hard`: every undeclared observed X → Y is a hard requirement {Y} of RT(X) for every detector and drill.
// Checked against the brute-force reading (test/reference/brute.ts) of the same estate with those edges declared as plain runtime entries.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/drill/simulate.js";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration, Finding, PathStep } from "../../src/model/types.js";
import { observe } from "../../src/observed/observe.js";
import type { ObservedEdge } from "../../src/observed/types.js";
import { runRules } from "../../src/rules/index.js";
import { materialize, rawEstateArb } from "../helpers/arbitrary.js";
import { bruteDrill, bruteFindings, bruteModel } from "../reference/brute.js";

const DRIFT_RULES = new Set(["undeclared-dependency", "undeclared-service", "unobserved-dependency"]);

const key = (f: Pick<Finding, "rule" | "services" | "path" | "impacted" | "locations"> & { missing?: string }) =>
  JSON.stringify([
    f.rule,
    f.services,
    f.path.map((s) => [s.from, s.to, s.kind]),
    f.impacted,
    f.missing ?? null,
    f.locations.map((p) => `${p.file}:${p.line}:${p.column}`),
  ]);

/** Random estates with random observed edges over their names (declared or not, self-calls included). */
const caseArb = rawEstateArb.chain((raw) => {
  const decls = materialize(raw);
  const names = [...new Set(decls.map((d) => d.name))];
  const name = names.length > 0 ? fc.constantFrom(...names, "unknown-x") : fc.constant("unknown-x");
  const edge = fc.record({ from: name, to: name, calls: fc.option(fc.nat(50), { nil: null }) });
  return fc.tuple(fc.constant(decls), fc.array(edge, { maxLength: 8 }));
});

function run(decls: Declaration[], edges: ObservedEdge[]) {
  const estate = buildEstate(decls);
  const o = observe(estate, [{ file: "traffic.json", format: "dependency-links", edges, diagnostics: [] }], { names: [], edges: "hard" });
  if (!o.ok) throw new Error(o.diagnostics[0]?.message);
  const additions = o.observation.drift.hardAdditions;
  const graph = compile(estate, additions);
  return { estate, graph, additions, findings: runRules(estate, graph, {}, undefined, o.observation.drift) };
}

/** The estate with each addition declared as a plain runtime entry of X, written at X's name (where hard edges are located). */
function declared(
  decls: Declaration[],
  additions: { service: string; requirement: readonly [string] }[],
  at: Map<string, Declaration["pos"]>,
) {
  const out = decls.map((d) => ({ ...d, runtime: [...d.runtime] }));
  for (const a of additions) {
    const d = out.find((x) => x.name === a.service) as Declaration;
    const pos = at.get(a.service) as Declaration["pos"];
    d.runtime.push({ kind: "runtime", names: [a.requirement[0]], anyOf: false, soft: false, namePos: [pos] });
  }
  return out;
}

describe("SPEC §7 --observed-edges hard against the estate with the edges declared (brute force)", () => {
  it("every detector finds the same findings, and exactly the steps over added edges are marked observed", () => {
    fc.assert(
      fc.property(caseArb, ([decls, edges]) => {
        const { estate, additions, findings } = run(decls, edges);
        const at = new Map(estate.services.map((s) => [s.name, s.declarations[0]?.pos as Declaration["pos"]]));
        const fast = findings
          // shared-fate has its own brute force (test/reference/outage.ts), checked in its property test.
          .filter((f) => !DRIFT_RULES.has(f.rule) && f.rule !== "shared-fate")
          .map(key)
          .sort();
        const brute = bruteFindings(declared(decls, additions, at))
          .map(key)
          .sort();
        expect(fast).toEqual(brute);
        const added = new Set(additions.map((a) => `${a.service}\u0000${a.requirement[0]}`));
        for (const f of findings) {
          for (const s of f.path as PathStep[]) {
            const over = s.kind === "runtime" && added.has(`${s.from}\u0000${s.to}`);
            expect(s.observed === true).toBe(over);
          }
        }
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it("a drill of every single service is stuck exactly as in the declared estate", () => {
    fc.assert(
      fc.property(caseArb, ([decls, edges]) => {
        const { estate, graph, additions } = run(decls, edges);
        const at = new Map(estate.services.map((s) => [s.name, s.declarations[0]?.pos as Declaration["pos"]]));
        const m = bruteModel(declared(decls, additions, at));
        for (let id = 0; id < graph.n; id++) {
          const fast = simulate(graph, [id]);
          const brute = bruteDrill(m, [graph.names[id] as string]);
          expect(fast.stuckRoots.map((r) => graph.names[r] as string).sort()).toEqual(brute.stuckRoots);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
