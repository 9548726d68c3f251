// The JSON report (SPEC §6): the summary (with ignore, baseline and criticality counts when present), the findings, the ignored ones.
import { jsonChunks } from "../util/json-chunks.js";
import { VERSION } from "../version.js";
import type { ReportContext, StatusSections } from "./context.js";
import { criticalityJson } from "./criticality.js";
import { findingJson } from "./finding-json.js";
import { ignoredJson, statusFields, statusSummary } from "./sections.js";

export { findingJson };

/** What the JSON report reads. */
export type JsonContext = Pick<ReportContext, "summary" | StatusSections | "criticality">;

/** The report in pieces: each finding is written as it is made. */
export function* jsonReport(ctx: JsonContext): Generator<string> {
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
    // One object per finding, its status fields (when any) added after its own.
    findings: ctx.findings.map((f) => Object.assign(findingJson(f), fields(f))),
    ...ignoredJson(ctx),
  };
  yield* jsonChunks(report);
  yield "\n";
}

export const renderJson = (ctx: JsonContext): string => [...jsonReport(ctx)].join("");
