// The one severity order (error above warning above info) and the fail threshold: every ranking, count and check reads it.
import type { Finding, Severity } from "./types.js";

/** Every severity, most severe first: the order of reports, counts and the JSON `summary.findings`. */
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** `--fail-on` / `failOn`: a severity, or never fail. */
export type FailOn = Severity | "never";
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, "never"];

/** A rule's level in the config: a severity, or off (the rule does not run). Least severe first, as the docs list them. */
export type RuleLevel = Severity | "off";
export const RULE_LEVELS: readonly RuleLevel[] = ["off", ...[...SEVERITIES].reverse()];

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** For sorting: negative when `a` is more severe than `b`. */
export function bySeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/** The more severe of two (either may be absent). */
export function mostSevere(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

/** True when the severity is at or above the fail threshold. */
export function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "never" && RANK[severity] >= RANK[failOn];
}

/** The findings per severity, keys in SEVERITIES order. */
export function countBySeverity(findings: readonly Pick<Finding, "severity">[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}
