// The pipeline in one call: load → estate → compiled graph → rules. Shared by every command and the server.
import { type Compiled, compile } from "./graph/compiled.js";
import { type LoadOptions, type LoadResult, loadEstate } from "./load/index.js";
import { buildEstate } from "./model/estate.js";
import type { Diagnostic, Estate, Finding } from "./model/types.js";
import { type Observation, type ObservedConfig, observe } from "./observed/observe.js";
import type { FileReading } from "./observed/types.js";
import { type RuleTiming, runRules, type SeverityOverrides } from "./rules/index.js";

export interface Analysis {
  load: LoadResult;
  estate: Estate;
  graph: Compiled;
  findings: Finding[];
  /** The observed traffic mapped onto the estate and compared with it (SPEC §7), when observed files were given. */
  observation?: Observation;
  timings: { build: number; rules: RuleTiming[] };
}

export type AnalysisOutcome = { ok: true; analysis: Analysis } | { ok: false; diagnostics: Diagnostic[]; load: LoadResult };

export interface AnalyzeOptions extends LoadOptions {
  severities?: SeverityOverrides;
  /** false: stop at the compiled graph, with no findings (for `drill`, which needs no detectors). */
  rules?: boolean;
  /** Called as analysis moves on, for progress on a terminal. */
  onStage?: (text: string) => void;
  /** Observed traffic already read (src/observed/observe.ts readObserved), with the name rules and edge mode. */
  observed?: { readings: readonly FileReading[] } & Pick<ObservedConfig, "names" | "edges">;
  /** The estate of an earlier analysis whose unchanged services may be reused as they are (`serve`, with the parse cache). */
  previous?: Estate;
}

export function analyzePaths(paths: readonly string[], options: AnalyzeOptions = {}): AnalysisOutcome {
  const load = loadEstate(paths, options);
  if (load.diagnostics.length > 0) return { ok: false, diagnostics: load.diagnostics, load };
  options.onStage?.(`analysing ${load.declarations.length} services`);
  const t = performance.now();
  const estate = buildEstate(load.declarations, options.previous);
  let observation: Observation | undefined;
  if (options.observed) {
    const o = observe(estate, options.observed.readings, options.observed);
    if (!o.ok) return { ok: false, diagnostics: o.diagnostics, load };
    observation = o.observation;
  }
  const graph = compile(estate, observation?.hard ? observation.drift.hardAdditions : []);
  const build = performance.now() - t;
  const rules: RuleTiming[] = [];
  const findings = options.rules === false ? [] : runRules(estate, graph, options.severities, rules, observation?.drift);
  const analysis: Analysis = { load, estate, graph, findings, timings: { build, rules } };
  if (observation) analysis.observation = observation;
  return { ok: true, analysis };
}
