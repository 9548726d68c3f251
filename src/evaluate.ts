// The one evaluation every command, the server and the HTML report run: observed traffic read, the analysis with the config's rule levels, then its ignore entries.
import { type Analysis, type AnalyzeOptions, analyzePaths } from "./analyze.js";
import type { Config } from "./config/config.js";
import { applyIgnores, type IgnoreOutcome, today } from "./config/ignore.js";
import { type RecoveryTimes, recoveryTimes } from "./drill/timing.js";
import type { LoadOptions, LoadResult } from "./load/index.js";
import type { Diagnostic } from "./model/types.js";
import { readObserved } from "./observed/files.js";

/**
 * What the config says about what is found: its rule levels, ignore entries, observed traffic and RTOs per tier.
 * A config field that changes the findings is added to Config and read here, so no command can forget it.
 */
export type EvaluationConfig = Pick<Config, "rules" | "ignore" | "observed" | "rto">;

export interface EvaluateOptions extends Pick<LoadOptions, "cwd" | "onFile" | "memory" | "cache">, Pick<AnalyzeOptions, "previous"> {
  config: EvaluationConfig;
  /** false: stop at the compiled graph with no findings (`drill` needs no detectors). */
  detectors?: boolean;
  /** The day ignore entries' `until` is compared with (YYYY-MM-DD); today in UTC by default. */
  date?: string;
  /** Called as analysis moves on, for progress on a terminal. */
  onStage?: (text: string) => void;
}

/** The analysis, its findings split by the ignore entries: `kept` are those that count; the recovery times drills read (SPEC §4.3). */
export interface Evaluation extends Analysis, IgnoreOutcome {
  /** Each service's rollback and start times and its RTO (its own, else its tier's from the config), by id. */
  times: RecoveryTimes;
}

export type EvaluationOutcome = { ok: true; evaluation: Evaluation } | { ok: false; diagnostics: Diagnostic[]; load: LoadResult };

/** Async because observed traffic files are read as streams (SPEC §7); the manifests are read as before. */
export async function evaluate(paths: readonly string[], options: EvaluateOptions): Promise<EvaluationOutcome> {
  const { config } = options;
  const files = config.observed?.files ?? [];
  if (files.length > 0) options.onStage?.(`reading ${files.length} observed traffic ${files.length === 1 ? "file" : "files"}`);
  // Observed files are named relative to the current directory, also when the manifests are read elsewhere (a diff's base).
  const observed = files.length > 0 ? await readObserved(files) : undefined;
  const outcome = analyzePaths(paths, {
    severities: config.rules,
    ...(options.detectors === false ? { rules: false } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.onFile ? { onFile: options.onFile } : {}),
    ...(options.memory ? { memory: options.memory } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.previous ? { previous: options.previous } : {}),
    ...(options.onStage ? { onStage: options.onStage } : {}),
    ...(observed && config.observed && observed.diagnostics.length === 0
      ? { observed: { readings: observed.readings, names: config.observed.names, edges: config.observed.edges } }
      : {}),
  });
  // Every input error of the run at once: the manifests' and the observed files'.
  if (observed && observed.diagnostics.length > 0) {
    const load = outcome.ok ? outcome.analysis.load : outcome.load;
    return { ok: false, diagnostics: [...(outcome.ok ? [] : outcome.diagnostics), ...observed.diagnostics], load };
  }
  if (!outcome.ok) return outcome;
  const ignores = applyIgnores(outcome.analysis.findings, config.ignore, options.date ?? today());
  const times = recoveryTimes(outcome.analysis.estate.services, config.rto ?? {});
  return { ok: true, evaluation: { ...outcome.analysis, ...ignores, times } };
}
