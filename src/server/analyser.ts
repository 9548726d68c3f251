// serve's analysis state: each file's parse and each service's view kept, the last good model, and the change each re-analysis makes to it.
import { createGzip } from "node:zlib";
import type { EvaluationConfig } from "../evaluate.js";
import { evaluate } from "../evaluate.js";
import type { Compiled } from "../graph/compiled.js";
import { FileCache } from "../load/file-cache.js";
import type { Estate, Finding } from "../model/types.js";
import type { Observation } from "../observed/observe.js";
import { type Summary, summarize } from "../report/summary.js";
import { assembleModel, buildViewModel, type ViewFinding, type ViewModel, type ViewPayload, viewFindings } from "../report/view-model.js";
import { RuleReuse } from "../rules/reuse.js";
import { jsonChunks } from "../util/json-chunks.js";
import { type ChangeEvent, diffModels, isEmptyDiff, type ViewDiff, type ViewHead } from "./diff.js";
import { diffIndex, indexModel, type ViewIndex } from "./view-index.js";

/** An analysis that a test swaps in (to make one fail); by default the one evaluation, fed by the parse cache. */
export type Analyse = (paths: string[], config: EvaluationConfig) => ViewPayload | Promise<ViewPayload>;

export interface Outcome {
  /** Undefined when nothing the page shows changed (a file saved as it was, the same errors again). */
  change?: ChangeEvent;
  version: number;
  /** Files parsed this time (the others' parse was reused). */
  parsed: number;
}

type Failed = Extract<ViewPayload, { ok: false }>;

/** What the whole payload is built from on request: the last good analysis (the model itself is not kept: it is the estate again). */
interface Good {
  estate: Estate;
  /** Its compiled graph, whose unchanged services' requirements the next analysis reuses. */
  graph: Compiled;
  findings: ViewFinding[];
  summary: Summary;
  observation?: Observation;
}

type Analysed = { ok: true; good: Good; head: ViewHead } | { ok: true; model: ViewModel } | Failed;

/**
 * Each re-analysis: the one evaluation with each unchanged file's parse reused, then the change against
 * what the page holds. By default only an index of the page's model is kept (src/server/view-index.ts),
 * and the whole payload is built when a page asks for it; a swapped `analyse` keeps whole models.
 */
export class Analyser {
  private readonly cache = new FileCache();
  /** What the rules made of unchanged services (src/rules/reuse.ts). */
  private readonly reuse: RuleReuse;
  /** Each finding's view, kept while the finding is reused: the same object, so the diff compares it at once. */
  private readonly views = new WeakMap<Finding, ViewFinding>();
  private index: ViewIndex | undefined;
  /** With a swapped `analyse`: the last good model, whole. */
  private model: ViewModel | undefined;
  private good: Good | undefined;
  private modelVersion = 0;
  private version = 0;
  private failed: Failed | undefined;
  private started = false;
  /** What the last analysis cost, stage by stage, in ms (the one evaluation's own timings, then the diff). */
  stages: Record<string, number> = {};

  constructor(
    private readonly paths: string[],
    private readonly config: EvaluationConfig,
    private readonly analyse?: Analyse,
    /** The version pages hold when this analyser takes over from one that stopped: it counts on, and its first analysis reloads them. */
    private readonly after = 0,
    /** The share of the estate above which a rule runs whole rather than for the services an edit may change (tests: 1, always local). */
    reuseShare?: number,
  ) {
    this.reuse = new RuleReuse(reuseShare);
  }

  /** `files`: the files the watch named since the last analysis, if it could name every change (the folder walk may then be skipped). */
  async next(files?: readonly string[]): Promise<Outcome> {
    this.stages = {};
    this.cache.named(files);
    const got = await this.safeAnalysis();
    const t = performance.now();
    try {
      return this.take(got);
    } finally {
      this.stages.diff = performance.now() - t;
    }
  }

  private take(got: Analysed): Outcome {
    const parsed = this.cache.parsed;
    this.cache.sweep();
    this.cache.parsed = 0;
    this.cache.reused = 0;
    const first = !this.started;
    this.started = true;
    if (first && this.after > 0) {
      this.version = this.after + 1;
      if (got.ok) this.keep(got);
      else this.failed = got;
      this.modelVersion = this.version;
      return { change: { version: this.version, reload: true }, version: this.version, parsed };
    }
    if (!got.ok) {
      const same = this.failed !== undefined && JSON.stringify(this.failed) === JSON.stringify(got);
      this.failed = got;
      if (first) this.version = 1;
      if (first || same) return { version: this.version, parsed };
      const version = ++this.version;
      return { change: { version, error: got }, version, parsed };
    }
    const wasFailed = this.failed !== undefined;
    this.failed = undefined;
    const had = this.index !== undefined || this.model !== undefined;
    const diff = this.keep(got);
    if (first) {
      this.version = this.modelVersion = 1;
      return { version: 1, parsed };
    }
    if (!had || !diff) {
      const version = ++this.version;
      this.modelVersion = version;
      return { change: { version, reload: true }, version, parsed };
    }
    if (!wasFailed && isEmptyDiff(diff)) return { version: this.version, parsed };
    const version = ++this.version;
    const change: ChangeEvent = { version, base: this.modelVersion, diff };
    this.modelVersion = version;
    return { change, version, parsed };
  }

  /** Keeps a good analysis as what the page holds next; the diff from what it held, when it held one. */
  private keep(got: Exclude<Analysed, Failed>): ViewDiff | undefined {
    let diff: ViewDiff | undefined;
    if ("model" in got) {
      if (this.model) diff = diffModels(this.model, got.model);
      this.model = got.model;
      return diff;
    }
    if (this.index) {
      const was = this.good;
      // Whose edges may be marked anew: those naming a service declared in one of the two analyses only.
      const recheck = was && !got.good.observation ? new Set(this.reuse.scope(was.graph, got.good.graph).referrers) : undefined;
      const d = diffIndex(this.index, got.good.estate, got.good.findings, got.head, got.good.observation, recheck);
      diff = d.diff;
      this.index = d.index;
    } else this.index = indexModel(got.good.estate, this.wholeModel(got.good));
    this.good = got.good;
    return diff;
  }

  /** The whole payload of the current version (what /api/analysis sends). */
  payload(): ViewPayload {
    if (this.failed) return this.failed;
    if (this.model) return { ok: true, model: this.model };
    return { ok: true, model: this.wholeModel(this.good as Good) };
  }

  private wholeModel(g: Good): ViewModel {
    const model = buildViewModel(g.estate, [], g.summary, this.paths, g.observation);
    model.findings = g.findings;
    return model;
  }

  /** The analysis, or its failure as a message on the page: a re-analysis error never stops the server. */
  private async safeAnalysis(): Promise<Analysed> {
    try {
      return this.analyse ? await this.analyse(this.paths, this.config) : await this.cached();
    } catch (e) {
      const message = `internal error while analysing: ${(e as Error)?.message ?? String(e)}; the page shows the last change once it can be read (please report it)`;
      return { ok: false, inputs: this.paths, diagnostics: [{ file: this.paths.join(" "), line: 0, column: 0, message }] };
    }
  }

  /** The one evaluation, as `check` runs it, with the parse of unchanged files reused. */
  private async cached(): Promise<Analysed> {
    const t = performance.now();
    const previous = this.good;
    const outcome = await evaluate(this.paths, {
      config: this.config,
      cache: this.cache,
      reuse: this.reuse,
      ...(previous ? { previous: previous.estate, previousGraph: previous.graph } : {}),
    });
    if (!outcome.ok) return { ok: false, inputs: this.paths, diagnostics: outcome.diagnostics };
    const { estate, graph, kept, observation, load, timings } = outcome.evaluation;
    const loadMs = load.timings.discover + load.timings.read + load.timings.validate;
    const rules = timings.rules.reduce((sum, r) => sum + r.ms, 0);
    const summary = summarize(graph, kept, observation?.drift.summary);
    const { services: _s, edges: _e, findings: _f, ...head } = assembleModel(this.paths, summary, [], [], [], observation);
    const good: Good = { estate, graph, findings: viewFindings(kept, this.views), summary };
    if (observation) good.observation = observation;
    // "other": the evaluation's remaining steps (ignores, recovery times) and the summary and head built here.
    this.stages = { load: loadMs, build: timings.build, rules, other: performance.now() - t - loadMs - timings.build - rules };
    return { ok: true, good, head };
  }
}

/** The payload's JSON in pieces, the same text as `JSON.stringify(payload)`, so that no 100 MB string is ever built. */
export const payloadJson = (p: ViewPayload): Generator<string> => jsonChunks(p, 0, 3);

/** The payload's JSON, gzip-compressed (fast level): what the server holds and sends, a tenth of the text. */
export function gzipPayload(p: ViewPayload): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gz = createGzip({ level: 1 });
    const out: Buffer[] = [];
    gz.on("data", (b: Buffer) => out.push(b));
    gz.on("end", () => resolve(Buffer.concat(out)));
    gz.on("error", reject);
    const pieces = payloadJson(p);
    const pump = () => {
      for (let r = pieces.next(); !r.done; r = pieces.next()) if (!gz.write(r.value)) return void gz.once("drain", pump);
      gz.end();
    };
    pump();
  });
}
