// The controls: filters, layout, fit, expand, export and help buttons, the step bar's buttons and the keyboard shortcuts.
import type { EdgeClass } from "./derive.js";
import { byId, el } from "./dom.js";
import { download, toPng, toSvg } from "./export.js";
import type { Page } from "./page.js";
import { wireSearch } from "./panels/search.js";
import type { MapCallbacks } from "./scene.js";
import { ALL_KINDS, type UiState } from "./state.js";

/**
 * The drift controls (SPEC §7): an "observed only" edge checkbox and a "drift" services filter, made here (not
 * in the page's HTML, so pages without observed traffic stay as they were) and hidden until an analysis has it.
 */
function makeDriftControls(): void {
  if (document.getElementById("kind-observed")) return;
  const box = el("input", { type: "checkbox", id: "kind-observed" }) as HTMLInputElement;
  box.checked = true;
  const label = el("label", { id: "kind-observed-label" }, box, " observed only");
  label.hidden = true;
  byId("kind-soft").closest("fieldset")?.append(label);
  const drift = el(
    "option",
    { value: "drift", id: "filter-drift" },
    "only where traffic and manifests disagree (drift)",
  ) as HTMLOptionElement;
  drift.hidden = true;
  byId<HTMLSelectElement>("filter-findings").append(drift);
}

function driftControls(page: Page): void {
  makeDriftControls();
  const has = page.d?.model.observed !== undefined;
  byId("kind-observed-label").hidden = !has;
  byId("filter-drift").hidden = !has;
}

/** The systems and owners the filters offer, from the estate. */
export function fillFilterOptions(page: Page): void {
  driftControls(page);
  const fill = (id: string, values: string[], chosen: Set<string>) => {
    const sel = byId<HTMLSelectElement>(id);
    sel.replaceChildren(
      ...values.map((v) => {
        const o = el("option", { value: v }, v);
        o.selected = chosen.has(v);
        return o;
      }),
    );
  };
  fill("filter-system", page.d.systems, page.state.filters.systems);
  fill("filter-owner", page.d.owners, page.state.filters.owners);
}

/** The controls made to show the state (after a hash change or a rebuild). */
export function syncControls(page: Page): void {
  driftControls(page);
  const f = page.state.filters;
  for (const k of ALL_KINDS) byId<HTMLInputElement>(`kind-${k}`).checked = f.kinds.has(k);
  byId<HTMLSelectElement>("filter-findings").value = f.findings;
  for (const [id, set] of [
    ["filter-system", f.systems],
    ["filter-owner", f.owners],
  ] as const) {
    for (const o of byId<HTMLSelectElement>(id).options) o.selected = set.has(o.value);
  }
  byId("layout-toggle").textContent = page.state.layout === "force" ? "Layered layout" : "Force layout";
  const input = byId<HTMLInputElement>("search");
  if (input.value !== page.state.query) input.value = page.state.query;
}

export function wireControls(page: Page, paint: Pick<MapCallbacks, "nodePaint" | "edgePaint">): void {
  makeDriftControls();
  wireSearch(page);
  byId("layout-toggle").addEventListener("click", () => {
    page.state.layout = page.state.layout === "force" ? "layered" : "force";
    void page.rebuild(true);
  });
  byId("fit").addEventListener("click", () => page.map.fit());
  // The side panels fold away so the map takes the room (a 1024-pixel screen leaves it ~385 px otherwise).
  for (const side of ["left", "right"] as const) {
    const toggle = byId(`toggle-${side}`);
    toggle.addEventListener("click", () => {
      const layout = document.querySelector("main.layout");
      const collapsed = !layout?.classList.contains(`${side}-collapsed`);
      layout?.classList.toggle(`${side}-collapsed`, collapsed);
      toggle.setAttribute("aria-expanded", String(!collapsed));
      page.map.resize();
      // The layered layout and the grid are fitted to the map's size: a wider map gets a new one.
      if (page.layoutFollowsSize()) void page.rebuild(true);
      else page.map.fit();
    });
  }
  byId("expand-all").addEventListener("click", () => page.expandAll());
  byId("export-svg").addEventListener("click", () => {
    download("catch22-map.svg", new Blob([toSvg(page.visible, paint, "catch22 dependency map")], { type: "image/svg+xml" }));
  });
  byId("export-png").addEventListener("click", () => {
    void toPng(page.visible, paint).then((blob) => blob && download("catch22-map.png", blob));
  });
  const help = byId("help");
  const toggleHelp = () => {
    help.hidden = !help.hidden;
    byId("help-toggle").setAttribute("aria-expanded", String(!help.hidden));
  };
  byId("help-toggle").addEventListener("click", toggleHelp);
  byId("step-prev").addEventListener("click", () => page.step(-1));
  byId("step-next").addEventListener("click", () => page.step(1));
  byId("step-close").addEventListener("click", () => page.escape());
  for (const k of ALL_KINDS) {
    byId<HTMLInputElement>(`kind-${k}`).addEventListener("change", (ev) => {
      const on = (ev.target as HTMLInputElement).checked;
      if (on) page.state.filters.kinds.add(k as EdgeClass);
      else page.state.filters.kinds.delete(k as EdgeClass);
      void page.rebuild(false);
    });
  }
  const multi = (id: string, key: "systems" | "owners") =>
    byId<HTMLSelectElement>(id).addEventListener("change", (ev) => {
      page.state.filters[key] = new Set([...(ev.target as HTMLSelectElement).selectedOptions].map((o) => o.value));
      void page.rebuild(true);
    });
  multi("filter-system", "systems");
  multi("filter-owner", "owners");
  byId<HTMLSelectElement>("filter-findings").addEventListener("change", (ev) => {
    page.state.filters.findings = (ev.target as HTMLSelectElement).value as UiState["filters"]["findings"];
    void page.rebuild(true);
  });
  byId("clear-filters").addEventListener("click", () => page.clearFilters());
  document.addEventListener("keydown", (ev) => {
    const t = ev.target as HTMLElement;
    const typing = t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA";
    if (ev.key === "Escape") {
      if (!help.hidden) toggleHelp();
      else page.escape();
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const actions: Record<string, () => void> = {
      "/": () => byId<HTMLInputElement>("search").focus(),
      "[": () => page.step(-1),
      "]": () => page.step(1),
      f: () => page.map.fit(),
      l: () => byId("layout-toggle").click(),
      "<": () => byId("toggle-left").click(),
      ">": () => byId("toggle-right").click(),
      d: () => page.state.selected && page.drill([page.state.selected]),
      "+": () => page.map.zoomBy(1.4),
      "=": () => page.map.zoomBy(1.4),
      "-": () => page.map.zoomBy(1 / 1.4),
      "?": toggleHelp,
    };
    const act = actions[ev.key];
    if (act) {
      ev.preventDefault();
      act();
    }
  });
}
