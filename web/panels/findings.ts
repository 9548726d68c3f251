// The findings list: errors, then warnings, then info (the first 20, the rest behind a button); a finding click follows its path.
import { bySeverity } from "../../src/model/severity.js";
import type { ViewFinding } from "../../src/report/view-model.js";
import { chain, counted, MARK } from "../../src/util/text.js";
import { button, byId, el } from "../dom.js";
import type { Page } from "../page.js";

const SHOWN_INFO = 20;

export function renderFindings(page: Page): void {
  const list = byId("finding-list");
  list.replaceChildren();
  const findings = page.d.model.findings;
  if (findings.length === 0) {
    list.append(
      el("li", { class: "none" }, "No findings: every declared rollback can run when its service fails, and everything can cold-start."),
    );
    return;
  }
  let shownInfo = 0;
  const hiddenInfo: ViewFinding[] = [];
  // Errors first, then warnings, then info (each in the report's order).
  const ordered = findings.map((f, i) => [f, i] as const).sort((a, b) => bySeverity(a[0].severity, b[0].severity) || a[1] - b[1]);
  for (const [f] of ordered) {
    if (f.severity === "info" && shownInfo >= SHOWN_INFO) {
      hiddenInfo.push(f);
      continue;
    }
    if (f.severity === "info") shownInfo++;
    list.append(findingItem(page, f));
  }
  if (hiddenInfo.length) {
    const more = button(`Show ${counted(hiddenInfo.length, "more info finding")}`, () => {
      more.parentElement?.remove();
      for (const f of hiddenInfo) list.append(findingItem(page, f));
      renderFindingSelection(page);
    });
    list.append(el("li", { class: "more" }, more));
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

/** Marks the followed finding's button as pressed. */
export function renderFindingSelection(page: Page): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>("button.finding")) {
    const on = b.dataset.fingerprint === page.state.finding;
    b.setAttribute("aria-pressed", String(on));
    b.classList.toggle("active", on);
  }
}
