// The cold drill as a runbook (SPEC §4.2): the bootstrap order wave by wave, what never comes up, the cores that block it, and the time against RTOs.
import type { ColdBlocking } from "../../drill/cold.js";
import type { Compiled } from "../../graph/compiled.js";
import { style } from "../../util/color.js";
import { formatPos, listNames, plural } from "../../util/text.js";
import { chain } from "../text.js";
import { type ColdDrillContext, namesOf, runtimeSteps } from "./context.js";
import { timingLines, waveEnd } from "./timing-text.js";

/** Names written inline in a wave or a list, before "and N more". */
const INLINE = 12;
/** Never-up services whose blocking requirements are listed, and cores shown, before "and N more". */
const SHOWN = 20;

export function renderColdText(ctx: ColdDrillContext): string {
  const s = style(ctx.color);
  const { graph: g, result, timing } = ctx;
  const failed = namesOf(g, result.failed);
  const outside = g.n - result.failed.length;
  const out: string[] = [];
  out.push(
    `${s.bold("catch22 drill --cold")} ${s.dim("·")} ${plural(g.n, "service")} ${s.dim("·")} ${failed.length === 0 ? "nothing failed" : `failing ${listNames(failed, 6)}`}`,
  );
  out.push(
    "",
    `Cold start: every service starts from nothing, as after a region-wide power loss${failed.length === 0 ? "" : `; ${listNames(failed, 6)} ${failed.length === 1 ? "stays" : "stay"} down`}.`,
  );

  result.waves.forEach((w, k) => {
    const why = k === 0 ? " (no requirements)" : "";
    const head = `${s.bold(`Wave ${k + 1}`)} ${s.dim(`(${waveEnd(timing, k)})`)}${s.bold(":")}`;
    out.push(`${head} start ${listNames(namesOf(g, w.up), INLINE)}${why}`);
  });
  if (result.waves.length === 0)
    out.push(`${s.bold("No wave:")} no service can start${outside === 0 ? " (none is left outside the failed ones)" : ""}`);

  if (result.neverUp.length > 0) {
    const cores = result.cores.map((c) => `core ${chain(runtimeSteps(g, c.cycle))}`);
    out.push(
      "",
      `${s.red(s.bold("Never up:"))} ${listNames(namesOf(g, result.neverUp), INLINE)}${cores.length > 0 ? ` — ${listNames(cores.slice(0, 3), 3)}` : ""}`,
    );
    for (const c of result.cores.slice(0, SHOWN)) {
      out.push(`  ${s.red("✖")} core ${listNames(namesOf(g, c.members), 6)}: each needs another to be up first`);
      out.push(`      ${s.bold(chain(runtimeSteps(g, c.cycle)))}`);
      c.locations.forEach((p, i) => {
        out.push(`        ${g.names[c.cycle[i] as number]} → ${g.names[c.cycle[i + 1] as number]}  ${s.dim(formatPos(p))}`);
      });
      if (c.impacted.length > 0) out.push(`      holds down ${listNames(namesOf(g, c.impacted), 8)}`);
    }
    if (result.cores.length > SHOWN) out.push(s.dim(`  … and ${result.cores.length - SHOWN} more cores (--format json lists every one)`));
    // The rest never come up because they need the failed services (or others held down by them).
    const inCore = new Set(result.cores.flatMap((c) => [...c.members, ...c.impacted]));
    const byFailed = result.blocked.filter((b) => !inCore.has(b.service));
    if (byFailed.length > 0) out.push(`  held down by the failed services (${byFailed.length}):`);
    for (const b of byFailed.slice(0, SHOWN)) out.push(`    ${g.names[b.service]}: ${blockingText(g, b.requirements)}`);
    if (byFailed.length > SHOWN) out.push(s.dim(`    … and ${byFailed.length - SHOWN} more (--format json lists every one)`));
  }

  out.push("", ...timingLines(g, timing, outside, "outside the failed ones", s));
  out.push("");
  const never = result.neverUp.length;
  const late = timing.rtoExceeded.length;
  if (never > 0) {
    out.push(
      `${s.red("✖ NEVER UP")}: ${plural(never, "service")} of ${outside} never ${never === 1 ? "comes" : "come"} up from a cold start.`,
    );
  } else if (late > 0) {
    out.push(
      `${s.red("✖ RTO EXCEEDED")}: everything comes up in ${plural(result.waves.length, "wave")}, but ${plural(late, "service")} later than ${late === 1 ? "its" : "their"} RTO.`,
    );
  } else {
    out.push(`${s.green("✔")} Cold start completes in ${plural(result.waves.length, "wave")}: all ${plural(outside, "service")} come up.`);
  }
  return `${out.join("\n")}\n`;
}

/** "needs a (failed)", "needs one of a or b (all down)". */
function blockingText(g: Compiled, reqs: readonly ColdBlocking[]): string {
  return `needs ${reqs.map((q) => (q.services.length === 1 ? `${g.names[q.services[0] as number]}` : `one of ${listNames(namesOf(g, q.services), 4, "or")}`)).join("; ")}, which ${reqs.length === 1 && reqs[0]?.services.length === 1 ? "stays" : "stay"} down`;
}
