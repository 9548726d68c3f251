// One measured run of `check --format json` (with --html: `--format html`) in a fresh process: wall time per stage and peak memory, as JSON on stdout.
import * as fs from "node:fs";
import { criticality } from "../drill/criticality.js";
import { compile } from "../graph/compiled.js";
import { buildEstate } from "../model/estate.js";
import { renderHtml } from "../report/html.js";
import { jsonReport } from "../report/json.js";
import { summarize } from "../report/summary.js";
import { type RuleTiming, runRules } from "../rules/index.js";
import { findCatch22s } from "../rules/rollback-needs-broken.js";
import { type BareSearch, bareSearch } from "./bare-search.js";
import { startMeter } from "./meter.js";
import { loadOrExit } from "./probe-load.js";
import { straightforwardCatch22s } from "./straightforward.js";

export interface ProbeResult {
  stages: Record<string, number>;
  total: number;
  peakRssMb: number;
  /** CPU time of the run (user + system), and the garbage collector's pauses in it, in ms. */
  cpuMs: number;
  gcMs: number;
  /** CPU time up to the estate's load (discover, read, parse, validate): the part the floor does too; the rest is the analysis's. */
  loadCpuMs: number;
  services: number;
  findings: number;
  /** SHA-free digest of the report: its length and finding count, to compare runs. */
  reportBytes: number;
  /** With --verify: whether rollback-needs-broken equals the straightforward per-service computation. */
  verified?: boolean;
  /** With --bare: the bare search for the same pairs (./bare-search.ts), run after the timed run, outside its figures. */
  bare?: BareSearch;
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: probe <estate-dir>\n");
  process.exit(2);
}
const meter = startMeter();
const t0 = performance.now();
const load = loadOrExit(dir);
const loadCpuMs = meter.cpuNow();
let t = performance.now();
const estate = buildEstate(load.declarations);
const graph = compile(estate);
const build = performance.now() - t;
const rules: RuleTiming[] = [];
const findings = runRules(estate, graph, {}, rules);
t = performance.now();
const rankings = criticality(graph, { top: 10 });
const criticalityMs = performance.now() - t;
const stages: Record<string, number> = {
  discover: load.timings.discover,
  read: load.timings.read,
  parse: load.timings.parse,
  validate: load.timings.validate,
  build,
};
for (const r of rules) stages[r.rule] = r.ms;
stages.criticality = criticalityMs;
t = performance.now();
const summary = summarize(graph, findings);
// As `check --format json -o FILE` writes it: the report's pieces, joined per megabyte (src/cli/io.ts emitFormat).
let reportBytes = 0;
const fd = fs.openSync("/dev/null", "w");
const pieces = process.argv.includes("--html")
  ? [renderHtml({ estate, findings, summary, inputs: [dir] })]
  : jsonReport({ findings, summary, criticality: { graph, rankings } });
let pending: string[] = [];
let size = 0;
for (const piece of pieces) {
  pending.push(piece);
  size += piece.length;
  if (size >= 1 << 20) {
    fs.writeSync(fd, pending.join(""));
    reportBytes += size;
    pending = [];
    size = 0;
  }
}
fs.writeSync(fd, pending.join(""));
fs.closeSync(fd);
reportBytes += size;
stages.render = performance.now() - t;
const total = performance.now() - t0;
const result: ProbeResult = {
  stages,
  total,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  ...(await meter.read()),
  loadCpuMs,
  services: estate.services.length,
  findings: findings.length,
  reportBytes,
};
if (process.argv.includes("--bare")) result.bare = bareSearch(graph);
if (process.argv.includes("--verify")) {
  // Everything but the rollback check is one straightforward pass already; that check is the one with a shortcut.
  result.verified = JSON.stringify(findCatch22s(graph)) === JSON.stringify(straightforwardCatch22s(graph));
}
process.stdout.write(`${JSON.stringify(result)}\n`);
