// The status line over the map: what is drawn of the estate, what the overview and the filters hide, and how to show it.
import { count, counted } from "../../src/util/text.js";
import { button, byId, el } from "../dom.js";
import type { Page } from "../page.js";
import { ALL_KINDS } from "../state.js";

export function renderStatus(page: Page): void {
  const v = page.visible;
  const h = v.hidden;
  const status = byId("status");
  const services = page.lazy?.services ?? page.d.model.services.length;
  const drawnServices = v.nodes.filter((n) => n.kind === "service").length;
  const parts: (Node | string)[] = [];
  const drawnEdges =
    v.totalEdges - h.edgesByFilter - h.edgesByKind.runtime - h.edgesByKind.rollback - h.edgesByKind.soft - h.edgesByKind.observed;
  const groupEdges = v.edges.filter((e) => e.source.kind === "group" || e.target.kind === "group").length;
  const grouped = h.groupedEdges
    ? ` (${count(h.groupedEdges)} of them drawn as ${count(groupEdges)} edges between groups, ${count(h.internalEdges)} inside groups)`
    : "";
  if (page.lazy) parts.push(...lazyLead(page, drawnServices, groupEdges));
  else
    parts.push(
      el(
        "span",
        {},
        h.collapsedServices
          ? `${counted(drawnServices + h.collapsedServices, "service")} shown: ${count(h.collapsedServices)} inside ${counted(h.collapsedSystems, "system group")}${drawnServices ? `, ${count(drawnServices)} on their own` : ""} (of ${counted(services, "service")}); ${count(drawnEdges)} of ${counted(v.totalEdges, "edge")}${grouped}. `
          : `Showing ${count(drawnServices)} of ${counted(services, "service")}, ${count(drawnEdges)} of ${counted(v.totalEdges, "edge")}. ${page.map.mode === "canvas" ? "Canvas view: zoom in for labels. " : ""}`,
      ),
    );
  if (h.collapsedSystems && !page.lazy) {
    parts.push(el("span", {}, "Large estate: systems are collapsed; click a group to expand it. "));
    parts.push(button("Expand all", () => page.expandAll(), { class: "link" }));
  } else if (page.overview && (!page.lazy || page.state.expanded === null || page.state.expanded.size > 0)) {
    parts.push(
      button(
        "Collapse systems",
        () => {
          page.state.expanded = new Set();
          void page.rebuild(true);
        },
        { class: "link" },
      ),
    );
  }
  // What the user points at (a followed finding, a selected service) must never vanish silently.
  const f = page.currentFinding();
  const wanted = new Set<string>(f ? [...f.services, ...f.path.flatMap((st) => [st.from, st.to])] : []);
  if (page.state.selected) wanted.add(page.state.selected);
  const unseen = [...wanted].filter((n) => page.systemOf(n) !== undefined && !v.nodeOf.has(n)).sort();
  if (unseen.length > 0) {
    const what = f ? "The finding you follow" : "The selected service";
    parts.push(
      el(
        "span",
        { class: "hidden-focus" },
        ` ${what} is hidden by the filters (${unseen.slice(0, 4).join(", ")}${unseen.length > 4 ? ", …" : ""}). `,
      ),
    );
    if (!(h.services || h.edgesByFilter)) parts.push(button("Clear filters", () => page.clearFilters(), { class: "link" }));
  }
  if (h.services || h.edgesByFilter) {
    parts.push(el("span", {}, ` Hidden by filters: ${counted(h.services, "service")} and their ${counted(h.edgesByFilter, "edge")}. `));
    parts.push(button("Clear filters", () => page.clearFilters(), { class: "link" }));
  }
  const kinds = ALL_KINDS.filter((k) => h.edgesByKind[k] > 0);
  if (kinds.length) {
    parts.push(el("span", {}, ` Hidden edges: ${kinds.map((k) => `${count(h.edgesByKind[k])} ${k}`).join(", ")}. `));
    parts.push(
      button(
        "Show all edges",
        () => {
          page.state.filters.kinds = new Set(ALL_KINDS);
          void page.rebuild(false);
        },
        { class: "link" },
      ),
    );
  }
  status.replaceChildren(...parts);
  byId("expand-all").hidden = !h.collapsedSystems;
}

/**
 * A large estate's first words: how many services in how many systems, that edges between systems are
 * aggregated, and how to see them (expand a system); while a drill waits for every service, it says so.
 */
function lazyLead(page: Page, drawnServices: number, groupEdges: number): (Node | string)[] {
  const lazy = page.lazy;
  const v = page.visible;
  const h = v.hidden;
  if (!lazy) return [];
  const systems = lazy.overview.systems.length;
  const exp = page.state.expanded;
  const only = page.state.filters.systems;
  const expanded = lazy.overview.systems.filter(
    (s) => (exp === null || exp.has(s.name)) && lazy.loaded(s.name) && (only.size === 0 || only.has(s.name)),
  ).length;
  const out: (Node | string)[] = [
    el(
      "span",
      { class: "aggregated" },
      `${counted(lazy.services, "service")} in ${counted(systems, "system")}; edges between systems are aggregated — click a system to expand it and see its services${page.map.mode === "canvas" ? " (zoom in for labels)" : ""}. `,
    ),
    el(
      "span",
      {},
      `${counted(h.collapsedSystems, "system")} collapsed${expanded > 0 ? `, ${count(drawnServices)} services of ${counted(expanded, "expanded system")} drawn` : ""}; ${count(h.groupedEdges)} of ${counted(v.totalEdges, "edge")} drawn as ${count(groupEdges)} between groups (${count(h.internalEdges)} inside them). `,
    ),
  ];
  if (page.state.filters.owners.size || page.state.filters.findings !== "all")
    out.push(
      el(
        "span",
        {},
        "Owner and findings filters: a collapsed system counts its matching services (one with none is hidden); edges between collapsed systems are counted over all their services. ",
      ),
    );
  if (page.state.drill && !lazy.full) out.push(el("span", { class: "loading" }, "Loading every service for the drill… "));
  if (h.collapsedSystems)
    out.push(
      button("Expand all (loads every service)", () => page.expandAll(), { class: "link" }),
      " ",
    );
  return out;
}
