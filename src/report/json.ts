// The JSON report (SPEC §6).

import { VERSION } from "../version.js";
import type { ReportContext } from "./context.js";

export function renderJson(ctx: ReportContext): string {
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    summary: { ...ctx.summary, ...(ctx.extras.summary as object | undefined) },
    findings: ctx.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      fingerprint: f.fingerprint,
      message: f.message,
      services: f.services,
      path: f.path,
      impacted: f.impacted,
      locations: f.locations,
      ...(f.missing !== undefined ? { missing: f.missing } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
