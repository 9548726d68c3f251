// The step bar under the map: the followed finding's current step (why, its note, where it is declared), or the drill's wave.

import { formatDuration } from "../../src/model/facts.js";
import type { PathStep } from "../../src/model/types.js";
import { ruleMeta } from "../../src/rules/table.js";
import { arrow, counted, formatWhere } from "../../src/util/text.js";
import { byId } from "../dom.js";
import type { DrillOutcome } from "../drill.js";
import type { Page } from "../page.js";

export function renderStepper(page: Page): void {
  const stepper = byId("stepper");
  const text = byId("step-text");
  const f = page.currentFinding();
  const step = page.state.step;
  if (f?.path.length) {
    const s = f.path[step] as PathStep;
    stepper.hidden = false;
    const why =
      s.kind === "rollback"
        ? `rolling back ${s.from} needs ${s.to}`
        : `${s.from} ${s.observed ? "calls" : "needs"} ${s.to}${s.observed ? " (observed, not declared; taken as a hard runtime requirement)" : " to run"}${ruleMeta(f.rule).stepsAreReasons ? `, so ${s.from} is down when ${s.to} is` : ""}`;
    const note = noteOf(page, s);
    text.textContent = `Step ${step + 1} of ${f.path.length}: ${s.from} ${arrow(s.kind)} ${s.to} — ${why}${note ? ` (“${note}”)` : ""}${
      f.locations[step] ? ` · ${formatWhere(f.locations[step])}` : ""
    }`;
    return;
  }
  const d = page.overlay.drill;
  if (d) {
    stepper.hidden = false;
    text.textContent = drillStepText(d, page.state.wave);
    return;
  }
  stepper.hidden = true;
}

/** The note of the hard entry that declares a step. */
function noteOf(page: Page, s: PathStep): string | undefined {
  const svc = page.d.byName.get(s.from);
  return svc?.[s.kind].find((e) => e.names.includes(s.to) && !e.soft)?.note;
}

function drillStepText(d: DrillOutcome, wave: number): string {
  if (d.mode === "cold") return coldStepText(d, wave);
  const last = wave >= d.waves.length;
  const tail = last
    ? d.stuckRoots.length
      ? ` — STUCK: ${d.stuckRoots.join(", ")} cannot be rolled back; ${counted(d.stuck.length, "service")} stay down`
      : " — everything is back"
    : "";
  if (wave === 0)
    return `Drill step 1 of ${d.waves.length + 1}: failing ${d.failed.join(", ")} takes down ${counted(d.blastRadius.length, "service")}${tail}`;
  const w = d.waves[wave - 1];
  return `Drill step ${wave + 1} of ${d.waves.length + 1}: wave ${wave} rolls back ${w?.rollback.join(", ")}; ${counted(w?.recovered.length ?? 0, "service")} come back (ends at ${formatDuration(w?.endsAfter ?? 0)})${tail}`;
}

function coldStepText(d: DrillOutcome, wave: number): string {
  const last = wave >= d.waves.length;
  const tail = last ? (d.stuck.length ? ` — NEVER UP: ${counted(d.stuck.length, "service")}` : " — everything is up") : "";
  if (wave === 0)
    return `Cold start step 1 of ${d.waves.length + 1}: everything is down${d.failed.length ? `, ${d.failed.join(", ")} stay down` : ""}${tail}`;
  const w = d.waves[wave - 1];
  return `Cold start step ${wave + 1} of ${d.waves.length + 1}: wave ${wave} starts ${counted(w?.recovered.length ?? 0, "service")} (ends at ${formatDuration(w?.endsAfter ?? 0)})${tail}`;
}
