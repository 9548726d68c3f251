// The legend: the service looks (or the drill's, during a drill) and the edge styles, drawn as the map draws them.

import { NO_SYSTEM } from "../derive.js";
import { button, byId, el, present } from "../dom.js";
import type { Page } from "../page.js";
import { DRILL_LOOK, STATE_LOOK, symbolPath } from "../style.js";

const NS = "http://www.w3.org/2000/svg";

export function renderLegend(page: Page): void {
  const legend = byId("legend");
  const drilling = page.overlay.drillStates !== undefined;
  const item = (look: { fill: string; stroke: string; shapeName: string; label: string; dashed?: boolean }) =>
    el("li", {}, shapeIcon(look), el("span", {}, look.label));
  const nodes = drilling
    ? Object.values(DRILL_LOOK).map(item)
    : Object.entries(STATE_LOOK)
        .filter(([k]) => k !== "missing" || page.d.missingNames.length > 0)
        .map(([, l]) => item(l));
  const edges = [
    edgeIcon("runtime", "runtime requirement (needs it to run and to start)"),
    edgeIcon("rollback", "rollback requirement (needs it to roll back)"),
    edgeIcon("soft", "soft: degrades only, never propagates failure"),
    edgeIcon("anyOf", "anyOf: one of the alternatives suffices"),
    edgeIcon("highlight", "a witness path being followed"),
    ...(page.d.model.observed
      ? [
          edgeIcon("observed", "observed only: traffic shows the call, no entry declares it (hover: calls)"),
          edgeIcon("unobserved", "declared, but the observed traffic never shows it"),
        ]
      : []),
  ];
  legend.replaceChildren(
    ...present(
      el("h3", {}, drilling ? "Drill" : "Services"),
      el("ul", { class: "legend-list" }, ...nodes),
      el("h3", {}, "Edges (arrow: from the service to what it needs)"),
      el("ul", { class: "legend-list" }, ...edges),
      page.overview
        ? el("p", { class: "hint" }, "Large boxes are systems collapsed into one group node; their count is in brackets.")
        : null,
      ...domainButtons(page),
    ),
  );
}

/** Shown zones (or systems, in an estate without zones) before "and N more". */
const DOMAINS_SHOWN = 12;

/** "Fail a failure domain": a drill of each zone (SPEC §4.1), else of each system, and the cold start. */
function domainButtons(page: Page): HTMLElement[] {
  const key = page.d.zones.size > 0 ? "zone" : "system";
  const values = key === "zone" ? [...page.d.zones.keys()] : page.d.systems.filter((s) => s !== NO_SYSTEM);
  const shown = values.slice(0, DOMAINS_SHOWN);
  return [
    el("h3", {}, "Failure domains"),
    el(
      "p",
      { class: "row domains" },
      ...shown.map((v) =>
        button(`fail ${key} ${v}`, () => page.drill([`${key}=${v}`]), { class: "link", title: `drill --fail ${key}=${v}` }),
      ),
      values.length > shown.length ? el("span", { class: "hint" }, ` and ${values.length - shown.length} more`) : null,
      button("cold start", () => page.drill([], true), { class: "link", title: "drill --cold: start everything from nothing" }),
    ),
  ];
}

/** A state's shape as a small inline SVG (the legend, the details panel's heading). */
export function shapeIcon(look: { fill: string; stroke: string; shapeName: string; dashed?: boolean }): SVGSVGElement {
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "-10 -10 20 20");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(NS, "path");
  const look2 = Object.values(STATE_LOOK)
    .concat(Object.values(DRILL_LOOK))
    .find((l) => l.shapeName === look.shapeName);
  p.setAttribute("d", look2 ? symbolPath(look2, 6) : "");
  p.setAttribute("fill", look.fill);
  p.setAttribute("stroke", look.stroke);
  p.setAttribute("stroke-width", "1.3");
  if (look.dashed) p.setAttribute("stroke-dasharray", "2 2");
  svg.append(p);
  return svg;
}

function edgeIcon(kind: "runtime" | "rollback" | "soft" | "anyOf" | "highlight" | "observed" | "unobserved", label: string): HTMLLIElement {
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 40 12");
  svg.setAttribute("class", "icon wide");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(NS, "path");
  line.setAttribute("d", "M2,6L32,6");
  line.setAttribute("fill", "none");
  const color = kind === "rollback" ? "#0072B2" : kind === "highlight" ? "#D55E00" : kind === "observed" ? "#E69F00" : "#3d4a57";
  line.setAttribute("stroke", color);
  line.setAttribute("stroke-width", kind === "highlight" ? "3.5" : "1.6");
  if (kind === "rollback") line.setAttribute("stroke-dasharray", "7 4");
  if (kind === "observed") line.setAttribute("stroke-dasharray", "4 3");
  if (kind === "unobserved") {
    line.setAttribute("stroke-dasharray", "1 4");
    line.setAttribute("opacity", "0.55");
  }
  if (kind === "soft") {
    line.setAttribute("stroke-dasharray", "2 3");
    line.setAttribute("opacity", "0.45");
  }
  const head = document.createElementNS(NS, "path");
  head.setAttribute("d", "M38,6L31,2.5L31,9.5Z");
  head.setAttribute("fill", color);
  svg.append(line, head);
  if (kind === "anyOf") {
    const c = document.createElementNS(NS, "circle");
    c.setAttribute("cx", "18");
    c.setAttribute("cy", "6");
    c.setAttribute("r", "3.5");
    c.setAttribute("fill", "#fff");
    c.setAttribute("stroke", color);
    c.setAttribute("stroke-width", "1.5");
    svg.append(c);
  }
  return el("li", {}, svg, el("span", {}, label));
}
