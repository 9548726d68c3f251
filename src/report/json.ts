// The JSON report (SPEC §6): the summary (with ignore, baseline and criticality counts when present), the findings, the ignored ones.
import { VERSION } from "../version.js";
import type { ReportContext, StatusSections } from "./context.js";
import { criticalityJson } from "./criticality.js";
import { findingJson } from "./finding-json.js";
import { ignoredJson, statusFields, statusSummary } from "./sections.js";

export { findingJson };

/** What the JSON report reads. */
export type JsonContext = Pick<ReportContext, "summary" | StatusSections | "criticality">;

export function renderJson(ctx: JsonContext): string {
  const fields = statusFields(ctx);
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    summary: {
      ...ctx.summary,
      ...statusSummary(ctx),
      ...(ctx.criticality
        ? { criticality: criticalityJson(ctx.criticality.graph, ctx.criticality.rankings, ctx.criticality.slowest) }
        : {}),
    },
    findings: ctx.findings.map((f) => ({ ...findingJson(f), ...fields(f) })),
    ...ignoredJson(ctx),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
