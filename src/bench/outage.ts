// One measured run of the outage capabilities in a fresh process: `check` with and without shared-fate, `drill --cold`, `drill --fail zone=…`, against loading alone.
import * as fs from "node:fs";
import { simulateCold } from "../drill/cold.js";
import { criticality } from "../drill/criticality.js";
import { selectServices } from "../drill/select.js";
import { simulate } from "../drill/simulate.js";
import { coldTiming, recoveryTimes, warmTiming } from "../drill/timing.js";
import { warmOnly } from "../drill/warm-only.js";
import { compile } from "../graph/compiled.js";
import { buildEstate } from "../model/estate.js";
import { renderColdText } from "../report/drill/cold-text.js";
import { renderDrillText } from "../report/drill/text.js";
import { runRules } from "../rules/index.js";
import { loadOrExit } from "./probe-load.js";

export interface OutageResult {
  services: number;
  /** Load, validate, build and compile: what every command does first (ms). */
  load: number;
  /** The detectors without and with shared-fate, and the criticality rankings (ms). */
  rulesWithout: number;
  rulesWith: number;
  sharedFate: number;
  criticality: number;
  /** `drill --cold` after loading: simulation, timing and the text runbook (ms). */
  cold: number;
  /** `drill --fail zone=…` after loading: selection, simulation, timing, the warm assumption and the runbook (ms). */
  zone: number;
  zoneServices: number;
  findings: { with: number; without: number };
}

const dir = process.argv[2];
const zoneTerm = process.argv[3] ?? "zone=zone-0";
if (!dir) {
  process.stderr.write("usage: outage <estate-dir> [zone=…]\n");
  process.exit(2);
}
const t0 = performance.now();
const load = loadOrExit(dir);
const estate = buildEstate(load.declarations);
const graph = compile(estate);
const times = recoveryTimes(estate.services);
const loaded = performance.now() - t0;

let t = performance.now();
const without = runRules(estate, graph, { "shared-fate": "off" });
const rulesWithout = performance.now() - t;
t = performance.now();
const timings: { rule: string; ms: number }[] = [];
const withSf = runRules(estate, graph, {}, timings);
const rulesWith = performance.now() - t;
t = performance.now();
criticality(graph, { top: 10 });
const crit = performance.now() - t;

t = performance.now();
const cold = simulateCold(graph, []);
fs.writeFileSync("/dev/null", renderColdText({ graph, result: cold, timing: coldTiming(cold, times), color: false }));
const coldMs = performance.now() - t;

t = performance.now();
const selection = selectServices(graph.estate.services, [zoneTerm]);
if (!selection.ok) throw new Error(selection.errors.join("; "));
const warm = simulate(graph, selection.ids);
const text = renderDrillText({ graph, result: warm, timing: warmTiming(warm, times), warmOnly: warmOnly(graph, warm), color: false });
fs.writeFileSync("/dev/null", text);
const zoneMs = performance.now() - t;

const result: OutageResult = {
  services: graph.n,
  load: loaded,
  rulesWithout,
  rulesWith,
  sharedFate: timings.find((x) => x.rule === "shared-fate")?.ms ?? 0,
  criticality: crit,
  cold: coldMs,
  zone: zoneMs,
  zoneServices: selection.ids.length,
  findings: { with: withSf.length, without: without.length },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
