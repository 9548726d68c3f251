// `npm run bench`: generates seeded estates and measures `check` stage by stage against the js-yaml floor.
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { maxOf } from "../util/append.js";
import type { BareSearch } from "./bare-search.js";
import { cachedEstate, MIN_SERVICES, SHAPES, type Shape } from "./generate.js";
import { positiveInteger, positiveIntegers, runProgram, shapeList, UsageError } from "./options.js";
import type { OutageResult } from "./outage.js";
import type { ProbeResult } from "./probe.js";
import { findShape } from "./shapes/index.js";
import { targetsTable } from "./targets.js";

const here = path.dirname(fileURLToPath(import.meta.url));

interface BenchOptions {
  sizes: number[];
  runs: number;
  shapes: Shape[];
  dir: string;
  /** Size of the realistic-zones estate the outage stage runs on; 0 skips it. */
  outage: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function child<T>(script: string, dir: string, ...extra: string[]): T {
  const out = execFileSync(process.execPath, [path.join(here, script), dir, ...extra], { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out) as T;
}

interface Row {
  label: string;
  shape: Shape;
  services: number;
  drill: boolean;
  probe: ProbeResult;
  stages: Record<string, number>;
  total: number;
  floor: number;
  /** CPU time of the run and of the floor (medians), and the run's GC share of its wall time. */
  cpu: number;
  floorCpu: number;
  /** The run's CPU time after the estate is loaded (median): the analysis and the report, which the floor has no part of. */
  analysisCpu: number;
  gcShare: number;
  /** Undefined for a drill, which has no straightforward twin to compare with. */
  verified?: boolean;
  /** With the shape's `bare`: the bare search's median time, and its pairs and steps in that run. */
  bare?: BareSearch;
  /** With `bare`, from the (untimed) verifying run on the smaller estate: its size and its bare search, for the growth. */
  bareSmall?: { services: number; search: BareSearch };
}

/** A row before it is told which estate it measured. */
type Timing = Omit<Row, "shape" | "services" | "drill">;

function measure(runs: number, label: string, dir: string, verifyDir = dir, bare = false): Timing {
  const row = timed(runs, label, dir, "probe.js", ...(bare ? ["--bare"] : []));
  // One more run, not timed, compares the fast rollback check with the straightforward one (on the smaller estate, and
  // there the bare search too: how its steps per pair grow with the size).
  const check = child<ProbeResult>("probe.js", verifyDir, "--verify", ...(bare ? ["--bare"] : []));
  row.verified = check.verified === true;
  if (check.bare && verifyDir !== dir) row.bareSmall = { services: check.services, search: check.bare };
  return row;
}

/** `drill --fail <pattern>` on the estate, timed the same way as `check`. */
function measureDrill(runs: number, label: string, dir: string, pattern: string): Timing {
  return timed(runs, label, dir, "drill-probe.js", pattern);
}

function timed(runs: number, label: string, dir: string, script: string, ...extra: string[]): Timing {
  const probes: ProbeResult[] = [];
  const floors: { total: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(child<{ total: number; cpuMs: number }>("floor.js", dir));
    probes.push(child<ProbeResult>(script, dir, ...extra));
  }
  const stages: Record<string, number> = {};
  for (const key of Object.keys(probes[0]?.stages ?? {})) stages[key] = median(probes.map((p) => p.stages[key] ?? 0));
  const total = median(probes.map((p) => p.total));
  const probe = probes.find((p) => p.total === total) as ProbeResult;
  const bareMs = median(probes.map((p) => p.bare?.ms ?? 0));
  const bare = probes.find((p) => p.bare?.ms === bareMs)?.bare;
  return {
    ...(bare ? { bare } : {}),
    label,
    probe,
    stages,
    total,
    floor: median(floors.map((f) => f.total)),
    cpu: median(probes.map((p) => p.cpuMs)),
    floorCpu: median(floors.map((f) => f.cpuMs)),
    analysisCpu: median(probes.map((p) => p.cpuMs - p.loadCpuMs)),
    // Pauses are wall time on the main thread: over the run's wall time, not its CPU time (pauses stretch under load, CPU does not).
    gcShare: median(probes.map((p) => p.gcMs / p.total)),
  };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function bench({ sizes, runs, shapes, dir, outage }: BenchOptions): Promise<void> {
  const cache = path.resolve(dir);
  const big = maxOf(sizes);
  // checked before the first estate is written: a bad size would otherwise fail minutes in
  for (const [shape, n] of [...sizes.map((n) => ["realistic", n] as const), ...shapes.map((s) => [s, big] as const)]) {
    if (n < MIN_SERVICES[shape]) throw new UsageError(`shape ${shape} needs at least ${MIN_SERVICES[shape]} services, not ${n}`);
  }
  const rows: Row[] = [];
  for (const n of sizes) {
    const row = measure(runs, `realistic ${n.toLocaleString("en")}`, await cachedEstate(cache, n, "realistic"));
    rows.push({ ...row, shape: "realistic", services: n, drill: false });
  }
  // The straightforward check is quadratic on a chain or a cycle, so shapes are verified at 10,000 services.
  for (const shape of shapes) {
    const label = `${shape} ${big.toLocaleString("en")}`;
    const dir = await cachedEstate(cache, big, shape);
    const def = findShape(shape);
    rows.push({
      ...measure(runs, label, dir, await cachedEstate(cache, Math.min(big, 10_000), shape), def?.bare === true),
      shape,
      services: big,
      drill: false,
    });
    if (def?.html)
      rows.push({ ...timed(runs, `${label}: check --format html`, dir, "probe.js", "--html"), shape, services: big, drill: false });
    const drill = def?.drill;
    if (drill !== undefined)
      rows.push({ ...measureDrill(runs, `${label}: drill --fail '${drill}'`, dir, drill), shape, services: big, drill: true });
  }
  // every stage any row has, in first-seen order (a drill row has a drill stage and no detectors)
  const stageNames = [...new Set(rows.flatMap((r) => Object.keys(r.stages)))];
  const header = [
    "estate",
    ...stageNames,
    "total",
    "floor",
    "total/floor",
    "after-parse/floor",
    "cpu/floor cpu",
    "after-load cpu/floor cpu",
    "GC share",
    "peak MB",
    "= straightforward",
  ];
  const lines = [header.join(" | ")];
  lines.push(header.map(() => "---").join(" | "));
  for (const r of rows) {
    const afterParse = r.total - (r.stages.discover ?? 0) - (r.stages.read ?? 0) - (r.stages.parse ?? 0);
    lines.push(
      [
        r.label,
        ...stageNames.map((s) => (r.stages[s] === undefined ? "-" : ms(r.stages[s]))),
        ms(r.total),
        ms(r.floor),
        (r.total / r.floor).toFixed(2),
        (afterParse / r.floor).toFixed(2),
        (r.cpu / r.floorCpu).toFixed(2),
        (r.analysisCpu / r.floorCpu).toFixed(2),
        `${(100 * r.gcShare).toFixed(0)}%`,
        r.probe.peakRssMb.toFixed(0),
        r.verified === undefined ? "-" : r.verified ? "yes" : "NO",
      ].join(" | "),
    );
  }
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  process.stdout.write(
    `catch22 bench: medians of ${runs} runs, each in a fresh process; times in ms; floor = the same files read and parsed by js-yaml alone\n` +
      `"cpu/floor cpu": the same ratio in CPU time (user + system: steadier than wall time on a loaded machine); "after-load cpu/floor cpu": the CPU time\n` +
      `after the estate is loaded (build, detectors, criticality, report: no part of the floor) over the floor's; "GC share": garbage-collection pauses over the run's wall time\n` +
      `"= straightforward": rollback-needs-broken's findings equal those of computing Down({X}) in full for every service (shapes: checked at 10,000 services)\n` +
      `machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}\n\n` +
      `| ${lines.join(" |\n| ")} |\n`,
  );
  process.stdout.write(
    targetsTable(
      rows.map((r) => ({ ...r, cpuRatio: r.cpu / r.floorCpu, analysisRatio: r.analysisCpu / r.floorCpu, peakMb: r.probe.peakRssMb })),
    ),
  );
  process.stdout.write(bareTable(rows));
  if (outage > 0) process.stdout.write(outageStage(runs, await cachedEstate(cache, outage, "realistic-zones")));
}

/** The rows with a bare search: what SPEC §3's one shortest witness per catch-22 costs at the least, beside the check's own. */
function bareTable(rows: readonly Row[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    const b = r.bare;
    if (!b) continue;
    const check = r.stages["rollback-needs-broken"] ?? 0;
    const perPair = b.steps / Math.max(1, b.pairs);
    const small = r.bareSmall;
    const smallPerPair = small ? small.search.steps / Math.max(1, small.search.pairs) : 0;
    // steps per pair ∝ n^k between the two sizes: k = ½ is two balls of √n each, so n^1.5 steps in all
    const growth =
      small && smallPerPair > 0
        ? `${smallPerPair.toFixed(0)} at ${small.services.toLocaleString("en")}, k = ${(Math.log(perPair / smallPerPair) / Math.log(r.services / small.services)).toFixed(2)}`
        : "-";
    lines.push(
      `| ${r.label} | ${b.pairs.toLocaleString("en")} | ${perPair.toFixed(0)} | ${growth} | ${ms(b.ms)} | ` +
        `${(b.ms / r.floor).toFixed(2)} | ${ms(check)} | ${(check / r.floor).toFixed(2)} |`,
    );
  }
  if (lines.length === 0) return "";
  return (
    "\nbare search (src/bench/bare-search.ts), run after each timed run and outside its figures: for every service with a\n" +
    "rollback, a two-sided breadth-first search from its rollback's members to it over every runtime edge, with no ranks,\n" +
    "no tie-breaks by name, no positions and no path kept; the least that SPEC §3's one shortest witness per catch-22 costs\n" +
    '(wall ms, medians; "/floor" over the row\'s floor). "growth": the steps per pair on the smaller estate, and k in\n' +
    "steps per pair ∝ n^k between the two sizes (k = 0.5: each search two balls of ~√n services, n^1.5 steps in all):\n\n" +
    "| row | pairs | steps per pair | growth | bare ms | bare/floor | rollback-needs-broken ms | rollback-needs-broken/floor |\n" +
    `| --- | --- | --- | --- | --- | --- | --- | --- |\n${lines.join("\n")}\n`
  );
}

/** The outage stage (SPEC §3 shared-fate, §4.1, §4.2): medians of `runs` fresh processes on the realistic-zones estate. */
function outageStage(runs: number, dir: string): string {
  const results = Array.from({ length: runs }, () => child<OutageResult>("outage.js", dir));
  const m = (f: (r: OutageResult) => number) => median(results.map(f));
  const load = m((r) => r.load);
  const crit = m((r) => r.criticality);
  const checkWithout = m((r) => r.load + r.rulesWithout + r.criticality);
  const checkWith = m((r) => r.load + r.rulesWith + r.criticality);
  const cold = m((r) => r.load + r.cold);
  const zone = m((r) => r.load + r.zone);
  const r0 = results[0] as OutageResult;
  const rows = [
    ["check without shared-fate (load + rules + criticality)", checkWithout, checkWithout, "—"],
    ["check with shared-fate", checkWith, checkWithout, "≤ 1.2"],
    ["drill --cold (load + drill)", cold, load, "≤ 1.1"],
    [`drill --fail zone=zone-0 (${r0.zoneServices.toLocaleString("en")} services failed)`, zone, load, "≤ 1.2"],
  ] as const;
  return (
    `\noutage stage: realistic-zones ${r0.services.toLocaleString("en")}, medians of ${runs} runs; load = ${ms(load)} ms, ` +
    `shared-fate alone ${ms(m((r) => r.sharedFate))} ms, criticality ${ms(crit)} ms; findings ${r0.findings.without} → ${r0.findings.with} with shared-fate\n\n` +
    "| measured | ms | ratio | target |\n| --- | --- | --- | --- |\n" +
    rows.map(([label, x, base, target]) => `| ${label} | ${ms(x)} | ${(x / base).toFixed(2)}× | ${target} |`).join("\n") +
    "\n"
  );
}

const program = new Command("bench")
  .description("Generate seeded estates (cached in --dir) and time `check` stage by stage, each run in a fresh process.")
  .option(
    "--sizes <list>",
    "realistic estate sizes, comma-separated; the largest is also the size of --shapes",
    positiveIntegers,
    [1000, 10000, 100000],
  )
  .option("--runs <n>", "runs per estate (the median is shown)", positiveInteger, 3)
  .option(
    "--shapes <list>",
    "other shapes to time at the largest size, comma-separated (empty: none); a shape with a drill, or with an html row, is timed with it too",
    shapeList,
    SHAPES.filter((s) => s !== "realistic"),
  )
  .option("--dir <dir>", "where generated estates are cached", path.join(os.tmpdir(), "catch22-bench"))
  .option(
    "--outage <n>",
    "size of the realistic-zones estate for the outage stage (check with/without shared-fate, drill --cold, drill --fail zone=); 0: skip",
    (v: string) => (v === "0" ? 0 : positiveInteger(v)),
    100000,
  )
  .addHelpText("after", "\nExit codes: 0 when measured, 2 on a bad command line.\n")
  .action((opts: BenchOptions) => bench(opts));

process.exitCode = await runProgram(program, process.argv);
