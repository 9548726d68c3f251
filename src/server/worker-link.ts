// The messages between serve's HTTP thread and its analysis worker, handled in order, and the one place either way of analysing is started.
import { Worker } from "node:worker_threads";
import type { EvaluationConfig } from "../evaluate.js";
import { type Analyse, Analyser, gzipPayload } from "./analyser.js";
import { type OverviewApi, overviewApi } from "./overview.js";

export type ToWorker =
  /** `files`: what the watch named since the last analysis, when it could name everything that changed. */
  { type: "analyse"; files?: string[] } | { type: "payload" } | { type: "view"; id: number; path: string; query: string };

export type FromWorker =
  /** The change event's JSON, sent as soon as it is known. */
  | { type: "change"; version: number; data: string }
  /** An analysis is done (changed or not): the version now current, and what it cost. */
  | { type: "analysed"; version: number; ms: number; parsed: number; stages: Record<string, number> }
  /** The whole payload of `version`, gzip, as asked. */
  | { type: "payload"; version: number; gz: Uint8Array }
  /** The answer to an overview API request (src/server/overview.ts). */
  | { type: "view"; id: number; status: number; body: string; version: number };

/** The analysis worker's young generation: three semi-spaces' worth (V8 sizes it so), of 32 MB each. */
const YOUNG_GENERATION_MB = 96;

/** How long the overview API's model is kept after its last request (a system expanded then is built again). */
const VIEWS_KEPT_MS = 10_000;

/** Handles the messages one at a time, in order: an analysis and a payload never interleave. */
export function handler(
  analyser: Analyser,
  post: (m: FromWorker, transfer?: ArrayBuffer[]) => void,
  onError: (e: Error) => void = (e) => process.stderr.write(`catch22: ${e.stack ?? e.message}\n`),
  /** Called once a message is handled and its garbage is garbage (the worker collects it then, see worker.ts). */
  settled: () => void = () => {},
): (m: ToWorker) => void {
  let queue = Promise.resolve();
  let version = 0;
  /** The overview API over the current analysis: built when first asked, dropped when the analysis changes. */
  let views: OverviewApi | undefined;
  let idle: NodeJS.Timeout | undefined;
  const run = async (m: ToWorker) => {
    if (m.type === "view") {
      if (!views) {
        views = overviewApi();
        views.update(analyser.payload());
      }
      const answer = views.answer(m.path, new URLSearchParams(m.query), () => JSON.stringify(analyser.payload())) ?? {
        status: 404,
        body: "{}",
      };
      post({ type: "view", id: m.id, status: answer.status, body: answer.body, version });
      // The model behind the overview API is the largest thing the worker holds: let go once no page asks.
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        views = undefined;
        settled();
      }, VIEWS_KEPT_MS);
      idle.unref?.();
      return;
    }
    if (m.type === "analyse") {
      const t = performance.now();
      const o = await analyser.next(m.files);
      if (o.version !== version) views = undefined;
      version = o.version;
      if (o.change) post({ type: "change", version: o.version, data: JSON.stringify(o.change) });
      post({ type: "analysed", version: o.version, ms: performance.now() - t, parsed: o.parsed, stages: analyser.stages });
      return;
    }
    const gz = await gzipPayload(analyser.payload());
    // A copy into a buffer of its own, so the transfer moves exactly the payload.
    const bytes = new Uint8Array(gz.byteLength);
    bytes.set(gz);
    post({ type: "payload", version, gz: bytes }, [bytes.buffer]);
  };
  return (m) => {
    // One failure must not stop the messages after it; the Analyser turns analysis errors into messages already.
    queue = queue
      .then(() => run(m))
      .catch((e: unknown) => onError(e instanceof Error ? e : new Error(String(e))))
      .then(settled);
  };
}

/** Something that analyses on request and reports in `FromWorker` messages. */
export interface AnalysisLink {
  send(m: ToWorker): void;
  close(): Promise<void>;
}

/**
 * The analysis in a worker thread, so the HTTP thread answers while it runs; with `analyse` swapped
 * (tests) it runs on this thread, through the same Analyser and handler, since a function cannot cross to a worker.
 */
export function startAnalysis(
  paths: string[],
  config: EvaluationConfig,
  onMessage: (m: FromWorker) => void,
  onError: (e: Error) => void,
  analyse?: Analyse,
  /** The version pages hold, when this replaces an analysis that stopped. */
  after = 0,
): AnalysisLink {
  if (analyse) {
    let closed = false;
    const handle = handler(new Analyser(paths, config, analyse, after), (m) => {
      if (!closed) onMessage(m);
    });
    return {
      send: handle,
      close: async () => {
        closed = true;
      },
    };
  }
  const worker = new Worker(new URL("./worker.js", import.meta.url), {
    workerData: { paths, config, after },
    // A re-analysis makes many objects that live until it ends (services, the graph's arrays, findings):
    // semi-spaces of 32 MB rather than 16 let more of them die young instead of being copied into the
    // old generation and marked there (about a tenth of an edit's time at 100,000 services). The full
    // collection after each analysis (worker.ts) gives the memory back.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  worker.on("message", onMessage);
  worker.on("error", onError);
  return {
    send: (m) => worker.postMessage(m),
    close: async () => {
      await worker.terminate();
    },
  };
}
