// The one evaluation every command, the server and the HTML report run: the analysis with the config's rule levels, then its ignore entries.
import { type Analysis, analyzePaths } from "./analyze.js";
import type { Config } from "./config/config.js";
import { applyIgnores, type IgnoreOutcome, today } from "./config/ignore.js";
import type { LoadOptions, LoadResult } from "./load/index.js";
import type { Diagnostic } from "./model/types.js";

/**
 * What the config says about what is found: its rule levels and ignore entries. A config field
 * that changes the findings (observed traffic files, RTOs) is added to Config and read here, so
 * no command can forget it.
 */
export type EvaluationConfig = Pick<Config, "rules" | "ignore">;

export interface EvaluateOptions extends Pick<LoadOptions, "cwd" | "onFile" | "memory"> {
  config: EvaluationConfig;
  /** false: stop at the compiled graph with no findings (`drill` needs no detectors). */
  detectors?: boolean;
  /** The day ignore entries' `until` is compared with (YYYY-MM-DD); today in UTC by default. */
  date?: string;
  /** Called as analysis moves on, for progress on a terminal. */
  onStage?: (text: string) => void;
}

/** The analysis, its findings split by the ignore entries: `kept` are those that count. */
export interface Evaluation extends Analysis, IgnoreOutcome {}

export type EvaluationOutcome = { ok: true; evaluation: Evaluation } | { ok: false; diagnostics: Diagnostic[]; load: LoadResult };

export function evaluate(paths: readonly string[], options: EvaluateOptions): EvaluationOutcome {
  const { config } = options;
  const outcome = analyzePaths(paths, {
    severities: config.rules,
    ...(options.detectors === false ? { rules: false } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.onFile ? { onFile: options.onFile } : {}),
    ...(options.memory ? { memory: options.memory } : {}),
    ...(options.onStage ? { onStage: options.onStage } : {}),
  });
  if (!outcome.ok) return outcome;
  const ignores = applyIgnores(outcome.analysis.findings, config.ignore, options.date ?? today());
  return { ok: true, evaluation: { ...outcome.analysis, ...ignores } };
}
