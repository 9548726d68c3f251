// The map's SVG renderer (small views, every node a focusable element): the surface, the elements, their positions and paint.
import { drag } from "d3-drag";
import { select } from "d3-selection";
import { arrow } from "../src/util/text.js";
import type { VEdge, Visible, VNode } from "./derive.js";
import type { MapCallbacks } from "./scene.js";
import { arrowPath, EDGE_LOOK, edgeGeom, edgeLook, edgePath, nodeLabel, symbolPath } from "./style.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** The `<svg>` surface with its background (clicks on it reach `onBackgroundClick`) and the viewport that zoom moves. */
export function buildSvg(onBackgroundClick: () => void): { svg: SVGSVGElement; viewport: SVGGElement } {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "map");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "Dependency map: services and their requirements");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", "100%");
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("class", "bg");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.addEventListener("click", onBackgroundClick);
  svg.append(bg);
  const viewport = document.createElementNS(SVG_NS, "g");
  viewport.setAttribute("class", "viewport");
  svg.append(viewport);
  return { svg, viewport };
}

/** One element per node and edge; a node dragged moves (`moved` after each step, `ended` at the end). */
export function drawSvg(vp: SVGGElement, v: Visible, cb: Pick<MapCallbacks, "onNodeClick">, moved: () => void, ended: () => void): void {
  vp.replaceChildren();
  const edges = document.createElementNS(SVG_NS, "g");
  edges.setAttribute("class", "edges");
  const nodes = document.createElementNS(SVG_NS, "g");
  nodes.setAttribute("class", "nodes");
  vp.append(edges, nodes);
  const eSel = select(edges)
    .selectAll<SVGGElement, VEdge>("g.edge")
    .data(v.edges, (d) => d.key)
    .join("g")
    .attr("class", (d) => `edge ${d.kind}${d.soft ? " soft" : ""}${d.anyOf ? " anyof" : ""}`)
    .attr("data-from", (d) => d.source.id)
    .attr("data-to", (d) => d.target.id)
    .attr("data-kind", (d) => d.kind);
  eSel.append("path").attr("class", "line");
  eSel.append("path").attr("class", "head");
  eSel
    .filter((d) => d.anyOf)
    .append("circle")
    .attr("class", "anyof-mark")
    .attr("r", 3.5);
  eSel.append("title").text((d) => edgeTitle(d));
  const nSel = select(nodes)
    .selectAll<SVGGElement, VNode>("g.node")
    .data(v.nodes, (d) => d.id)
    .join("g")
    .attr("class", (d) => `node ${d.kind}`)
    .attr("data-id", (d) => d.id)
    .attr("data-state", (d) => d.state)
    .attr("tabindex", 0)
    .attr("role", "button")
    .attr("aria-label", (d) => `${nodeLabel(d)}: ${d.kind === "group" ? "system, press Enter to expand" : d.state}`)
    .on("click", (ev: MouseEvent, d) => {
      ev.stopPropagation();
      cb.onNodeClick(d);
    })
    .on("keydown", (ev: KeyboardEvent, d) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        cb.onNodeClick(d);
      }
    });
  nSel.append("path").attr("class", "shape");
  nSel
    .append("text")
    .attr("class", "label")
    .attr("dy", (d) => d.r + 13)
    .text((d) => nodeLabel(d));
  nSel.append("title").text((d) => nodeLabel(d));
  nSel.call(
    drag<SVGGElement, VNode>()
      .on("drag", (ev: { dx: number; dy: number }, d) => {
        d.x += ev.dx;
        d.y += ev.dy;
        moved();
      })
      .on("end", ended),
  );
  positionSvg(vp);
}

export function positionSvg(vp: SVGGElement): void {
  select(vp)
    .selectAll<SVGGElement, VNode>("g.node")
    .attr("transform", (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`);
  select(vp)
    .selectAll<SVGGElement, VEdge>("g.edge")
    .each(function (d) {
      const g = edgeGeom(d);
      const el = select(this);
      el.select("path.line").attr("d", edgePath(g));
      el.select("path.head").attr("d", arrowPath(g, 7 + Math.min(4, d.count > 1 ? Math.log2(d.count) : 0)));
      el.select("circle.anyof-mark").attr("cx", g.mx).attr("cy", g.my);
      el.select("text.count")
        .attr("x", g.mx)
        .attr("y", g.my - 4);
    });
}

/** Colours, shapes and dimming (selection, highlight, drill) on the drawn elements. */
export function paintSvg(vp: SVGGElement, cb: Pick<MapCallbacks, "nodePaint" | "edgePaint">): void {
  select(vp)
    .selectAll<SVGGElement, VNode>("g.node")
    .each(function (d) {
      const p = cb.nodePaint(d);
      const el = select(this);
      el.attr("opacity", p.opacity)
        .classed("dim", p.opacity < 1)
        .classed("highlighted", p.highlighted)
        .classed("selected", p.selected)
        .attr("data-look", p.look.shapeName);
      el.select("path.shape")
        .attr("d", symbolPath(p.look, d.r))
        .attr("fill", p.look.fill)
        .attr("stroke", p.selected ? "#000" : p.look.stroke)
        .attr("stroke-width", p.selected ? 3 : p.highlighted ? 2.2 : 1.3)
        .attr("stroke-dasharray", p.look.dashed ? "2 2" : null);
    });
  select(vp)
    .selectAll<SVGGElement, VEdge>("g.edge")
    .each(function (d) {
      const p = cb.edgePaint(d);
      const look = edgeLook(d);
      const color = p.highlighted ? EDGE_LOOK.highlight : look.stroke;
      const el = select(this).attr("opacity", p.opacity).classed("highlighted", p.highlighted).classed("current", p.current);
      el.select("path.line")
        .attr("stroke", color)
        .attr("stroke-width", p.highlighted ? look.width + (p.current ? 3.5 : 2) : look.width)
        .attr("stroke-dasharray", look.dash || null)
        .attr("fill", "none");
      el.select("path.head").attr("fill", color);
      el.select("circle.anyof-mark").attr("stroke", color);
    });
}

export function edgeTitle(d: VEdge): string {
  if (d.observed) {
    const calls =
      d.calls === null || d.calls === undefined ? "calls seen" : `${d.calls.toLocaleString("en-US")} ${d.calls === 1 ? "call" : "calls"}`;
    return `${d.source.label} → ${d.target.label}: observed only, not declared — ${calls} in ${(d.observedIn ?? []).join(", ")}`;
  }
  if (d.unobserved) return `${d.source.label} → ${d.target.label}: declared hard runtime requirement that the observed traffic never shows`;
  const kind = `${d.soft ? "soft " : ""}${d.kind}${d.anyOf ? " (anyOf: one alternative suffices)" : ""}`;
  const count = d.count > 1 ? ` — ${d.count} declared edges` : "";
  const api = d.api ? ` — through ${d.api}` : "";
  return `${d.source.label} ${arrow(d.kind)} ${d.target.label}: ${kind}${api}${count}${d.note ? ` — ${d.note}` : ""}`;
}
