// The drill panel: the verdict, the blast radius, each wave and its end time, the RTOs, and for a stuck drill why each root is stuck (its witness, located); a cold start the same way.
import { formatDuration } from "../../src/model/facts.js";
import { arrow, chain, counted, formatWhere } from "../../src/util/text.js";
import { button, byId, el, present } from "../dom.js";
import type { DrillOutcome, StuckReason } from "../drill.js";
import type { Page } from "../page.js";
import { MAX_LIST, nameLink } from "./common.js";

export function renderDrill(page: Page): void {
  const panel = byId("drill");
  const d = page.overlay.drill;
  if (!d) {
    panel.hidden = true;
    panel.replaceChildren();
    return;
  }
  panel.hidden = false;
  const cold = d.mode === "cold";
  // The terms as given (`zone=eu-west-1a`), which say more than the services they select.
  const terms = (page.state.drill?.length ? page.state.drill : d.failed).join(", ");
  const stuck = d.stuckRoots.length > 0 || (cold && d.stuck.length > 0);
  const names = (list: string[]) =>
    list.length
      ? el(
          "span",
          { class: "names" },
          ...list.slice(0, MAX_LIST).flatMap((n, i) => [i ? ", " : "", nameLink(page, n)]),
          list.length > MAX_LIST ? ` and ${list.length - MAX_LIST} more` : "",
        )
      : el("span", { class: "hint" }, "none");
  const wave = page.state.wave;
  const waves = el(
    "ol",
    { class: "waves" },
    el(
      "li",
      { class: wave === 0 ? "current" : undefined },
      ...(cold
        ? [
            button("Power off", () => page.goToWave(0), { class: "link" }),
            `: everything is down${d.failed.length ? `; ${d.failed.join(", ")} stay down` : ""}`,
          ]
        : [button(`Failure: ${d.failed.join(", ")}`, () => page.goToWave(0), { class: "link" }), " takes down ", names(d.blastRadius)]),
    ),
    ...d.waves.map((w, i) =>
      el(
        "li",
        { class: wave === i + 1 ? "current" : undefined },
        button(`Wave ${i + 1}`, () => page.goToWave(i + 1), { class: "link" }),
        ` (ends at ${formatDuration(w.endsAfter)})`,
        ...(cold ? [": start ", names(w.recovered)] : [": roll back ", names(w.rollback), "; back by itself: ", names(w.recovered)]),
      ),
    ),
  );
  const reasons = el("ul", { class: "reasons" }, ...d.reasons.map((r) => reasonItem(r, cold)));
  panel.replaceChildren(
    ...present(
      el("h2", {}, cold ? `Cold start${d.failed.length ? `, ${terms} down` : ""}` : `Drill: fail ${terms}`),
      el("p", { class: stuck || d.rtoExceeded.length ? "verdict stuck" : "verdict ok" }, verdict(d, stuck)),
      cold ? null : el("p", {}, `Blast radius: ${counted(d.blastRadius.length, "service")}.`),
      waves,
      el("p", {}, timeText(d)),
      d.rtoExceeded.length
        ? el(
            "p",
            { class: "rto" },
            "RTO exceeded: ",
            ...d.rtoExceeded
              .slice(0, MAX_LIST)
              .flatMap((e, i) => [
                i ? ", " : "",
                nameLink(page, e.service),
                ` (RTO ${formatDuration(e.rto)}, ${e.back === null ? "never back" : `back at ${formatDuration(e.back)}`})`,
              ]),
          )
        : null,
      d.warmOnly.length
        ? el(
            "p",
            { class: "hint" },
            "Warm recovery: ",
            names(d.warmOnly),
            " come back only because the rest was still running; a cold start could not bring them back. ",
            button("Cold start", () => page.drill([], true), { class: "link" }),
          )
        : null,
      stuck ? el("h3", {}, cold ? "Never up, and why" : "Stuck, and why") : null,
      stuck ? reasons : null,
      stuck ? el("p", {}, cold ? "Never up: " : "Stuck down: ", names(d.stuck)) : null,
      el(
        "div",
        { class: "row" },
        button("◀ Previous", () => page.step(-1)),
        button("Next ▶", () => page.step(1)),
        button("End drill", () => page.drill(null)),
      ),
    ),
  );
}

function verdict(d: DrillOutcome, stuck: boolean): string {
  if (d.mode === "cold")
    return stuck
      ? `✖ Never up: ${counted(d.stuck.length, "service")} never come up from a cold start.`
      : `✔ Every service comes up in ${counted(d.waves.length, "wave")}.`;
  if (stuck)
    return `✖ Stuck: ${counted(d.stuckRoots.length, "root")} can never be rolled back; ${counted(d.stuck.length, "service")} stay down.`;
  const late = d.rtoExceeded.length;
  return late
    ? `✖ Recovers in ${counted(d.waves.length, "wave")}, but ${counted(late, "service")} ${late === 1 ? "is" : "are"} back later than the RTO.`
    : `✔ Recovers: every root is rolled back in ${counted(d.waves.length, "wave")}.`;
}

function timeText(d: DrillOutcome): string {
  const base =
    d.recoveryTime === null
      ? "Recovery time: none, some services stay down."
      : `Estimated recovery time: ${formatDuration(d.recoveryTime)} (an estimate: what a wave brings back starts in parallel).`;
  const scope = d.mode === "cold" ? "outside the failed ones" : "in the blast radius";
  return d.withoutRecoveryTimes ? `${base} ${counted(d.withoutRecoveryTimes, "service")} ${scope} declare no recovery times.` : base;
}

/** One blocking requirement (or, cold, one core), and its witness step by step with where each step is declared (as `catch22 drill` prints it). */
function reasonItem(r: StuckReason, cold: boolean): HTMLLIElement {
  const many = r.requirement.length > 1;
  return el(
    "li",
    {},
    el("strong", {}, r.root),
    cold
      ? " never comes up: a core, each waits on another"
      : ` cannot be rolled back: its rollback needs ${many ? `one of ${r.requirement.join(", ")}` : r.requirement[0]}, which ${many ? "are all" : "is"} down`,
    r.note ? el("span", { class: "note" }, r.note) : null,
    r.path.length ? el("span", { class: "chain" }, `why: ${chain(r.path)}`) : null,
    // Each step where it is declared, as `catch22 drill` prints it.
    ...r.path.map((s, i) =>
      el(
        "span",
        { class: "chain step", "data-step": `${s.from} ${s.kind} ${s.to}` },
        `${s.from} ${arrow(s.kind)} ${s.to}`,
        r.locations[i] ? el("span", { class: "where" }, `  ${formatWhere(r.locations[i])}`) : null,
      ),
    ),
  );
}
