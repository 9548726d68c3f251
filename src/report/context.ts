// What the formats of `check` receive: the evaluation, its summary and the user's choices, as typed sections each format picks from.
import type { BaselineComparison } from "../baseline/baseline.js";
import type { IgnoredFinding } from "../config/ignore.js";
import type { Criticality } from "../drill/criticality.js";
import type { SlowRecovery } from "../drill/slowest.js";
import type { Compiled } from "../graph/compiled.js";
import { type FailOn, fails } from "../model/severity.js";
import type { Estate, Finding } from "../model/types.js";
import type { Observation } from "../observed/observe.js";
import type { SeverityOverrides } from "../rules/index.js";
import type { Summary } from "./summary.js";

/** The criticality rankings of `check --top N` and the graph they rank (for names and systems). */
export interface CriticalitySection {
  graph: Compiled;
  rankings: Criticality;
  /** The rankings' services whose single failure takes longest to recover from; absent when no service declares recovery times. */
  slowest?: SlowRecovery[];
}

/** Where the run happened, for formats that write paths relative to the git repository root (SARIF). */
export interface Where {
  cwd: string;
  /** The root of the git work tree holding `cwd` (undefined outside one): asked only by a format that needs it. */
  repoRoot(): string | undefined;
}

/**
 * Everything a report may show. A format's `render` takes a `Pick` of the sections it reads; the
 * optional ones are absent when the run has none (no ignore entries, no baseline, `--top 0`).
 */
export interface ReportContext {
  estate: Estate;
  /** The findings that count: those no active ignore entry accepts. */
  findings: Finding[];
  summary: Summary;
  failOn: FailOn;
  color: boolean;
  verbose: boolean;
  /** Findings that an active ignore entry accepts (not in `findings`). */
  ignored?: IgnoredFinding[];
  /** Findings whose only matching ignore entry expired (in `findings`). */
  expired?: IgnoredFinding[];
  /** The run's findings against `--baseline FILE`: known ones cannot fail the run. */
  baseline?: BaselineComparison;
  criticality?: CriticalitySection;
  /** Rule levels set in the config (`off` rules produced no findings because they did not run). */
  overrides?: SeverityOverrides;
  /** The analysed paths, as given (the web view shows them). */
  inputs?: readonly string[];
  where?: Where;
  /** The observed traffic mapped onto the estate (SPEC §7), when observed files were read: graph json and the web view show it. */
  observation?: Observation;
}

/** The sections about findings set apart or marked: ignore entries and the baseline. */
export type StatusSections = "findings" | "ignored" | "expired" | "baseline";

/** The findings that make the run fail: at or above the threshold and not known in a baseline. */
export function failing(ctx: Pick<ReportContext, "findings" | "failOn" | "baseline">): Finding[] {
  return ctx.findings.filter((f) => fails(f.severity, ctx.failOn) && !ctx.baseline?.known.has(f.fingerprint));
}
