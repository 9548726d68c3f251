// What every report format receives: the analysis, its summary and the user's choices.
import type { BaselineComparison } from "../baseline/baseline.js";
import type { IgnoredFinding } from "../config/ignore.js";
import { type FailOn, fails } from "../model/severity.js";
import type { Estate, Finding } from "../model/types.js";
import type { SeverityOverrides } from "../rules/index.js";
import type { Summary } from "./summary.js";

export interface ReportContext {
  estate: Estate;
  findings: Finding[];
  summary: Summary;
  failOn: FailOn;
  color: boolean;
  verbose: boolean;
  /** Extra sections added by later stages (criticality, baseline status) keyed by name. */
  extras: Record<string, unknown>;
  /** Findings that an active ignore entry accepts (not in `findings`); and those whose entry expired (in `findings`). */
  ignored?: IgnoredFinding[];
  expired?: IgnoredFinding[];
  /** The run's findings against `--baseline FILE`: known ones cannot fail the run. */
  baseline?: BaselineComparison;
  /** Rule levels set in the config (`off` rules produced no findings because they did not run). */
  overrides?: SeverityOverrides;
  /** Where the run happened, for formats that want paths relative to the git repository root (SARIF). */
  where?: { cwd: string; repoRoot?: string };
}

/** The findings that make the run fail: at or above the threshold and not known in a baseline. */
export function failing(ctx: Pick<ReportContext, "findings" | "failOn" | "baseline">): Finding[] {
  return ctx.findings.filter((f) => fails(f.severity, ctx.failOn) && !ctx.baseline?.known.has(f.fingerprint));
}

/** Combines the `extras` of two stages: summaries merged, text sections and JSON sections concatenated. */
export function mergeExtras(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a, ...b };
  out.summary = { ...(a.summary as object | undefined), ...(b.summary as object | undefined) };
  out.textSections = [...((a.textSections as unknown[] | undefined) ?? []), ...((b.textSections as unknown[] | undefined) ?? [])];
  if (a.jsonSections !== undefined || b.jsonSections !== undefined) {
    out.jsonSections = { ...(a.jsonSections as object | undefined), ...(b.jsonSections as object | undefined) };
  }
  return out;
}
