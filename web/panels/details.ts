// The details panel: the selected service's facts, requirements, dependents and findings, and the buttons that drill it, its zone or its system.
import { serviceFactLines } from "../../src/model/facts.js";
import type { ViewEntry, ViewFinding } from "../../src/report/view-model.js";
import { formatWhere, MARK } from "../../src/util/text.js";
import { NO_SYSTEM } from "../derive.js";
import { button, byId, el, present } from "../dom.js";
import type { Page } from "../page.js";
import { STATE_LOOK } from "../style.js";
import { apiUses } from "./apis.js";
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
  // Failure domains: the drill of everything that shares this zone or system (SPEC §4.1).
  const domains = (["zone", "system"] as const).flatMap((key) => {
    const value = s[key];
    return value === undefined
      ? []
      : [button(`Drill: fail ${key} ${value}`, () => page.drill([`${key}=${value}`]), { class: "link", title: `--fail ${key}=${value}` })];
  });
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
              // An api entry (SPEC §8) lists its providers; with none, it says so (an api-unprovided finding).
              e.api !== undefined ? el("span", { class: "tag api" }, e.api) : null,
              e.api !== undefined && e.names.length === 0 ? el("span", { class: "hint" }, "no provider") : null,
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
  // The APIs it provides (SPEC §8), each with the services whose api entries name it.
  const uses = s.provides && s.provides.length > 0 ? apiUses(page.d.model) : undefined;
  const provided = (s.provides ?? []).map((p) => {
    const consumers = uses?.get(p.api)?.consumers.filter((c) => c.service !== s.name) ?? [];
    return el(
      "li",
      {},
      el("span", { class: "tag api" }, p.api),
      ` ${p.versions ? p.versions.join(", ") : "any version"}`,
      consumers.length === 0
        ? el("span", { class: "hint" }, " · no consumer")
        : el(
            "span",
            {},
            " · consumed by ",
            ...consumers
              .slice(0, MAX_LIST)
              .flatMap((c, i) => [i > 0 ? ", " : "", nameLink(page, c.service), c.ref === p.api ? "" : ` (${c.ref})`]),
            consumers.length > MAX_LIST ? ` and ${consumers.length - MAX_LIST} more` : "",
          ),
    );
  });
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
      domains.length ? el("p", { class: "row" }, ...domains) : null,
      provided.length > 0 ? el("h4", {}, "APIs provided") : null,
      provided.length > 0 ? el("ul", { class: "reqs" }, ...provided) : null,
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
