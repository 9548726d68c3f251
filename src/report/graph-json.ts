// The graph as JSON for other tools: graphology's serialization format, keyed by service name, plus tool and schema version.
import { buildGraph } from "../graph/export.js";
import { jsonChunks } from "../util/json-chunks.js";
import { VERSION } from "../version.js";
import type { ReportContext } from "./context.js";

type GraphJsonContext = Pick<ReportContext, "estate" | "findings" | "observation">;

/** The graph in pieces: one node or edge at a time (the 100k graph is ~70 MB of text). */
export function* graphJson(ctx: GraphJsonContext): Generator<string> {
  const graph = buildGraph(ctx.estate, ctx.findings);
  const nodes: { key: string; attributes: object }[] = [];
  graph.forEachNode((_key, { name, ...attributes }) => {
    nodes.push({ key: name, attributes });
  });
  const edges: { key: string; source: string; target: string; attributes: object }[] = [];
  graph.forEachEdge((key, attributes, _s, _t, sa, ta) => {
    edges.push({ key, source: sa.name, target: ta.name, attributes });
  });
  // Every observed edge between declared services, after name mapping, declared ones too (SPEC §6), after the declared edges.
  for (const e of ctx.observation?.traffic.edges ?? []) {
    edges.push({
      key: `observed:${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      attributes: { from: e.from, to: e.to, kind: "observed", calls: e.calls, observedIn: [...e.observedIn].sort() },
    });
  }
  const data = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    options: { type: "directed", multi: true, allowSelfLoops: true },
    attributes: graph.getAttributes(),
    nodes,
    edges,
  };
  yield* jsonChunks(data);
  yield "\n";
}

export const renderGraphJson = (ctx: GraphJsonContext): string => [...graphJson(ctx)].join("");
