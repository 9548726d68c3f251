// The criticality rankings in reports: a text section before the footer and `summary.criticality` in JSON.
import type { Criticality, Ranked } from "../drill/criticality.js";
import type { SlowRecovery } from "../drill/slowest.js";
import type { Compiled } from "../graph/compiled.js";
import { formatDuration } from "../model/facts.js";
import { append, maxOf } from "../util/append.js";
import type { Style } from "../util/color.js";
import { plural, printable } from "../util/text.js";

/** What is exact and what is not, in one sentence for both the text and the JSON report. */
export function criticalityNote(g: Compiled, c: Criticality): string {
  if (c.exact) {
    return `Exact: the blast radius of ${c.computed} of ${plural(g.n, "service")} was computed; an upper bound showed that no other can rank in.`;
  }
  return `Approximate: the work budget ran out after computing the blast radius of ${c.computed} of ${plural(g.n, "service")}. A count marked ≤ is an upper bound (from the services that can reach it at runtime), so those entries and their order may be off; unmarked counts are exact.`;
}

function entriesJson(g: Compiled, list: readonly Ranked[]) {
  return list.map((e) => ({ service: g.names[e.service] as string, count: e.count, exact: e.exact }));
}

export function criticalityJson(g: Compiled, c: Criticality, slowest?: readonly SlowRecovery[]) {
  return {
    top: c.top,
    exact: c.exact,
    computed: c.computed,
    note: criticalityNote(g, c),
    takesDown: entriesJson(g, c.takesDown),
    blocksRollbacks: entriesJson(g, c.blocksRollbacks),
    ...(slowest
      ? { slowestRecoveries: slowest.map((r) => ({ service: g.names[r.service] as string, recoveryTime: r.recoveryTime })) }
      : {}),
  };
}

/** "slowest recoveries (warm drill of each ranked service): cloud-api stuck, api-config-data 1h10m". */
function slowestLine(g: Compiled, slowest: readonly SlowRecovery[], s: Style): string {
  const list = slowest.map((r) => `${g.names[r.service]} ${r.recoveryTime === null ? "stuck" : formatDuration(r.recoveryTime)}`);
  return `  slowest recoveries ${s.dim("(estimated warm recovery of each ranked service's failure)")}: ${list.length ? list.join(", ") : "none takes any time"}`;
}

/** The rankings; the note on exactness only with --verbose when they are exact (an approximate ranking always says so). */
export function criticalityText(g: Compiled, c: Criticality, s: Style, verbose = true, slowest?: readonly SlowRecovery[]): string[] {
  const out = [
    `${s.bold("Criticality")} ${s.dim(`· the single failures that hurt most (top ${c.top}, ${c.exact ? "exact" : "approximate"})`)}`,
  ];
  const all = [...c.takesDown, ...c.blocksRollbacks];
  const width = Math.max(1, maxOf(all.map((e) => `${e.exact ? "" : "≤ "}${e.count}`.length)));
  const nameWidth = Math.min(40, Math.max(0, maxOf(all.map((e) => (g.names[e.service] as string).length))));
  const line = (e: Ranked) => {
    const svc = g.estate.services[e.service];
    const where = [svc?.system, svc?.owner]
      .filter((x) => x !== undefined)
      .map((x) => printable(x as string))
      .join(" · ");
    const count = `${e.exact ? "" : "≤ "}${e.count}`.padStart(width);
    return where
      ? `    ${count}  ${(g.names[e.service] as string).padEnd(nameWidth)}  ${s.dim(where)}`
      : `    ${count}  ${g.names[e.service]}`;
  };
  out.push("  takes down the most other services:");
  if (c.takesDown.length === 0) out.push(s.dim("    none: no service's failure takes down another"));
  append(out, c.takesDown.map(line));
  out.push("  blocks the most rollbacks of other services (a rollback requirement entirely inside its blast radius):");
  if (c.blocksRollbacks.length === 0) out.push(s.dim("    none: no service's failure blocks another's rollback"));
  append(out, c.blocksRollbacks.map(line));
  if (slowest) out.push(slowestLine(g, slowest, s));
  if (verbose || !c.exact) out.push(`  ${s.dim(criticalityNote(g, c))}`);
  return out;
}
