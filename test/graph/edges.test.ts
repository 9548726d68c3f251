// One edge merge: the graph export, the summary counts and the web view's model say the same about every edge.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildGraph, edgeKey } from "../../src/graph/export.js";
import { buildEstate } from "../../src/model/estate.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel } from "../../src/report/view-model.js";
import { declarations } from "../helpers/estate.js";

describe("the edge merge", () => {
  const estate = buildEstate(
    declarations([
      { name: "api", runtime: [{ anyOf: ["a", "b"] }, "a", { service: "c", soft: true }, { anyOf: ["c", "d"] }], rollback: [] },
      { name: "a", rollback: [] },
      { name: "b", rollback: [] },
      { name: "c", rollback: [] },
      { name: "d", rollback: [] },
    ]),
  );

  it("a pair declared both plainly and in an anyOf is a plain (hard) requirement: anyOf false in the graph export and the view model", () => {
    const graph = buildGraph(estate);
    const model = buildViewModel(estate, [], summarize(compile(estate), []), []);
    const view = (to: string) => model.edges.find((e) => e.from === "api" && e.to === to && e.kind === "runtime");
    expect(graph.getEdgeAttributes(edgeKey("runtime", "api", "a")).anyOf).toBe(false);
    expect(view("a")?.anyOf).toBe(false);
    expect(graph.getEdgeAttributes(edgeKey("runtime", "api", "b")).anyOf).toBe(true);
    expect(view("b")?.anyOf).toBe(true);
    // Every edge agrees on kind, soft, anyOf and note; the counts are the same edges.
    const exported = graph.mapEdges((_k, a, _s, _t, sa, ta) => ({
      from: sa.name,
      to: ta.name,
      kind: a.kind,
      soft: a.soft,
      anyOf: a.anyOf,
    }));
    const viewed = model.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, soft: e.soft, anyOf: e.anyOf }));
    const key = (e: { from: string; to: string; kind: string }) => `${e.kind}:${e.from}->${e.to}`;
    expect([...viewed].sort((x, y) => (key(x) < key(y) ? -1 : 1))).toEqual([...exported].sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    expect(model.summary.edges.runtime).toBe(exported.filter((e) => e.kind === "runtime").length);
    // c: soft in one entry, hard in the anyOf: hard wins; and the anyOf is its only other declaration, so it is plain.
    expect(view("c")).toMatchObject({ soft: false, anyOf: false });
  });
});
