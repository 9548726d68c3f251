// Benchmark of the observed-traffic readers (issue 12): an OTLP JSON-lines file of 1,000,000 spans over 10,000
// services against a bare JSON.parse of its lines, and dependency links of 100,000 services / 1,000,000 edges
// against a bare JSON.parse of the file; each measured in a fresh process for its own peak RSS.
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readObservedFile } from "../observed/read.js";

const SPANS_FILE = "/tmp/catch22-bench-spans-v2.otlp.jsonl";
const LINKS_FILE = "/tmp/catch22-bench-links.json";
const SPANS = 1_000_000;
const SPAN_SERVICES = 10_000;
const SPANS_PER_TRACE = 10;
const LINK_SERVICES = 100_000;
const LINKS = 1_000_000;

/** A small deterministic generator, so every run measures the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

async function write(file: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(file);
  let buf: string[] = [];
  for (const line of lines()) {
    buf.push(line);
    if (buf.length >= 1000) {
      if (!out.write(buf.join(""))) await new Promise<void>((r) => out.once("drain", () => r()));
      buf = [];
    }
  }
  out.write(buf.join(""));
  await new Promise<void>((r) => out.end(r));
}

/**
 * One line per trace: a client span and the server span under it for each hop, grouped by service as an SDK
 * exports. Traces walk a fixed service graph (each service calls 5 others), as traffic follows what is deployed.
 */
function* spanLines(): Generator<string> {
  const rand = rng(12);
  const calls = Array.from({ length: SPAN_SERVICES }, () => Array.from({ length: 5 }, () => Math.floor(rand() * SPAN_SERVICES)));
  const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
  for (let t = 0; t < SPANS / SPANS_PER_TRACE; t++) {
    const traceId = hex(t, 32);
    const byService = new Map<number, unknown[]>();
    const span = (svc: number, id: number, parent: number, kind: number, attributes: unknown[] = []) => {
      const list = byService.get(svc) ?? [];
      byService.set(svc, list);
      list.push({
        traceId,
        spanId: hex(t * SPANS_PER_TRACE + id + 1, 16),
        parentSpanId: parent < 0 ? "" : hex(t * SPANS_PER_TRACE + parent + 1, 16),
        name: "op",
        kind,
        startTimeUnixNano: "1711138246940000000",
        endTimeUnixNano: "1711138247116321958",
        attributes,
        status: {},
      });
    };
    let svc = Math.floor(rand() * SPAN_SERVICES);
    span(svc, 0, -1, 2);
    let parent = 0;
    for (let id = 1; id + 1 < SPANS_PER_TRACE; id += 2) {
      const next = (calls[svc] as number[])[Math.floor(rand() * 5)] as number;
      span(svc, id, parent, 3);
      span(next, id + 1, id, 2);
      svc = next;
      parent = id + 1;
    }
    span(svc, SPANS_PER_TRACE - 1, parent, 3, [str("db.system", "postgresql")]);
    const resourceSpans = [...byService].map(([s, spans]) => ({
      resource: { attributes: [str("service.name", `service-${s}`)] },
      scopeSpans: [{ scope: { name: "bench" }, spans }],
    }));
    yield `${JSON.stringify({ resourceSpans })}\n`;
  }
}

function* linkChunks(): Generator<string> {
  const rand = rng(7);
  yield "[";
  for (let i = 0; i < LINKS; i++) {
    const link = {
      parent: `Service${i % LINK_SERVICES}`,
      child: `Service${Math.floor(rand() * LINK_SERVICES)}`,
      callCount: 1 + Math.floor(rand() * 5000),
    };
    yield `${i === 0 ? "" : ","}\n${JSON.stringify(link)}`;
  }
  yield "\n]\n";
}

/** The floors: JSON.parse of each line of a stream (split by hand), and of a whole file. */
async function bareLines(file: string): Promise<number> {
  let rest = "";
  let n = 0;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      if (nl > start) {
        JSON.parse(text.slice(start, nl));
        n++;
      }
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.trim() !== "") JSON.parse(rest);
  return n;
}

async function measure(kind: string, file: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let items = 0;
  if (kind === "bare-lines") items = await bareLines(file);
  else if (kind === "bare-file") items = (JSON.parse(readFileSync(file, "utf8")) as unknown[]).length;
  else {
    const r = await readObservedFile(file);
    if (r.diagnostics.length > 0) throw new Error(JSON.stringify(r.diagnostics));
    items = r.edges.length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, items, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

interface Run {
  ms: number;
  /** CPU time (user + system, all threads: GC and I/O threads count), steadier than wall time on a shared machine. */
  cpuMs: number;
  items: number;
  peakRssMb: number;
}

/** Best of `times` fresh processes (the machine is shared): the lowest time, and the peak RSS of that run. */
function run(kind: string, file: string, times = 4): Run {
  let best: Run | undefined;
  for (let i = 0; i < times; i++) {
    const out = execFileSync(process.execPath, ["--max-old-space-size=4096", fileURLToPath(import.meta.url), "measure", kind, file], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out.trim().split("\n").pop() as string) as Run;
    if (best === undefined || r.cpuMs < best.cpuMs) best = r;
  }
  return best as Run;
}

async function main(): Promise<void> {
  if (process.argv[2] === "measure") return measure(process.argv[3] as string, process.argv[4] as string);
  if (!existsSync(SPANS_FILE)) await write(SPANS_FILE, spanLines);
  if (!existsSync(LINKS_FILE)) await write(LINKS_FILE, linkChunks);
  const mb = (f: string) => (readFileSync(f).length / 1048576).toFixed(0);
  const rows: string[] = [];
  const only = process.argv[2];
  for (const [name, file, bare, target] of [
    [
      `OTLP JSON lines, ${SPANS.toLocaleString("en")} spans / ${SPAN_SERVICES.toLocaleString("en")} services`,
      SPANS_FILE,
      "bare-lines",
      1.5,
    ],
    [`dependency links, ${LINK_SERVICES.toLocaleString("en")} services / ${LINKS.toLocaleString("en")} edges`, LINKS_FILE, "bare-file", 2],
  ] as const) {
    if (only !== undefined && !file.includes(only)) continue;
    const floor = run(bare, file);
    const reader = run("read", file);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    rows.push(
      `${name} (${mb(file)} MB): read ${s(reader.cpuMs)} s CPU / ${s(reader.ms)} s wall, bare JSON.parse ${s(floor.cpuMs)} s CPU / ${s(floor.ms)} s wall, ` +
        `ratio ${(reader.cpuMs / floor.cpuMs).toFixed(2)}× CPU / ${(reader.ms / floor.ms).toFixed(2)}× wall (target ≤ ${target}×), ` +
        `peak RSS ${reader.peakRssMb.toFixed(0)} MB (bare ${floor.peakRssMb.toFixed(0)} MB), ${reader.items} edges`,
    );
  }
  process.stdout.write(`${rows.join("\n")}\n`);
}

await main();
