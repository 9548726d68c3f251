// Benchmark (not a test): `catch22 serve` on a generated estate (realistic unless --shape says otherwise): start, idle memory, one-file edit → SSE `change` event, memory after edits.
// `node dist/bench/serve.js [--services 100000] [--edits 5] [--shape wide-anyof]` (npm run bench:serve); the estate is cached in /tmp/catch22-bench, edits go to a copy.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { request } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { cachedEstate, MIN_SERVICES, SHAPES, type Shape } from "./generate.js";
import { oneShape, positiveInteger, runProgram, UsageError } from "./options.js";
import { findShape } from "./shapes/index.js";

const cli = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServeBenchResult {
  shape: Shape;
  services: number;
  startMs: number;
  idleRssMb: number;
  /** With a page open: once the worker has let the overview API's model go (10 s after the last request). */
  quietRssMb: number;
  quietAfterThreeEditsMb: number;
  /** Each edit: file write → `change` event received; then → the whole payload ready again (analysing: false). */
  editMs: number[];
  settledMs: number[];
  medianEditMs: number;
  /** Median per edit of the worker's stages (load with the parse cache, build, rules, the rest of the evaluation, the diff), ms. */
  stages: Record<string, number>;
  rssAfterThreeEditsMb: number;
  peakRssMb: number;
}

/** The process's resident memory and its peak, from /proc (Linux), in MB. */
function rss(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) stack.push(path.join(d, e.name));
      else if (e.name.endsWith(".yaml")) out.push(path.join(d, e.name));
    }
  }
  return out;
}

/** An edit a person makes: the file gains a service with a runtime requirement on a service of another file (a service, an edge, maybe findings change). */
function edit(file: string, other: string, n: number): void {
  const target = /^name: (\S+)/m.exec(fs.readFileSync(other, "utf8"))?.[1] as string;
  const service = ["apiVersion: catch22/v1", "kind: Service", `name: bench/edit-${n}`, "owner: bench", "system: bench", "tier: 1"];
  fs.appendFileSync(file, `---\n${[...service, "runtime:", `  - ${target}`, "rollback: []"].join("\n")}\n`);
}

/** GET a path of the server, the body read and dropped; resolves with its length. */
function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { "accept-encoding": "gzip" } }, (res) => {
      let n = 0;
      res.on("data", (b: Buffer) => (n += b.length));
      res.on("end", () => resolve(n));
    });
    req.on("error", reject);
    req.end();
  });
}

async function bench(services: number, edits: number, cache: string, page: boolean, shape: Shape): Promise<ServeBenchResult> {
  const source = await cachedEstate(cache, services, shape);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catch22-bench-serve-"));
  fs.cpSync(source, dir, { recursive: true });
  let child: ChildProcess | undefined;
  try {
    const t0 = performance.now();
    child = spawn(process.execPath, [cli, "serve", "--port", "0", dir], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CATCH22_SERVE_TIMINGS: "1" },
    });
    const proc = child;
    /** The server's own account of each analysis: its stages, in ms. */
    const analysed: Record<string, number>[] = [];
    let err = "";
    proc.stderr?.on("data", (b: Buffer) => {
      err += b.toString();
      for (let i = err.indexOf("\n"); i >= 0; i = err.indexOf("\n")) {
        const line = err.slice(0, i);
        err = err.slice(i + 1);
        const m = /analysed, version \d+, (\d+) ms \((.*)\)/.exec(line);
        if (!m) {
          process.stderr.write(`${line}\n`);
          continue;
        }
        const stages: Record<string, number> = { total: Number(m[1]) };
        for (const part of (m[2] as string).split(", ")) {
          const [k, v] = part.split(" ");
          stages[k as string] = Number(v);
        }
        analysed.push(stages);
      }
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      proc.stdout?.on("data", (b: Buffer) => {
        out += b.toString();
        const m = /at http:\/\/\S+?:(\d+)\//.exec(out);
        if (m) resolve(Number(m[1]));
      });
      proc.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const startMs = performance.now() - t0;
    // A page open on it asks for its first data (the overview of a large estate), and again after each change.
    if (page) await get(port, "/api/overview");
    await sleep(2000);
    const pid = proc.pid as number;
    const idleRssMb = rss(pid).now;
    // The worker lets the overview API's model go 10 s after the page's last request.
    await sleep(page ? 11_000 : 0);
    const quietRssMb = rss(pid).now;
    // The page's stream of events, with the time each arrived.
    const seen: { event: string; data: string; at: number }[] = [];
    await new Promise<void>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/events" }, (res) => {
        let buf = "";
        res.on("data", (b: Buffer) => {
          const at = performance.now();
          buf += b.toString();
          if (buf.includes(": connected")) resolve();
          for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            if (event) seen.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? "", at });
          }
        });
      });
      req.on("error", () => {});
      req.end();
    });
    const files = yamlFiles(dir);
    const editMs: number[] = [];
    const settledMs: number[] = [];
    let rssAfterThreeEditsMb = 0;
    let quietAfterThreeEditsMb = 0;
    const firstEdit = analysed.length;
    for (let n = 1; n <= edits; n++) {
      const from = seen.length;
      const file = files[(n * 7919) % files.length] as string;
      const other = files[(n * 104729) % files.length] as string;
      const t = performance.now();
      edit(file, other, n);
      const wait = async (p: (e: (typeof seen)[number]) => boolean) => {
        for (let k = 0; k < 1200; k++) {
          const hit = seen.slice(from).find(p);
          if (hit) return hit.at - t;
          await sleep(25);
        }
        throw new Error(`no event after edit ${n}`);
      };
      editMs.push(await wait((e) => e.event === "change"));
      settledMs.push(await wait((e) => e.event === "status" && e.data.includes("false")));
      if (page) await get(port, "/api/overview");
      await sleep(500);
      if (n === 3) {
        await sleep(1500);
        rssAfterThreeEditsMb = rss(pid).now;
        await sleep(page ? 11_000 : 0);
        quietAfterThreeEditsMb = rss(pid).now;
      }
    }
    const perEdit = analysed.slice(firstEdit);
    const stages: Record<string, number> = {};
    for (const k of Object.keys(perEdit[0] ?? {})) stages[k] = median(perEdit.map((a) => a[k] ?? 0));
    return {
      shape,
      services,
      startMs,
      stages,
      idleRssMb,
      quietRssMb,
      quietAfterThreeEditsMb,
      editMs,
      settledMs,
      medianEditMs: median(editMs),
      rssAfterThreeEditsMb,
      peakRssMb: rss(pid).peak,
    };
  } finally {
    child?.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const program = new Command("bench-serve")
  .description("catch22 serve on a generated estate: start, idle RSS, edit → SSE change latency (median), RSS after three edits")
  .option("--services <n>", "estate size", positiveInteger, 100_000)
  .option("--shape <shape>", `the estate's shape (src/bench/shapes/): ${SHAPES.join(", ")}`, oneShape, "realistic")
  .option("--edits <n>", "one-file edits, one after another (at least 3)", positiveInteger, 5)
  .option("--dir <path>", "estate cache", path.join(os.tmpdir(), "catch22-bench"))
  .option("--json", "print the figures as JSON")
  .option("--no-page", "no page open: nothing asks for the overview (the worker then holds no view of the estate)")
  .action(async (o: { services: number; edits: number; dir: string; json?: boolean; page: boolean; shape: Shape }) => {
    if (o.services < MIN_SERVICES[o.shape]) throw new UsageError(`a ${o.shape} estate needs at least ${MIN_SERVICES[o.shape]} services`);
    // An edit appends a catch22 manifest document to a file of the estate: a shape written in another format has none.
    if (findShape(o.shape)?.emit) throw new UsageError(`shape ${o.shape} is not written as catch22 manifests, which the edits append to`);
    if (o.edits < 3) throw new UsageError("--edits must be at least 3 (memory is read after the third)");
    const r = await bench(o.services, o.edits, o.dir, o.page, o.shape);
    if (o.json) {
      console.log(JSON.stringify(r));
      return;
    }
    const f = (x: number) => x.toFixed(0);
    console.log(
      `serve, ${r.shape} estate of ${r.services} services, ${o.page ? "a page open (overview read at start and after each change)" : "no page open"} (targets: edit -> SSE <= 1500 ms, idle RSS <= 600 MB)`,
    );
    console.log(`  start (spawn -> listening, first analysis done)  ${f(r.startMs)} ms`);
    console.log(
      `  idle RSS after start                             ${f(r.idleRssMb)} MB${o.page ? `; ${f(r.quietRssMb)} MB once the page's overview model is let go (10 s)` : ""}`,
    );
    console.log(
      `  edit -> SSE change event, median of ${r.editMs.length}          ${f(r.medianEditMs)} ms  (${r.editMs.map(f).join(", ")})`,
    );
    console.log(`  edit -> analysis done (status: not analysing)     ${r.settledMs.map(f).join(", ")} ms`);
    const split = Object.entries(r.stages).map(([k, v]) => `${k} ${f(v)}`);
    console.log(`  the worker's analysis per edit (median, ms)      ${split.join(", ")}; before it, 2 x 100 ms to see the file settle`);
    console.log(
      `  RSS after three edits                            ${f(r.rssAfterThreeEditsMb)} MB${o.page ? `; ${f(r.quietAfterThreeEditsMb)} MB 10 s later` : ""}  (peak ${f(r.peakRssMb)} MB)`,
    );
  });

process.exitCode = await runProgram(program, process.argv);
