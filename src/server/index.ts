// `catch22 serve`: a loopback HTTP server for the web view. It serves only its own assets and the analysis,
// GET (and HEAD) only, and pushes a fresh analysis over Server-Sent Events when a manifest changes.
import { type FSWatcher, statSync, watch } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { basename, dirname, resolve } from "node:path";
import { type EvaluationConfig, evaluate } from "../evaluate.js";
import { htmlPage, webAssets } from "../report/html.js";
import { summarize } from "../report/summary.js";
import { buildViewModel, type ViewPayload } from "../report/view-model.js";
import { hostChecker } from "./hosts.js";
import { overviewApi } from "./overview.js";
import { filesFingerprint, whenStable } from "./settle.js";

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
  analyse?: (paths: string[], config: EvaluationConfig) => ViewPayload | Promise<ViewPayload>;
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
  const { estate, kept, observation } = outcome.evaluation;
  return { ok: true, model: buildViewModel(estate, kept, summarize(estate, kept, observation?.drift.summary), paths, observation) };
}

/** The analysis, or its failure as a message on the page: a re-analysis error never stops the server. */
async function safePayload(analyse: NonNullable<ServeOptions["analyse"]>, paths: string[], config: EvaluationConfig): Promise<ViewPayload> {
  try {
    return await analyse(paths, config);
  } catch (e) {
    const message = `internal error while analysing: ${(e as Error)?.message ?? String(e)}; the page shows the last change once it can be read (please report it)`;
    return { ok: false, inputs: paths, diagnostics: [{ file: paths.join(" "), line: 0, column: 0, message }] };
  }
}

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
  const analyse = opts.analyse ?? analysisPayload;
  // The overview, a system's slice and the search of a large estate (src/server/overview.ts) read the same analysis.
  const views = overviewApi();
  const first = await safePayload(analyse, opts.paths, opts.config);
  views.update(first);
  let payload = JSON.stringify(first);
  const clients = new Set<ServerResponse>();
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  /** Writes to every client; one that has not taken what it was sent before (bytes past the bound) is dropped. */
  const broadcast = (text: string) => {
    for (const c of clients) {
      if (c.writableLength > maxBuffered) {
        clients.delete(c);
        c.destroy();
        continue;
      }
      c.write(text);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
      res.end("405 method not allowed: this server only answers GET\n");
      return;
    }
    // Only exact known paths are served: nothing is ever read from disk by request path, so no traversal.
    const path = (req.url ?? "/").split("?")[0] as string;
    const view = views.answer(path, new URLSearchParams((req.url ?? "").split("?")[1] ?? ""), () => payload);
    if (view) {
      res.writeHead(view.status, { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS });
      res.end(req.method === "HEAD" ? undefined : view.body);
      return;
    }
    if (path === "/api/analysis") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS });
      res.end(req.method === "HEAD" ? undefined : payload);
      return;
    }
    if (path === "/api/events") {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive", ...SECURITY_HEADERS });
      res.write(": connected\n\n");
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
  const quiet = opts.debounceMs ?? 150;
  // Analyses are async (observed files stream in): only the latest one started is pushed.
  let generation = 0;
  const reanalyse = () => {
    cancelSettle = undefined;
    const mine = ++generation;
    void safePayload(analyse, opts.paths, opts.config).then((fresh) => {
      if (mine !== generation) return;
      views.update(fresh);
      payload = JSON.stringify(fresh);
      broadcast(`event: analysis\ndata: ${payload}\n\n`);
    });
  };
  // Debounce the events, then wait until every walked file keeps its size and time for as long
  // again: an editor or a generator that writes in pieces is analysed once it is done.
  const changed = () => {
    if (timer) clearTimeout(timer);
    cancelSettle?.();
    cancelSettle = undefined;
    timer = setTimeout(() => {
      timer = undefined;
      cancelSettle = whenStable(() => filesFingerprint(watched), reanalyse, quiet, 30_000);
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
      if (!only && name !== null && event !== "rename" && !/\.ya?ml$/i.test(String(name))) return;
      changed();
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
