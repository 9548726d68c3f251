// What every report format receives: the analysis, its summary and the user's choices.
import type { Estate, Finding, Severity } from "../model/types.js";
import type { Summary } from "./summary.js";

export type FailOn = Severity | "never";

export interface ReportContext {
  estate: Estate;
  findings: Finding[];
  summary: Summary;
  failOn: FailOn;
  color: boolean;
  verbose: boolean;
  /** Extra sections added by later stages (criticality, baseline status) keyed by name. */
  extras: Record<string, unknown>;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** True when the finding is at or above the fail threshold. */
export function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "never" && RANK[severity] >= RANK[failOn];
}
