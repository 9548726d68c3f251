// The details panel: the selected service's facts, requirements, dependents and findings, and the button that drills it.
import { serviceFactLines } from "../../src/model/facts.js";
import type { ViewEntry, ViewFinding } from "../../src/report/view-model.js";
import { formatWhere, MARK } from "../../src/util/text.js";
import { NO_SYSTEM } from "../derive.js";
import { button, byId, el, present } from "../dom.js";
import type { Page } from "../page.js";
import { STATE_LOOK } from "../style.js";
import { MAX_LIST, nameLink } from "./common.js";
import { shapeIcon } from "./legend.js";

export function renderDetails(page: Page): void {
  const panel = byId("details");
  const name = page.state.selected;
  const s = name ? page.d.byName.get(name) : undefined;
  if (!s) {
    panel.replaceChildren(
      el("h2", {}, "Details"),
      el(
        "p",
        { class: "hint" },
        "Click a service (or search for one) to see its requirements, its dependents and its findings, and to drill its failure.",
      ),
    );
    return;
  }
  const state = page.d.state.get(s.name) ?? "clean";
  const look = STATE_LOOK[state];
  const facts = el("dl", { class: "facts" });
  const fact = (k: string, v: string | undefined) => {
    if (v === undefined || v === "") return;
    facts.append(el("dt", {}, k), el("dd", {}, v));
  };
  // Every service fact the table defines (src/model/facts.ts), in its display order, as `check` names them.
  for (const line of serviceFactLines(s)) fact(line.label.charAt(0).toUpperCase() + line.label.slice(1), line.text);
  fact("Declared at", s.declared.map(formatWhere).join(", "));
  const entryList = (entries: ViewEntry[], empty: string) =>
    entries.length === 0
      ? el("p", { class: "hint" }, empty)
      : el(
          "ul",
          { class: "reqs" },
          ...entries.map((e) =>
            el(
              "li",
              {},
              ...e.names.flatMap((n, i) => [i > 0 ? " or " : "", nameLink(page, n)]),
              e.anyOf ? el("span", { class: "tag" }, "anyOf") : null,
              e.soft ? el("span", { class: "tag" }, "soft") : null,
              e.note ? el("span", { class: "note" }, e.note) : null,
            ),
          ),
        );
  const deps = page.d.dependents.get(s.name) ?? [];
  const depList = (kind: "runtime" | "rollback") => {
    const ds = deps.filter((e) => e.kind === kind);
    return ds.length === 0
      ? el("p", { class: "hint" }, "none")
      : el(
          "ul",
          { class: "reqs" },
          ...ds.slice(0, MAX_LIST).map((e) => el("li", {}, nameLink(page, e.from), e.soft ? el("span", { class: "tag" }, "soft") : null)),
          ds.length > MAX_LIST ? el("li", {}, `and ${ds.length - MAX_LIST} more`) : null,
        );
  };
  const own = (page.d.findingsOf.get(s.name) ?? []).map((i) => page.d.model.findings[i] as ViewFinding);
  const system = s.system ?? NO_SYSTEM;
  panel.replaceChildren(
    ...present(
      el("h2", {}, "Details"),
      el("h3", { class: "svc-name" }, shapeIcon(look), el("span", {}, s.name)),
      el("p", { class: `state ${state}` }, look.label),
      facts,
      button("Drill: fail this service", () => page.drill([s.name]), {
        id: "drill-this",
        class: "primary",
        title: "Simulate a bad change to this service (d)",
      }),
      el("h4", {}, "Runtime requirements"),
      entryList(s.runtime, "needs nothing to run"),
      el("h4", {}, "Rollback requirements"),
      s.rollbackDeclared
        ? entryList(s.rollback, "needs nothing to roll back")
        : el("p", { class: "hint" }, "not declared: its recovery is unknown"),
      el("h4", {}, "Needed at runtime by"),
      depList("runtime"),
      el("h4", {}, "Needed for rollback by"),
      depList("rollback"),
      el("h4", {}, "Findings"),
      own.length
        ? el(
            "ul",
            { class: "reqs" },
            ...own.map((f) =>
              el(
                "li",
                {},
                button(`${MARK[f.severity]} ${f.message}`, () => page.highlightFinding(f.fingerprint), { class: "link" }),
              ),
            ),
          )
        : el("p", { class: "hint" }, "none"),
      page.state.expanded && page.overview
        ? button(
            `Collapse system ${system}`,
            () => {
              page.state.expanded?.delete(system);
              page.state.selected = null;
              void page.rebuild(false);
            },
            { class: "link" },
          )
        : null,
    ),
  );
}
