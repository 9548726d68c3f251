// The recovery-time lines of a drill runbook (SPEC §4.3): the estimate and what it rests on, and the services back later than their RTO.
import type { DrillTiming } from "../../drill/timing.js";
import type { Compiled } from "../../graph/compiled.js";
import { formatDuration } from "../../model/facts.js";
import type { Style } from "../../util/color.js";
import { plural } from "../../util/text.js";

/** RTO breaches listed one per line before "and N more". */
const SHOWN = 20;

/** "ends at 22m": when everything wave k (0-based) brings back is back. */
export function waveEnd(timing: DrillTiming, k: number): string {
  const w = timing.waves[k];
  return w === undefined ? "" : `ends at ${formatDuration(w.endsAfter)}`;
}

/**
 * The estimate, how many of the `checked` services declare no times, and the RTO breaches.
 * `scope` names the checked services: the blast radius (warm) or those outside F (cold).
 */
export function timingLines(g: Compiled, timing: DrillTiming, checked: number, scope: string, s: Style): string[] {
  const out: string[] = [];
  if (timing.recoveryTime === null) {
    out.push(`${s.bold("Recovery time:")} none: some services stay down`);
  } else {
    out.push(
      `${s.bold("Estimated recovery time:")} ${formatDuration(timing.recoveryTime)} ${s.dim("(an estimate: everything a wave brings back is taken to start in parallel)")}`,
    );
  }
  const without = timing.withoutRecoveryTimes;
  if (without > 0) {
    const who =
      without === checked
        ? `none of the ${plural(checked, "service")} ${scope} declares recovery times`
        : `${without} of ${plural(checked, "service")} ${scope} declare${without === 1 ? "s" : ""} no recovery times`;
    const after = timing.recoveryTime === null ? "" : ": the real recovery can only take longer";
    out.push(`  ${who} (\`recovery\`, counted as 0)${after}`);
  }
  const n = timing.rtoExceeded.length;
  if (n > 0) {
    out.push(`  ${s.red("✖")} ${plural(n, "service")} ${n === 1 ? "exceeds its" : "exceed their"} RTO:`);
    for (const e of timing.rtoExceeded.slice(0, SHOWN)) {
      const back = e.back === null ? "never back" : `back at ${formatDuration(e.back)}`;
      out.push(`      ${g.names[e.service]}: RTO ${formatDuration(e.rto)}, ${back}`);
    }
    if (n > SHOWN) out.push(s.dim(`      … and ${n - SHOWN} more (--format json lists every one)`));
  }
  return out;
}

/** SPEC §6 `rtoExceeded`: names and seconds. */
export function rtoJson(g: Compiled, timing: DrillTiming): { service: string; rto: number; back: number | null }[] {
  return timing.rtoExceeded.map((e) => ({ service: g.names[e.service] as string, rto: e.rto, back: e.back }));
}
