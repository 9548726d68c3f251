// The web view's drift (SPEC §7) in Node: the view model carries observed edges, the page draws observed-only
// ones in their own class with calls, marks declared-but-unobserved ones, filters to drift, and drills hard edges.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import { observe } from "../../src/observed/observe.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel } from "../../src/report/view-model.js";
import { runRules } from "../../src/rules/index.js";
import { derive, visibleGraph } from "../../web/derive.js";
import { estateFromView, observedAdditions, simulateDrill } from "../../web/drill.js";
import { defaultState } from "../../web/state.js";
import { declarations } from "../helpers/estate.js";

function model(edges: "hard" | "declared") {
  const estate = buildEstate(
    declarations([
      { name: "api", runtime: ["db", "cache"], rollback: ["deploy"] },
      { name: "db", runtime: [], rollback: [] },
      { name: "cache", runtime: [], rollback: [] },
      { name: "deploy", runtime: [], rollback: [] },
    ]),
  );
  const traffic = [
    { from: "api", to: "db", calls: 10 },
    { from: "deploy", to: "api", calls: 4 },
    { from: "cache", to: "db", calls: null },
  ];
  const o = observe(estate, [{ file: "t.json", format: "dependency-links", edges: traffic, diagnostics: [] }], { names: [], edges });
  if (!o.ok) throw new Error("observe failed");
  const graph = compile(estate, edges === "hard" ? o.observation.drift.hardAdditions : []);
  const findings = runRules(estate, graph, {}, undefined, o.observation.drift);
  return buildViewModel(estate, findings, summarize(graph, findings, o.observation.drift.summary), ["x"], o.observation);
}

describe("web view: observed traffic", () => {
  it("draws observed-only edges in their own class with calls, and marks declared edges the traffic never shows", () => {
    const m = model("declared");
    expect(m.observed?.map((e) => [e.from, e.to, e.calls, e.declared])).toEqual([
      ["api", "db", 10, true],
      ["cache", "db", null, false],
      ["deploy", "api", 4, false],
    ]);
    const d = derive(m);
    const v = visibleGraph(d, { filters: defaultState().filters, expanded: null });
    const observed = v.edges.filter((e) => e.observed).map((e) => [e.source.id, e.target.id, e.calls]);
    expect(observed).toEqual([
      ["cache", "db", null],
      ["deploy", "api", 4],
    ]);
    expect(v.edges.filter((e) => e.unobserved).map((e) => [e.source.id, e.target.id])).toEqual([["api", "cache"]]);
    // The "observed" edge class can be hidden, and is counted when it is.
    const filters = defaultState().filters;
    filters.kinds.delete("observed");
    const hidden = visibleGraph(d, { filters, expanded: null });
    expect(hidden.edges.some((e) => e.observed)).toBe(false);
    expect(hidden.hidden.edgesByKind.observed).toBe(2);
  });

  it("the drift filter keeps the services where traffic and manifests disagree", () => {
    const d = derive(model("declared"));
    const filters = defaultState().filters;
    filters.findings = "drift";
    const v = visibleGraph(d, { filters, expanded: null });
    expect(v.nodes.map((n) => n.id).sort()).toEqual(["api", "cache", "db", "deploy"]);
    expect([...d.drift].sort()).toEqual(["api", "cache", "db", "deploy"]);
  });

  it("with hard observed edges the page's drill is the CLI's: deploy calls api, so api's rollback is stuck", () => {
    const m = model("hard");
    const g = compile(estateFromView(m), observedAdditions(m));
    const r = simulateDrill(g, [g.names.indexOf("api")]);
    expect(r.stuckRoots).toEqual(["api"]);
    expect(r.reasons[0]?.path).toEqual([
      { from: "api", to: "deploy", kind: "rollback" },
      { from: "deploy", to: "api", kind: "runtime", observed: true },
    ]);
    expect(derive(model("declared")).model.findings.some((f) => f.rule === "rollback-needs-broken")).toBe(false);
  });
});
