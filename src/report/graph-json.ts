// The graph as JSON for other tools: graphology's serialization format (load it with `Graph.from(json)`), plus tool and schema version.
import { buildGraph } from "../graph/export.js";
import { VERSION } from "../version.js";
import type { ReportContext } from "./context.js";

export function renderGraphJson(ctx: Pick<ReportContext, "estate" | "findings">): string {
  const data = buildGraph(ctx.estate, ctx.findings).export();
  return `${JSON.stringify({ tool: { name: "catch22", version: VERSION }, schemaVersion: 1, ...data }, null, 2)}\n`;
}
