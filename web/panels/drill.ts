// The drill panel: the verdict, the blast radius, each wave, and for a stuck drill why each root is stuck (its witness, located).
import { arrow, chain, counted, formatWhere } from "../../src/util/text.js";
import { button, byId, el, present } from "../dom.js";
import type { StuckReason } from "../drill.js";
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
  const stuck = d.stuckRoots.length > 0;
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
      button(`Failure: ${d.failed.join(", ")}`, () => page.goToWave(0), { class: "link" }),
      " takes down ",
      names(d.blastRadius),
    ),
    ...d.waves.map((w, i) =>
      el(
        "li",
        { class: wave === i + 1 ? "current" : undefined },
        button(`Wave ${i + 1}`, () => page.goToWave(i + 1), { class: "link" }),
        ": roll back ",
        names(w.rollback),
        "; back by itself: ",
        names(w.recovered),
      ),
    ),
  );
  const reasons = el("ul", { class: "reasons" }, ...d.reasons.map(reasonItem));
  panel.replaceChildren(
    ...present(
      el("h2", {}, `Drill: fail ${d.failed.join(", ")}`),
      el(
        "p",
        { class: stuck ? "verdict stuck" : "verdict ok" },
        stuck
          ? `✖ Stuck: ${counted(d.stuckRoots.length, "root")} can never be rolled back; ${counted(d.stuck.length, "service")} stay down.`
          : `✔ Recovers: every root is rolled back in ${counted(d.waves.length, "wave")}.`,
      ),
      el("p", {}, `Blast radius: ${counted(d.blastRadius.length, "service")}.`),
      waves,
      stuck ? el("h3", {}, "Stuck, and why") : null,
      stuck ? reasons : null,
      stuck ? el("p", {}, "Stuck down: ", names(d.stuck)) : null,
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

/** One blocking requirement, and its witness step by step with where each step is declared (as `catch22 drill` prints it). */
function reasonItem(r: StuckReason): HTMLLIElement {
  const many = r.requirement.length > 1;
  return el(
    "li",
    {},
    el("strong", {}, r.root),
    ` cannot be rolled back: its rollback needs ${many ? `one of ${r.requirement.join(", ")}` : r.requirement[0]}, which ${many ? "are all" : "is"} down`,
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
