// `catch22 serve`: a loopback HTTP server for the web view. It serves only its own assets and the analysis,
// GET (and HEAD) only; a worker re-analyses when a manifest changes, and what changed is pushed over Server-Sent Events (src/server/diff.ts).
import { type FSWatcher, statSync, watch } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { basename, dirname, resolve } from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type EvaluationConfig, evaluate } from "../evaluate.js";
import { htmlPage, webAssets } from "../report/html.js";
import { summarize } from "../report/summary.js";
import { buildViewModel, type ViewPayload } from "../report/view-model.js";
import type { Analyse } from "./analyser.js";
import { hostChecker } from "./hosts.js";
import { filesFingerprint, statsFingerprint, whenStable } from "./settle.js";
import { type AnalysisLink, type FromWorker, startAnalysis } from "./worker-link.js";

export interface ServeOptions {
  paths: string[];
  /** The config's rule levels and ignore entries: the page shows the findings `check` counts. */
  config: EvaluationConfig;
  port: number;
  host: string;
  /** Delay after the last file change before re-analysing, in ms; the files must then keep their sizes and times this long. */
  debounceMs?: number;
  /** Host names answered besides the loopback ones and the bound address (`--allow-host`). */
  allowHosts?: string[];
  /** An SSE client whose unsent bytes pass this bound is dropped (its browser reconnects and fetches afresh). */
  maxBufferedBytes?: number;
  /** The analysis to serve; tests swap it to make a re-analysis fail. */
  analyse?: Analyse;
}

export interface RunningServer {
  server: Server;
  url: string;
  /** How many SSE clients are connected. */
  clients(): number;
  close(): Promise<void>;
}

/** The page's data: the same evaluation as `check` (ignored findings set apart), as the HTML report's view model. */
export async function analysisPayload(paths: string[], config: EvaluationConfig): Promise<ViewPayload> {
  const outcome = await evaluate(paths, { config });
  if (!outcome.ok) return { ok: false, inputs: paths, diagnostics: outcome.diagnostics };
  const { estate, graph, kept, observation } = outcome.evaluation;
  return { ok: true, model: buildViewModel(estate, kept, summarize(graph, kept, observation?.drift.summary), paths, observation) };
}

/** The overview API's paths (src/server/overview.ts), answered by the analysis worker. */
const VIEW_PATHS = new Set(["/api/overview", "/api/system", "/api/search"]);

const DEFAULT_MAX_BUFFERED = 4 * 1024 * 1024;

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src blob:; connect-src 'self'; frame-ancestors 'none'",
};

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const assets = webAssets();
  const page = htmlPage({ title: "catch22" });
  const files: Record<string, { type: string; body: string }> = {
    "/": { type: "text/html; charset=utf-8", body: page },
    "/index.html": { type: "text/html; charset=utf-8", body: page },
    "/app.js": { type: "text/javascript; charset=utf-8", body: assets.js },
    "/app.css": { type: "text/css; charset=utf-8", body: assets.css },
  };
  const clients = new Set<ServerResponse>();
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  /** Writes to every client; one that has not taken what it was sent before (bytes past the bound) is dropped. */
  const broadcast = (text: string, optional = false) => {
    for (const c of clients) {
      // A status note is not worth dropping a client for: one still taking a change skips it.
      if (optional && c.writableLength > 0) continue;
      if (c.writableLength > maxBuffered) {
        clients.delete(c);
        c.destroy();
        continue;
      }
      c.write(text);
    }
  };

  // The analysis runs in a worker: this thread only answers requests and relays what it says.
  /** The version the page should hold: the newest analysis's (the worker says it with each change). */
  let current = 0;
  /** The whole payload (gzip) of one version, kept until the next change; built when a page asks. */
  let payload: { version: number; gz: Buffer } | undefined;
  /** /api/analysis requests waiting for the payload of the current version. */
  const waiting: { req: IncomingMessage; res: ServerResponse }[] = [];
  let asked = false;
  /** Requests for the overview API waiting for the worker's answer, by id. */
  const views = new Map<number, { req: IncomingMessage; res: ServerResponse }>();
  let lastView = 0;
  let busy = true;
  let again = false;
  let firstReady: () => void = () => {};
  const first = new Promise<void>((r) => (firstReady = r));
  const status = (analysing: boolean) => broadcast(`event: status\ndata: ${JSON.stringify({ analysing })}\n\n`, true);
  /** Files the watch named since the last analysis was asked for; "all" when it could not say. */
  let named: Set<string> | "all" = new Set();
  const run = () => {
    busy = true;
    status(true);
    // The files named let the worker skip the folder walk when they are all files it found last time (src/load/file-cache.ts).
    const files = named === "all" ? undefined : [...named];
    named = new Set();
    link.send(files ? { type: "analyse", files } : { type: "analyse" });
  };
  const askPayload = () => {
    if (asked) return;
    asked = true;
    link.send({ type: "payload" });
  };
  const onMessage = (m: FromWorker) => {
    if (m.type === "change") {
      current = m.version;
      // The page applies the change to what it holds; the old whole payload is of no more use.
      if (payload && payload.version < current) payload = undefined;
      broadcast(`event: change\ndata: ${m.data}\n\n`);
      return;
    }
    if (m.type === "analysed") {
      current = m.version;
      // For the bench (src/bench/serve.ts) and for whoever wonders where the time goes.
      if (process.env.CATCH22_SERVE_TIMINGS) {
        const stages = Object.entries(m.stages).map(([k, v]) => `${k} ${Math.round(v)}`);
        process.stderr.write(
          `catch22 serve: analysed, version ${m.version}, ${Math.round(m.ms)} ms (${stages.join(", ")}); ${m.parsed} files parsed\n`,
        );
      }
      busy = false;
      status(false);
      if (waiting.length > 0 && !payload) askPayload();
      if (again) {
        again = false;
        run();
      }
      return;
    }
    if (m.type === "view") {
      const v = views.get(m.id);
      views.delete(m.id);
      if (!v) return;
      v.res.writeHead(m.status, {
        "content-type": "application/json; charset=utf-8",
        "x-catch22-version": String(m.version),
        ...SECURITY_HEADERS,
      });
      v.res.end(v.req.method === "HEAD" ? undefined : m.body);
      return;
    }
    asked = false;
    payload = { version: m.version, gz: Buffer.from(m.gz.buffer, m.gz.byteOffset, m.gz.byteLength) };
    firstReady();
    for (const w of waiting.splice(0)) sendPayload(w.req, w.res);
  };
  let link: AnalysisLink;
  const startLink = (after = 0): AnalysisLink =>
    startAnalysis(
      opts.paths,
      opts.config,
      onMessage,
      (e) => {
        // The worker died (out of memory, say): start it afresh, and analyse again.
        process.stderr.write(`catch22: the analysis stopped (${e.message}); starting it again\n`);
        asked = false;
        for (const v of views.values()) v.res.destroy();
        views.clear();
        link = startLink(current);
        run();
        if (waiting.length > 0) askPayload();
      },
      opts.analyse,
      after,
    );
  link = startLink();
  link.send({ type: "analyse" });
  // The first page load needs the whole payload: it is built at once.
  askPayload();
  await first;
  /** Sends the payload, compressed when the client takes gzip (every browser does). */
  const sendPayload = (req: IncomingMessage, res: ServerResponse) => {
    const p = payload as { version: number; gz: Buffer };
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const headers = {
      "content-type": "application/json; charset=utf-8",
      "x-catch22-version": String(p.version),
      vary: "accept-encoding",
      ...SECURITY_HEADERS,
    };
    if (gzip) {
      res.writeHead(200, { ...headers, "content-encoding": "gzip", "content-length": String(p.gz.byteLength) });
      res.end(req.method === "HEAD" ? undefined : p.gz);
      return;
    }
    res.writeHead(200, headers);
    if (req.method === "HEAD") res.end();
    else Readable.from([p.gz]).pipe(createGunzip()).pipe(res);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
      res.end("405 method not allowed: this server only answers GET\n");
      return;
    }
    // Only exact known paths are served: nothing is ever read from disk by request path, so no traversal.
    const path = (req.url ?? "/").split("?")[0] as string;
    // The overview, a system's slice and the search of a large estate (src/server/overview.ts) are the
    // worker's to answer: it holds the analysis; they wait for an analysis under way.
    if (VIEW_PATHS.has(path)) {
      const id = ++lastView;
      views.set(id, { req, res });
      link.send({ type: "view", id, path, query: (req.url ?? "").split("?")[1] ?? "" });
      return;
    }
    if (path === "/api/analysis") {
      if (payload && payload.version >= current) sendPayload(req, res);
      else {
        waiting.push({ req, res });
        // Asked now, it follows the analysis under way (the worker takes one message at a time).
        askPayload();
      }
      return;
    }
    if (path === "/api/events") {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive", ...SECURITY_HEADERS });
      res.write(": connected\n\n");
      if (busy) res.write(`event: status\ndata: ${JSON.stringify({ analysing: true })}\n\n`);
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
      res.end("404 not found\n");
      return;
    }
    res.writeHead(200, { "content-type": file.type, ...SECURITY_HEADERS });
    res.end(req.method === "HEAD" ? undefined : file.body);
  };

  // Observed traffic files are watched like manifest files: re-read when they change (SPEC §7, `serve --observed`).
  const watched = [...opts.paths, ...(opts.config.observed?.files ?? [])];
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let cancelSettle: (() => void) | undefined;
  const quiet = opts.debounceMs ?? 100;
  /** Files the watch named since the last analysis; "all" when it could not say (a folder renamed, no name). */
  let touched: Set<string> | "all" = new Set();
  const reanalyse = () => {
    cancelSettle = undefined;
    touched = new Set();
    if (busy) again = true;
    else run();
  };
  // Debounce the events, then wait until the files named keep their sizes and times for as long
  // again: an editor or a generator that writes in pieces is analysed once it is done.
  const changed = (file: string | undefined) => {
    if (file === undefined) touched = named = "all";
    else {
      if (touched !== "all") touched.add(file);
      if (named !== "all") named.add(file);
    }
    if (timer) clearTimeout(timer);
    cancelSettle?.();
    cancelSettle = undefined;
    timer = setTimeout(() => {
      timer = undefined;
      const which = touched;
      cancelSettle = whenStable(() => (which === "all" ? filesFingerprint(watched) : statsFingerprint(which)), reanalyse, quiet, 30_000);
    }, quiet);
  };
  for (const p of watched) {
    const abs = resolve(p);
    let dir = abs;
    let only: string | undefined;
    try {
      if (!statSync(abs).isDirectory()) {
        // Editors replace files on save: watch the folder and filter by name, so the watch survives.
        dir = dirname(abs);
        only = basename(abs);
      }
    } catch {
      continue;
    }
    const onEvent = (event: string, name: string | Buffer | null) => {
      if (only && name !== null && String(name) !== only) return;
      // A folder renamed or deleted reports only its own name: any rename may take manifests with it.
      const yaml = name !== null && /\.ya?ml$/i.test(String(name));
      if (!only && name !== null && event !== "rename" && !yaml) return;
      changed(name !== null && (only || yaml) ? resolve(dir, String(name)) : undefined);
    };
    try {
      watchers.push(watch(dir, { recursive: !only }, onEvent));
    } catch {
      watchers.push(watch(dir, onEvent));
    }
  }
  for (const w of watchers) w.on("error", () => {});
  const keepAlive = setInterval(() => broadcast(": keep-alive\n\n"), 25_000);

  // DNS rebinding: a page on another site may resolve its own name to this machine. Whatever the
  // bound address, only requests that name a loopback host, the bound address or an --allow-host
  // name are answered.
  let hostAllowed: ((header: string | undefined) => boolean) | undefined;
  const server = createServer((req, res) => {
    if (!hostAllowed?.(req.headers.host)) {
      res.writeHead(421, { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
      res.end("421 misdirected request: this server answers only to its loopback names and the hosts given with --allow-host\n");
      return;
    }
    handle(req, res);
  });
  const stopWatching = () => {
    void link.close();
    for (const w of waiting.splice(0)) w.res.destroy();
    for (const v of views.values()) v.res.destroy();
    clearInterval(keepAlive);
    if (timer) clearTimeout(timer);
    cancelSettle?.();
    for (const w of watchers) w.close();
  };
  return new Promise((resolvePromise, reject) => {
    server.once("error", (e) => {
      // Nothing may keep the process alive once it cannot listen.
      stopWatching();
      reject(e);
    });
    server.listen(opts.port, opts.host, () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : opts.port;
      hostAllowed = hostChecker(opts.host, opts.allowHosts ?? [], port);
      const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
      resolvePromise({
        server,
        url: `http://${host}:${port}/`,
        clients: () => clients.size,
        close: () =>
          new Promise<void>((done) => {
            stopWatching();
            for (const c of clients) c.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
