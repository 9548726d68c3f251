// One measured `drill --fail <pattern> --format json` in a fresh process: wall time per stage and peak memory, as JSON on stdout.
import * as fs from "node:fs";
import { selectServices } from "../drill/select.js";
import { simulate } from "../drill/simulate.js";
import { recoveryTimes, warmTiming } from "../drill/timing.js";
import { warmOnly } from "../drill/warm-only.js";
import { compile } from "../graph/compiled.js";
import { buildEstate } from "../model/estate.js";
import { renderDrillJson } from "../report/drill/json.js";
import { startMeter } from "./meter.js";
import type { ProbeResult } from "./probe.js";
import { loadOrExit } from "./probe-load.js";

const [dir, pattern] = process.argv.slice(2);
if (!dir || !pattern) {
  process.stderr.write("usage: drill-probe <estate-dir> <pattern>\n");
  process.exit(2);
}
const meter = startMeter();
const t0 = performance.now();
const load = loadOrExit(dir);
const loadCpuMs = meter.cpuNow();
let t = performance.now();
const graph = compile(buildEstate(load.declarations));
const build = performance.now() - t;
const selection = selectServices(graph.names, [pattern]);
if (!selection.ok) throw new Error(selection.errors.join("; "));
t = performance.now();
const result = simulate(graph, selection.ids);
// What `catch22 drill` computes besides the waves: the timing against RTOs and the warm-only services.
const timing = warmTiming(result, recoveryTimes(graph.estate.services));
const warm = warmOnly(graph, result);
const drill = performance.now() - t;
t = performance.now();
const text = renderDrillJson({ graph, result, timing, warmOnly: warm, color: false });
fs.writeFileSync("/dev/null", text);
const stages: Record<string, number> = {
  discover: load.timings.discover,
  read: load.timings.read,
  parse: load.timings.parse,
  validate: load.timings.validate,
  build,
  drill,
  render: performance.now() - t,
};
const total = performance.now() - t0;
const out: ProbeResult = {
  stages,
  total,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  ...(await meter.read()),
  loadCpuMs,
  services: graph.n,
  findings: result.waves.length,
  reportBytes: text.length,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
