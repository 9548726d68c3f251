// Issue #14's targets, each checked against the bench's own rows: the ratio measured, the bound, met or not.

/** What a target reads of one bench row. */
export interface TargetRow {
  shape: string;
  services: number;
  drill: boolean;
  /** CPU time over the floor's CPU time (steadier than wall time on a shared machine). */
  cpuRatio: number;
  /**
   * The CPU time after the estate is loaded over the floor's: what the analysis and the report cost alone, which
   * no work on the load can take below. Shown beside a cpu/floor check when given.
   */
  analysisRatio?: number;
  peakMb: number;
  gcShare: number;
}

interface Target {
  label: string;
  applies(r: TargetRow): boolean;
  checks(r: TargetRow): [string, number, number][];
}

const TARGETS: Target[] = [
  {
    label: "realistic 100,000 ≤ 1.5× the floor",
    applies: (r) => r.shape === "realistic" && r.services === 100_000 && !r.drill,
    checks: (r) => [["cpu/floor", r.cpuRatio, 1.5]],
  },
  {
    label: "realistic 1,000,000 ≤ 2× the floor, ≤ 2 GB, GC < 20%",
    applies: (r) => r.shape === "realistic" && r.services === 1_000_000 && !r.drill,
    checks: (r) => [
      ["cpu/floor", r.cpuRatio, 2],
      ["peak MB", r.peakMb, 2048],
      ["GC share", r.gcShare, 0.2],
    ],
  },
  {
    label: "every other shape at 100,000 ≤ 3× the floor",
    applies: (r) => r.shape !== "realistic" && r.services >= 100_000 && !r.drill,
    checks: (r) => [["cpu/floor", r.cpuRatio, 3]],
  },
  {
    label: "drill at 100,000 ≤ 3× the floor",
    applies: (r) => r.drill && r.services >= 100_000,
    checks: (r) => [["cpu/floor", r.cpuRatio, 3]],
  },
];

const show = (what: string, x: number) =>
  what === "GC share" ? `${(100 * x).toFixed(0)}%` : what === "peak MB" ? x.toFixed(0) : `${x.toFixed(2)}×`;

/** The Markdown table of every target that a row measured, one line per (row, check). */
export function targetsTable(rows: readonly (TargetRow & { label: string })[]): string {
  const lines: string[] = [];
  for (const t of TARGETS) {
    for (const r of rows.filter((x) => t.applies(x))) {
      for (const [what, x, bound] of t.checks(r)) {
        const alone = what === "cpu/floor" && r.analysisRatio !== undefined ? `; after the load alone ${show(what, r.analysisRatio)}` : "";
        lines.push(
          `| ${t.label} | ${r.label} | ${what} ${show(what, x)} (bound ${show(what, bound)}${alone}) | ${x <= bound ? "met" : "NOT MET"} |`,
        );
      }
    }
  }
  if (lines.length === 0) return "";
  return (
    `\ntargets (issue #14; run with --sizes …,100000 or 1000000 to measure them):\n\n| target | row | measured | |\n| --- | --- | --- | --- |\n${lines.join("\n")}\n` +
    "\nThe other targets have their own benches (each starts a server or a browser): `npm run bench:serve` (a one-file edit at\n" +
    "100,000 reaches the page in <= 1.5 s, idle RSS <= 600 MB) and `npm run bench:web -- --sizes 5000,100000` (the HTML\n" +
    "report at 100,000 <= 30 MB and ready <= 5 s, 5,000 services < 3 s).\n"
  );
}
