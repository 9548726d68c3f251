// The findings list: errors, then warnings, then the info findings in one collapsed entry with their count; a finding click follows its path.
import { bySeverity } from "../../src/model/severity.js";
import type { ViewFinding } from "../../src/report/view-model.js";
import { chain, counted, MARK } from "../../src/util/text.js";
import { byId, el } from "../dom.js";
import type { Page } from "../page.js";

/** The info group's filler and members, for a selection made elsewhere (the map, a details link). */
let fillInfo: () => void = () => {};
let infoPrints = new Set<string>();

export function renderFindings(page: Page): void {
  fillInfo = () => {};
  infoPrints = new Set();
  const list = byId("finding-list");
  list.replaceChildren();
  const findings = page.d.model.findings;
  if (findings.length === 0) {
    list.append(
      el("li", { class: "none" }, "No findings: every declared rollback can run when its service fails, and everything can cold-start."),
    );
    return;
  }
  // Errors first, then warnings (each in the report's order); info findings (rollback-undeclared
  // notes, often most of a large estate's) in one collapsed entry, so the catch-22s lead.
  const ordered = findings.map((f, i) => [f, i] as const).sort((a, b) => bySeverity(a[0].severity, b[0].severity) || a[1] - b[1]);
  const info: ViewFinding[] = [];
  for (const [f] of ordered) {
    if (f.severity === "info") info.push(f);
    else list.append(findingItem(page, f));
  }
  if (info.length > 0) {
    const rules = [...new Set(info.map((f) => f.rule))];
    const inner = el("ol", { class: "finding-list" });
    const summary = el(
      "summary",
      {},
      el("span", { class: "sev", "aria-label": "info" }, MARK.info),
      ` ${counted(info.length, "info finding")} `,
      el("span", { class: "rule" }, rules.join(", ")),
    );
    const group = el("details", { class: "info-group" }, summary, inner);
    // Filled when first opened: a large estate has thousands of notes nobody opens.
    let filled = false;
    fillInfo = () => {
      if (filled) return;
      filled = true;
      inner.append(...info.map((f) => findingItem(page, f)));
    };
    infoPrints = new Set(info.map((f) => f.fingerprint));
    group.addEventListener("toggle", () => {
      if (group.open) {
        fillInfo();
        renderFindingSelection(page);
      }
    });
    list.append(el("li", { class: "info-group-item" }, group));
  }
  renderFindingSelection(page);
}

function findingItem(page: Page, f: ViewFinding): HTMLLIElement {
  const b = el(
    "button",
    { type: "button", class: `finding ${f.severity}`, "data-fingerprint": f.fingerprint, "aria-pressed": "false" },
    el("span", { class: "sev", "aria-label": f.severity }, MARK[f.severity]),
    el("span", { class: "rule" }, f.rule),
    el("span", { class: "msg" }, f.message),
    f.path.length ? el("span", { class: "chain" }, chain(f.path)) : null,
    f.impacted.length
      ? el(
          "span",
          { class: "impacted" },
          `impacted: ${f.impacted.length > 8 ? `${f.impacted.slice(0, 8).join(", ")} and ${f.impacted.length - 8} more` : f.impacted.join(", ")}`,
        )
      : null,
  );
  b.addEventListener("click", () => page.highlightFinding(page.state.finding === f.fingerprint ? null : f.fingerprint));
  return el("li", {}, b);
}

/** Marks the followed finding's button as pressed, opening the info group when it is inside. */
export function renderFindingSelection(page: Page): void {
  if (page.state.finding !== null && infoPrints.has(page.state.finding)) {
    fillInfo();
    const group = document.querySelector("details.info-group");
    if (group instanceof HTMLDetailsElement) group.open = true;
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("button.finding")) {
    const on = b.dataset.fingerprint === page.state.finding;
    b.setAttribute("aria-pressed", String(on));
    b.classList.toggle("active", on);
  }
}
