// Kiali graph JSON (/api/namespaces/graph, CytoscapeJS elements): source → target, no call counts; a node is
// `<namespace>/<name>` with the name its node type gives, and box nodes are never endpoints (SPEC §7).
import { isObject } from "../json.js";
import { EdgeTally } from "../tally.js";
import type { FormatResult, ObservedFormat, Sample } from "../types.js";

function isGraph(v: unknown): v is { graphType?: string; elements: { nodes: unknown[]; edges: unknown[] } } {
  return isObject(v) && isObject(v.elements) && Array.isArray(v.elements.nodes) && Array.isArray(v.elements.edges);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * A node's observed name: `<namespace>/<workload>`, `<namespace>/<app>` (`<app>@<version>` in a versioned-app
 * graph), `<namespace>/<service>`; Kiali's `unknown` node (traffic from outside the mesh) is `unknown`. Null for boxes.
 */
export function kialiNodeName(data: Record<string, unknown>, graphType: string | undefined): string | null {
  if (data.isBox !== undefined && data.isBox !== null && data.isBox !== "") return null;
  if (data.nodeType === "box") return null;
  const ns = str(data.namespace) ?? "unknown";
  switch (data.nodeType) {
    case "workload":
      return `${ns}/${str(data.workload) ?? "unknown"}`;
    case "app": {
      const app = str(data.app) ?? "unknown";
      const version = str(data.version);
      return `${ns}/${graphType === "versionedApp" && version !== undefined ? `${app}@${version}` : app}`;
    }
    case "service":
      return `${ns}/${str(data.service) ?? "unknown"}`;
    case "unknown":
      return "unknown";
    default:
      return (str(data.workload) ?? str(data.app) ?? str(data.service))
        ? `${ns}/${str(data.workload) ?? str(data.app) ?? str(data.service)}`
        : null;
  }
}

export const kialiGraph: ObservedFormat = {
  id: "kiali-graph",
  title: "Kiali graph JSON",
  detect: (sample: Sample) => isGraph(sample.json),
  async read(source) {
    const json: unknown = source.sample.complete ? source.sample.json : JSON.parse(await source.text());
    if (!isGraph(json)) return { edges: [], diagnostics: [{ line: 0, column: 0, message: "not a Kiali graph" }] };
    const names = new Map<string, string | null>();
    for (const n of json.elements.nodes) {
      if (!isObject(n) || !isObject(n.data) || typeof n.data.id !== "string") continue;
      names.set(n.data.id, kialiNodeName(n.data, json.graphType));
    }
    const tally = new EdgeTally();
    const diagnostics: FormatResult["diagnostics"] = [];
    json.elements.edges.forEach((e, i) => {
      if (!isObject(e) || !isObject(e.data)) return;
      const from = names.get(String(e.data.source));
      const to = names.get(String(e.data.target));
      if (from === undefined || to === undefined) {
        diagnostics.push({ line: 0, column: 0, message: `Kiali edge ${i + 1} names a node the graph does not hold` });
        return;
      }
      if (from !== null && to !== null) tally.add(from, to, null);
    });
    return { edges: tally.edges(), diagnostics };
  },
};
