// The browser's own computations, in Node: the drill matches SPEC §4 (via the view model, as the page
// runs it), the visible graph never loses an edge without counting it, the layered layout puts
// dependencies to the right.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/drill/simulate.js";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import { steps } from "../../src/report/drill/context.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel, type ViewModel } from "../../src/report/view-model.js";
import { runRules } from "../../src/rules/index.js";
import { derive, type EdgeClass, type Filters, NO_SYSTEM, visibleGraph } from "../../web/derive.js";
import { estateFromView, simulateDrill } from "../../web/drill.js";
import { LAYER_GAP, layeredLayout } from "../../web/layered.js";
import { declarations, type EntrySpec, type ServiceSpec } from "../helpers/estate.js";
import { bruteDrill, bruteModel } from "../reference/brute.js";

const NAMES = ["a", "b", "c", "d", "e", "f"];
const entry: fc.Arbitrary<EntrySpec> = fc.oneof(
  fc.constantFrom(...NAMES, "ghost"),
  fc.record({ service: fc.constantFrom(...NAMES), soft: fc.boolean() }),
  fc.record({ anyOf: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }), soft: fc.boolean() }),
);
const estate: fc.Arbitrary<ServiceSpec[]> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.record({
          name: fc.constant(name),
          runtime: fc.array(entry, { maxLength: 3 }),
          rollback: fc.option(fc.array(entry, { maxLength: 2 }), { nil: undefined }),
        }),
      ),
    ),
  );

function viewOf(specs: ServiceSpec[], systems?: (name: string) => string): ViewModel {
  const decls = declarations(specs);
  if (systems) for (const d of decls) d.system = systems(d.name);
  const e = buildEstate(decls);
  const g = compile(e);
  const findings = runRules(e, g);
  return JSON.parse(JSON.stringify(buildViewModel(e, findings, summarize(g, findings), []))) as ViewModel;
}

describe("the drill in the browser (SPEC §4)", () => {
  it("matches SPEC §4's loop on random estates, computed from the view model as the page does", () => {
    fc.assert(
      fc.property(estate, fc.integer({ min: 1, max: 3 }), (specs, k) => {
        const model = viewOf(specs);
        const g = compile(estateFromView(model));
        const failed = g.names.slice(0, k);
        const got = simulateDrill(
          g,
          failed.map((_, i) => i),
        );
        const want = bruteDrill(bruteModel(declarations(specs)), failed);
        // The SPEC §4 fields (timing and the warm assumption are checked in test/drill and test/cli).
        const { mode: _m, recoveryTime: _r, rtoExceeded: _x, withoutRecoveryTimes: _w, warmOnly: _o, ...core } = got;
        const waves = core.waves.map(({ rollback, recovered }) => ({ rollback, recovered }));
        expect({ ...core, waves, reasons: undefined }).toEqual({ ...want, blockedBy: undefined, reasons: undefined });
        // The same blocking requirements (a requirement written twice is named once).
        const reasons = [...new Set(got.reasons.map((r) => `${r.root}:${r.requirement.join("|")}`))].sort();
        const blocked = [...new Set(want.blockedBy.flatMap((b) => b.requirements.map((q) => `${b.root}:${q.join("|")}`)))].sort();
        expect(reasons).toEqual(blocked);
      }),
      { numRuns: 300 },
    );
  });

  it("is stuck on the Tencent shape: cloud-api's rollback runs through rollback-pipeline, which needs cloud-api", () => {
    const model = viewOf([
      { name: "cloud-api", runtime: ["config"], rollback: ["rollback-pipeline"] },
      { name: "rollback-pipeline", runtime: ["cloud-api"], rollback: [] },
      { name: "config", rollback: [] },
    ]);
    const g = compile(estateFromView(model));
    const d = simulateDrill(g, [g.names.indexOf("cloud-api")]);
    expect(d.stuckRoots).toEqual(["cloud-api"]);
    expect(d.stuck).toEqual(["cloud-api", "rollback-pipeline"]);
    expect(d.reasons).toMatchObject([
      {
        root: "cloud-api",
        requirement: ["rollback-pipeline"],
        witness: ["cloud-api", "rollback-pipeline", "cloud-api"],
        path: [
          { from: "cloud-api", to: "rollback-pipeline", kind: "rollback" },
          { from: "rollback-pipeline", to: "cloud-api", kind: "runtime" },
        ],
      },
    ]);
  });

  it("locates a witness through the second alternative of an anyOf at that alternative, as the CLI does", () => {
    const specs: ServiceSpec[] = [
      { name: "api", rollback: [{ anyOf: ["slow", "fast"] }] },
      { name: "slow", runtime: ["relay"], rollback: [] },
      { name: "relay", runtime: ["api"], rollback: [] },
      { name: "fast", runtime: ["api"], rollback: [] },
    ];
    const real = compile(buildEstate(declarations(specs)));
    const want = simulate(real, [real.names.indexOf("api")]).blocked[0]?.requirements[0]?.witness;
    const page = compile(estateFromView(viewOf(specs)));
    const [got] = simulateDrill(page, [page.names.indexOf("api")]).reasons;
    expect(got?.witness).toEqual(["api", "fast", "api"]);
    expect(got?.locations).toEqual(want?.locations);
    expect(got?.locations[0]?.column).toBeGreaterThan(15);
  });

  it("finds the CLI's witnesses at the CLI's positions (anyOf alternatives and position tie-breaks included)", () => {
    fc.assert(
      fc.property(estate, fc.integer({ min: 1, max: 3 }), (specs, k) => {
        const real = buildEstate(declarations(specs));
        const cli = compile(real);
        const page = compile(estateFromView(viewOf(specs)));
        const failed = cli.names.slice(0, k).map((_, i) => i);
        const want = simulate(cli, failed).blocked.flatMap((b) =>
          b.requirements.map((q) => ({ path: steps(cli, q.witness.path), locations: q.witness.locations })),
        );
        const got = simulateDrill(page, failed).reasons.map((r) => ({ path: r.path, locations: r.locations }));
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the visible graph", () => {
  const kinds: EdgeClass[] = ["runtime", "rollback", "soft"];
  it("accounts for every declared edge: drawn, grouped, inside a group, or hidden by a named filter", () => {
    fc.assert(
      fc.property(
        estate,
        fc.subarray(kinds),
        fc.subarray(["s1", "s2", NO_SYSTEM]),
        fc.option(fc.subarray(["s1", "s2", NO_SYSTEM]), { nil: null }),
        fc.constantFrom<Filters["findings"]>("all", "serious", "any"),
        (specs, shownKinds, systems, expanded, findings) => {
          const model = viewOf(specs, (n) => (n < "c" ? "s1" : n < "e" ? "s2" : NO_SYSTEM));
          const d = derive(model);
          const filters: Filters = { systems: new Set(systems), owners: new Set(), kinds: new Set(shownKinds), findings };
          const v = visibleGraph(d, { filters, expanded: expanded === null ? null : new Set(expanded) });
          const h = v.hidden;
          const drawnSingles = v.edges.filter((e) => e.count === 1 && e.source.kind !== "group" && e.target.kind !== "group").length;
          const drawnInGroups = v.edges
            .filter((e) => e.source.kind === "group" || e.target.kind === "group")
            .reduce((s, e) => s + e.count, 0);
          expect(
            drawnSingles +
              drawnInGroups +
              h.internalEdges +
              h.edgesByFilter +
              h.edgesByKind.runtime +
              h.edgesByKind.rollback +
              h.edgesByKind.soft,
          ).toBe(model.edges.length);
          expect(h.groupedEdges).toBe(drawnInGroups + h.internalEdges);
          const servicesDrawn = v.nodes.filter((n) => n.kind === "service").length;
          const grouped = v.nodes.filter((n) => n.kind === "group" && n.label !== "(undeclared)").reduce((s, n) => s + (n.count ?? 0), 0);
          expect(servicesDrawn + grouped + h.services).toBe(model.services.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("draws an undeclared name as its own node, so the missing edge is not lost", () => {
    const d = derive(viewOf([{ name: "a", runtime: ["ghost"], rollback: [] }]));
    const v = visibleGraph(d, {
      filters: { systems: new Set(), owners: new Set(), kinds: new Set(kinds), findings: "all" },
      expanded: null,
    });
    expect(v.nodes.map((n) => `${n.kind}:${n.id}`).sort()).toEqual(["missing:missing:ghost", "service:a"]);
    expect(d.state.get("ghost")).toBe("missing");
  });
});

describe("the layered layout", () => {
  it("puts every runtime dependency to the right of its dependent, and a cycle core in one layer", () => {
    const model = viewOf([
      { name: "a", runtime: ["b"] },
      { name: "b", runtime: ["c"] },
      { name: "c", runtime: ["d"] },
      { name: "d", runtime: ["c", "e"] },
      { name: "e" },
    ]);
    const v = visibleGraph(derive(model), {
      filters: { systems: new Set(), owners: new Set(), kinds: new Set(["runtime", "rollback", "soft"]), findings: "all" },
      expanded: null,
    });
    layeredLayout(v);
    const x = (id: string) => v.byId.get(id)?.x as number;
    expect(x("a")).toBeLessThan(x("b"));
    expect(x("b")).toBeLessThan(x("c"));
    expect(x("c")).toBe(x("d"));
    expect(x("d")).toBeLessThan(x("e"));
  });

  it("lays out a 30,000-deep chain without recursion (a recursive layering overflows the stack)", () => {
    const n = 30_000;
    const specs: ServiceSpec[] = Array.from({ length: n }, (_, i) => ({
      name: `s${String(i).padStart(6, "0")}`,
      runtime: i + 1 < n ? [`s${String(i + 1).padStart(6, "0")}`] : [],
    }));
    const model = viewOf(specs);
    const v = visibleGraph(derive(model), {
      filters: { systems: new Set(), owners: new Set(), kinds: new Set(["runtime"]), findings: "all" },
      expanded: null,
    });
    layeredLayout(v);
    expect(v.byId.get("s029999")?.x).toBe((v.byId.get("s000000")?.x as number) + (n - 1) * LAYER_GAP);
  }, 30_000);
});
