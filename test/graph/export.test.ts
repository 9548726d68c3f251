// The export graph (src/graph/export.ts): nodes and edges with the attributes every graph format reads.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildGraph, edgeKey, nodeKey } from "../../src/graph/export.js";
import { buildEstate } from "../../src/model/estate.js";
import { countEdges } from "../../src/report/summary.js";
import { analyse, declarations } from "../helpers/estate.js";

describe("buildGraph", () => {
  const decls = declarations([
    { name: "api", runtime: ["db", { anyOf: ["dns1", "dns2"] }, { service: "metrics", soft: true }, "ghost"], rollback: ["pipe"] },
    { name: "pipe", runtime: ["api"], rollback: ["api"] },
    { name: "db", rollback: [] },
    { name: "dns1", rollback: [] },
    { name: "dns2", rollback: [] },
    { name: "metrics", rollback: [] },
  ]);

  it("has a node per name (undeclared ones marked) in plain string order, with owner/system/tier when declared", () => {
    const g = buildGraph(buildEstate(decls));
    expect(g.mapNodes((_k, a) => a.name)).toEqual(["api", "db", "dns1", "dns2", "ghost", "metrics", "pipe"]);
    expect(g.getNodeAttributes(nodeKey("ghost")).declared).toBe(false);
    expect(g.getNodeAttributes(nodeKey("api")).declared).toBe(true);
  });

  it("has an edge per declared (service, name, kind) with kind, soft and anyOf; a runtime and a rollback edge may join the same pair", () => {
    const g = buildGraph(buildEstate(decls));
    expect(g.getEdgeAttributes(edgeKey("runtime", "api", "dns1"))).toEqual({
      kind: "runtime",
      soft: false,
      anyOf: true,
      alternatives: ["dns1", "dns2"],
    });
    expect(g.getEdgeAttributes(edgeKey("runtime", "api", "metrics"))).toMatchObject({ soft: true, anyOf: false });
    expect(g.getEdgeAttributes(edgeKey("runtime", "pipe", "api")).kind).toBe("runtime");
    expect(g.getEdgeAttributes(edgeKey("rollback", "pipe", "api")).kind).toBe("rollback");
    const { runtime, rollback } = countEdges(compile(buildEstate(decls)));
    expect(g.size).toBe(8);
    expect(g.size).toBe(runtime + rollback);
  });

  it("marks the services and the witness edges of findings with their severity", () => {
    const estate = buildEstate(decls);
    const g = buildGraph(estate, analyse(decls));
    expect(g.getNodeAttributes(nodeKey("api"))).toMatchObject({ finding: "error", rules: ["missing-dependency", "rollback-needs-broken"] });
    expect(g.getEdgeAttributes(edgeKey("rollback", "api", "pipe")).finding).toBe("error");
    expect(g.getEdgeAttributes(edgeKey("runtime", "pipe", "api")).finding).toBe("error");
    expect(g.getEdgeAttributes(edgeKey("runtime", "api", "db")).finding).toBeUndefined();
  });

  it("keeps names that are Object.prototype properties as ordinary nodes, without touching the prototypes", () => {
    const tricky = declarations([
      { name: "constructor", runtime: ["toString", "hasOwnProperty"], rollback: ["toString"] },
      { name: "toString", runtime: ["constructor"], rollback: [] },
      { name: "hasOwnProperty", rollback: [] },
    ]);
    const g = buildGraph(buildEstate(tricky), analyse(tricky));
    expect(g.order).toBe(3);
    expect(g.size).toBe(4);
    expect(g.outNeighbors(nodeKey("constructor")).sort()).toEqual([nodeKey("hasOwnProperty"), nodeKey("toString")]);
    expect(Object.hasOwn(Object.prototype.toString, "previous")).toBe(false);
    expect(Object.hasOwn(Object, "previous")).toBe(false);
  });
});
