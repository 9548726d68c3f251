// The JSON report (SPEC §6).
import type { Finding } from "../model/types.js";
import { VERSION } from "../version.js";
import type { ReportContext } from "./context.js";

/** One finding as SPEC §6 writes it (shared with the diff report and the ignored section). */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    fingerprint: f.fingerprint,
    message: f.message,
    services: f.services,
    path: f.path,
    impacted: f.impacted,
    locations: f.locations,
    ...(f.missing !== undefined ? { missing: f.missing } : {}),
  };
}

export function renderJson(ctx: ReportContext): string {
  // Fields added by later stages: per finding (baseline status) and whole sections (ignored findings).
  const findingFields = ctx.extras.findingFields as ((f: Finding) => object) | undefined;
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    summary: { ...ctx.summary, ...(ctx.extras.summary as object | undefined) },
    findings: ctx.findings.map((f) => ({ ...findingJson(f), ...findingFields?.(f) })),
    ...(ctx.extras.jsonSections as object | undefined),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
