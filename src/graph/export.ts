// The estate as a graphology graph for exports (json, dot, mermaid): one node per name, one edge per declared (service, name, kind).
import { MultiDirectedGraph } from "graphology";
import { copyFacts, type ServiceFacts } from "../model/facts.js";
import { mostSevere } from "../model/severity.js";
import type { DependencyKind, Estate, Finding, Severity } from "../model/types.js";
import { byCodeUnit } from "../util/order.js";
import { edgeApi, edgeNote, type MergedEdge, mergeEntries } from "./edges.js";

/** A node's attributes: the service's facts (src/model/facts.ts), in the table's order, and what the findings say. */
export interface NodeAttributes extends ServiceFacts {
  /** The service name (the node key is `nodeKey(name)`). */
  name: string;
  /** False for a name that some entry needs but no manifest declares (a missing-dependency). */
  declared: boolean;
  /** The highest severity among the findings about this service. */
  finding?: Severity;
  /** The rule ids of those findings, sorted. */
  rules?: string[];
}

export interface EdgeAttributes {
  kind: DependencyKind;
  /** True when every entry declaring this edge is soft (a hard entry wins; see graph/edges.ts). */
  soft: boolean;
  /** True when every entry declaring this edge is an `anyOf` with other alternatives (a plain entry wins). */
  anyOf: boolean;
  /** For an `anyOf` edge: every alternative of its group(s), sorted. */
  alternatives?: string[];
  /** The entries' notes, in source order, joined with "; ". */
  note?: string;
  /** The api entries that resolve to this edge (SPEC §8), `api@version` in source order, joined with ", ". */
  api?: string;
  /** The highest severity among the findings whose witness path takes this edge. */
  finding?: Severity;
}

export interface GraphAttributes {
  services: number;
}

export type EstateGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

const KINDS: readonly DependencyKind[] = ["runtime", "rollback"];

/**
 * The key of a service's node. graphology keeps each node's neighbours in a plain object keyed by
 * neighbour key, so a key such as `constructor` or `toString` would hit Object.prototype (and a
 * multi graph then writes onto the inherited function); the prefix keeps every key an own property.
 */
export function nodeKey(name: string): string {
  return `#${name}`;
}

export function edgeKey(kind: DependencyKind, source: string, target: string): string {
  // Names never contain ">", so the key is unambiguous.
  return `${kind}:${source}->${target}`;
}

/**
 * Builds the export graph: nodes in plain string order of names (undeclared names among them), edges by
 * source, kind (runtime first) and target; findings mark the nodes they are about and the edges
 * of their witness paths.
 */
export function buildGraph(estate: Estate, findings: readonly Finding[] = []): EstateGraph {
  const graph: EstateGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ allowSelfLoops: true });
  graph.replaceAttributes({ services: estate.services.length });
  const undeclared = new Set<string>();
  for (const svc of estate.services) {
    for (const list of [svc.runtime, svc.rollback])
      for (const e of list) for (const name of e.names) if (!estate.ids.has(name)) undeclared.add(name);
  }
  const names = [...estate.ids.keys(), ...undeclared].sort(byCodeUnit);
  for (const name of names) {
    const id = estate.ids.get(name);
    if (id === undefined) {
      graph.addNode(nodeKey(name), { name, declared: false });
      continue;
    }
    const attrs: NodeAttributes = { name, declared: true };
    copyFacts(estate.services[id] as ServiceFacts, attrs);
    graph.addNode(nodeKey(name), attrs);
  }
  for (const svc of estate.services) {
    const from = nodeKey(svc.name);
    for (const kind of KINDS) {
      const merged = mergeEntries(kind === "runtime" ? svc.runtime : svc.rollback);
      const targets = merged.size > 1 ? [...merged.keys()].sort(byCodeUnit) : [...merged.keys()];
      for (const target of targets) {
        const m = merged.get(target) as MergedEdge;
        const attrs: EdgeAttributes = { kind, soft: m.soft, anyOf: m.anyOf };
        if (m.anyOf && m.alternatives) attrs.alternatives = [...m.alternatives].sort(byCodeUnit);
        const note = edgeNote(m);
        if (note !== undefined) attrs.note = note;
        const api = edgeApi(m);
        if (api !== undefined) attrs.api = api;
        graph.addDirectedEdgeWithKey(edgeKey(kind, svc.name, target), from, nodeKey(target), attrs);
      }
    }
  }
  for (const f of findings) {
    for (const name of f.services) {
      if (!graph.hasNode(nodeKey(name))) continue;
      const a = graph.getNodeAttributes(nodeKey(name));
      a.finding = mostSevere(a.finding, f.severity);
      const rules = a.rules ?? [];
      if (!rules.includes(f.rule)) rules.push(f.rule);
      a.rules = rules.sort(byCodeUnit);
    }
    for (const step of f.path) {
      const key = edgeKey(step.kind, step.from, step.to);
      if (!graph.hasEdge(key)) continue;
      const a = graph.getEdgeAttributes(key);
      a.finding = mostSevere(a.finding, f.severity);
    }
  }
  return graph;
}

/** The graph's nodes grouped by system (systems in plain string order), and those with no system. */
export function nodesBySystem(graph: EstateGraph): { systems: [string, string[]][]; loose: string[] } {
  const bySystem = new Map<string, string[]>();
  const loose: string[] = [];
  graph.forEachNode((key, a) => {
    if (a.system === undefined) loose.push(key);
    else {
      const list = bySystem.get(a.system);
      if (list) list.push(key);
      else bySystem.set(a.system, [key]);
    }
  });
  return { systems: [...bySystem.entries()].sort(([a], [b]) => byCodeUnit(a, b)), loose };
}
