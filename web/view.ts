// The map: SVG for small views (every node a focusable element), canvas past a few hundred visible services
// (quadtree hit-testing, labels by zoom level). Both draw the same geometry, with zoom, pan, drag and fit.

import { drag } from "d3-drag";
import { type Quadtree, quadtree } from "d3-quadtree";
import { type Selection, select } from "d3-selection";
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from "d3-zoom";
import "d3-transition";
import type { VEdge, Visible, VNode } from "./derive.js";
import { arrowPath, EDGE_LOOK, edgeGeom, edgeLook, edgePath, nodeLabel, type Paint, symbolPath } from "./style.js";

export const CANVAS_ABOVE = 300;
const SVG_NS = "http://www.w3.org/2000/svg";

export interface EdgePaint {
  opacity: number;
  highlighted: boolean;
  current: boolean;
}

export interface MapCallbacks {
  nodePaint(n: VNode): Paint;
  edgePaint(e: VEdge): EdgePaint;
  onNodeClick(n: VNode): void;
  onBackgroundClick(): void;
  onZoom(): void;
}

export class MapView {
  mode: "svg" | "canvas" = "svg";
  visible: Visible | undefined;
  transform: ZoomTransform = zoomIdentity;
  private svg?: SVGSVGElement;
  private viewport?: SVGGElement;
  private canvas?: HTMLCanvasElement;
  private tree?: Quadtree<VNode>;
  private zoomer: ZoomBehavior<Element, unknown>;
  private frame = 0;
  /** Set when the user drags a node: background layout refinements stop moving things. */
  dragged = false;
  private surface?: Element;

  constructor(
    private readonly host: HTMLElement,
    private readonly cb: MapCallbacks,
  ) {
    this.zoomer = zoom<Element, unknown>()
      .scaleExtent([0.02, 8])
      .on("zoom", (ev: { transform: ZoomTransform }) => {
        this.transform = ev.transform;
        if (this.mode === "svg") this.viewport?.setAttribute("transform", ev.transform.toString());
        else this.schedule();
        this.updateLabelVisibility();
        this.cb.onZoom();
      });
  }

  get size(): { width: number; height: number } {
    return { width: this.host.clientWidth || 800, height: this.host.clientHeight || 600 };
  }

  /** Draws a new visible graph (after a layout, a filter, an expansion). */
  setGraph(v: Visible): void {
    this.visible = v;
    this.dragged = false;
    const want = v.nodes.length > CANVAS_ABOVE ? "canvas" : "svg";
    if (want !== this.mode || !this.surface) this.build(want);
    this.tree = nodeTree(v.nodes);
    if (this.mode === "svg") this.drawSvg();
    this.paint();
  }

  private build(mode: "svg" | "canvas"): void {
    this.mode = mode;
    this.host.replaceChildren();
    const { width, height } = this.size;
    if (mode === "svg") {
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
      bg.addEventListener("click", () => this.cb.onBackgroundClick());
      svg.append(bg);
      this.viewport = document.createElementNS(SVG_NS, "g");
      this.viewport.setAttribute("class", "viewport");
      svg.append(this.viewport);
      this.host.append(svg);
      this.svg = svg;
      this.canvas = undefined;
      this.surface = svg;
    } else {
      const canvas = document.createElement("canvas");
      canvas.className = "map";
      canvas.setAttribute("role", "img");
      canvas.setAttribute(
        "aria-label",
        "Dependency map (canvas): use search, the findings list or the details panel to reach services from the keyboard",
      );
      canvas.tabIndex = 0;
      this.host.append(canvas);
      this.resizeCanvas(width, height);
      this.canvas = canvas;
      this.svg = undefined;
      this.viewport = undefined;
      this.surface = canvas;
      const find = (ev: { sourceEvent?: MouseEvent; x?: number; y?: number } | MouseEvent) => {
        const me = (ev as { sourceEvent?: MouseEvent }).sourceEvent ?? (ev as MouseEvent);
        const rect = canvas.getBoundingClientRect();
        const [x, y] = this.transform.invert([me.clientX - rect.left, me.clientY - rect.top]);
        const hit = this.tree?.find(x, y, 24 / Math.max(this.transform.k, 0.3));
        return hit && Math.hypot(hit.x - x, hit.y - y) <= hit.r + 8 / this.transform.k ? hit : undefined;
      };
      select(canvas as Element).call(
        drag<Element, unknown, VNode | undefined>()
          .subject((ev) => find(ev))
          .on("drag", (ev: { subject: VNode; dx: number; dy: number }) => {
            this.dragged = true;
            ev.subject.x += ev.dx / this.transform.k;
            ev.subject.y += ev.dy / this.transform.k;
            this.schedule();
          })
          .on("end", () => {
            if (this.visible) this.tree = nodeTree(this.visible.nodes);
          }),
      );
      canvas.addEventListener("click", (ev) => {
        const hit = find(ev);
        if (hit) this.cb.onNodeClick(hit);
        else this.cb.onBackgroundClick();
      });
      canvas.addEventListener("mousemove", (ev) => {
        const hit = find(ev);
        canvas.style.cursor = hit ? "pointer" : "grab";
        canvas.title = hit ? nodeLabel(hit) : "";
      });
    }
    select(this.surface as Element)
      .call(this.zoomer)
      .on("dblclick.zoom", null);
  }

  private resizeCanvas(width: number, height: number): void {
    const canvas = this.canvas ?? (this.host.querySelector("canvas") as HTMLCanvasElement);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }

  resize(): void {
    if (this.mode === "canvas" && this.canvas) {
      const { width, height } = this.size;
      this.resizeCanvas(width, height);
      this.schedule();
    }
  }

  private drawSvg(): void {
    const v = this.visible as Visible;
    const vp = this.viewport as SVGGElement;
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
        this.cb.onNodeClick(d);
      })
      .on("keydown", (ev: KeyboardEvent, d) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          this.cb.onNodeClick(d);
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
          this.dragged = true;
          d.x += ev.dx;
          d.y += ev.dy;
          this.positionSvg();
        })
        .on("end", () => {
          if (this.visible) this.tree = nodeTree(this.visible.nodes);
        }),
    );
    this.positionSvg();
  }

  /** The layout moved (a refinement): redraw positions, keep everything else. */
  updatePositions(): void {
    if (!this.visible) return;
    this.tree = nodeTree(this.visible.nodes);
    if (this.mode === "svg") this.positionSvg();
    else this.schedule();
  }

  private positionSvg(): void {
    if (!this.viewport) return;
    select(this.viewport)
      .selectAll<SVGGElement, VNode>("g.node")
      .attr("transform", (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`);
    select(this.viewport)
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

  /** Re-applies colours, shapes and dimming (selection, highlight, drill) without a new layout. */
  paint(): void {
    if (this.mode === "canvas") {
      this.schedule();
      return;
    }
    if (!this.viewport) return;
    const cb = this.cb;
    select(this.viewport)
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
    select(this.viewport)
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
    this.updateLabelVisibility();
  }

  private updateLabelVisibility(): void {
    if (this.mode !== "svg" || !this.svg || !this.visible) return;
    const few = this.visible.nodes.length <= 120;
    this.svg.classList.toggle("labels-all", few || this.transform.k >= 0.75);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawCanvas();
    });
  }

  /** Draws the canvas now (the first render, so readiness means pixels). */
  drawNow(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.mode === "canvas") this.drawCanvas();
  }

  private drawCanvas(): void {
    const canvas = this.canvas;
    const v = this.visible;
    if (!canvas || !v) return;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * this.transform.k, 0, 0, dpr * this.transform.k, dpr * this.transform.x, dpr * this.transform.y);
    drawScene(ctx, v, this.cb, this.transform.k, this.viewBox());
  }

  /** The visible part of the layout, in layout coordinates. */
  private viewBox(): [number, number, number, number] {
    const { width, height } = this.size;
    const [x0, y0] = this.transform.invert([0, 0]);
    const [x1, y1] = this.transform.invert([width, height]);
    return [x0, y0, x1, y1];
  }

  bounds(ids?: Set<string>): [number, number, number, number] | undefined {
    const v = this.visible;
    if (!v || v.nodes.length === 0) return undefined;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const n of v.nodes) {
      if (ids && !ids.has(n.id)) continue;
      x0 = Math.min(x0, n.x - n.r);
      y0 = Math.min(y0, n.y - n.r);
      x1 = Math.max(x1, n.x + n.r);
      y1 = Math.max(y1, n.y + n.r + 16);
    }
    return Number.isFinite(x0) ? [x0, y0, x1, y1] : undefined;
  }

  /** Fits everything (or the given nodes) in the window. */
  fit(ids?: Set<string>, animate = true): void {
    const b = this.bounds(ids);
    if (!b || !this.surface) return;
    const { width, height } = this.size;
    const pad = 70;
    // Room at the bottom for the step bar when fitting a highlight.
    const bottom = ids ? 120 : 0;
    const w = Math.max(b[2] - b[0], 1);
    const h = Math.max(b[3] - b[1], 1);
    const k = Math.min(1.6, Math.max(0.02, Math.min((width - pad * 2) / w, (height - bottom - pad * 2) / h)));
    const t = zoomIdentity.translate(width / 2 - (k * (b[0] + b[2])) / 2, (height - bottom) / 2 - (k * (b[1] + b[3])) / 2).scale(k);
    const sel = select(this.surface as Element) as Selection<Element, unknown, null, undefined>;
    if (animate) sel.transition().duration(400).call(this.zoomer.transform, t);
    else sel.call(this.zoomer.transform, t);
  }

  zoomBy(factor: number): void {
    if (this.surface)
      (select(this.surface as Element) as Selection<Element, unknown, null, undefined>)
        .transition()
        .duration(200)
        .call(this.zoomer.scaleBy, factor);
  }

  /** Keyboard focus on a node's element (SVG mode). */
  focusNode(id: string): void {
    const el = this.viewport?.querySelector<SVGGElement>(`g.node[data-id="${CSS.escape(id)}"]`);
    el?.focus({ preventScroll: true });
  }
}

export function edgeTitle(d: VEdge): string {
  const kind = `${d.soft ? "soft " : ""}${d.kind}${d.anyOf ? " (anyOf: one alternative suffices)" : ""}`;
  const count = d.count > 1 ? ` — ${d.count} declared edges` : "";
  return `${d.source.label} ${d.kind === "rollback" ? "⇒" : "→"} ${d.target.label}: ${kind}${count}${d.note ? ` — ${d.note}` : ""}`;
}

/**
 * Draws the graph on a 2D context already transformed to layout coordinates (the canvas view and PNG export).
 * Edges and nodes are batched by look (one path, one stroke per batch): software canvas pays per call.
 */
export function drawScene(
  ctx: CanvasRenderingContext2D,
  v: Visible,
  cb: Pick<MapCallbacks, "nodePaint" | "edgePaint">,
  k: number,
  box?: [number, number, number, number],
  allLabels = false,
): void {
  const inBox = (x: number, y: number, m: number) => !box || (x >= box[0] - m && x <= box[2] + m && y >= box[1] - m && y <= box[3] + m);
  ctx.lineCap = "round";
  const fade = v.edges.length > 2000 ? 0.4 : 1;
  interface Batch {
    color: string;
    width: number;
    dash: number[];
    alpha: number;
    lines: Path2D;
    heads: Path2D;
    marks: Path2D;
    anyMarks: boolean;
  }
  const batches = new Map<string, Batch>();
  const order: Batch[] = [];
  for (const e of v.edges) {
    if (!inBox(e.source.x, e.source.y, 400) && !inBox(e.target.x, e.target.y, 400)) continue;
    const p = cb.edgePaint(e);
    const look = edgeLook(e);
    const color = p.highlighted ? EDGE_LOOK.highlight : look.stroke;
    const width = p.highlighted ? look.width + (p.current ? 3.5 : 2) : look.width;
    const alpha = p.opacity * (p.highlighted ? 1 : look.opacity * fade);
    const key = `${p.highlighted ? 1 : 0}|${color}|${width.toFixed(2)}|${look.dash}|${alpha.toFixed(2)}`;
    let b = batches.get(key);
    if (!b) {
      b = {
        color,
        width,
        dash: look.dash ? look.dash.split(" ").map(Number) : [],
        alpha,
        lines: new Path2D(),
        heads: new Path2D(),
        marks: new Path2D(),
        anyMarks: false,
      };
      batches.set(key, b);
      if (p.highlighted) order.push(b);
      else order.unshift(b);
    }
    const g = edgeGeom(e);
    b.lines.moveTo(g.sx, g.sy);
    b.lines.quadraticCurveTo(g.cx, g.cy, g.tx, g.ty);
    if (k > 0.25 || p.highlighted) b.heads.addPath(new Path2D(arrowPath(g, 7)));
    if (e.anyOf) {
      b.marks.moveTo(g.mx + 3.5, g.my);
      b.marks.arc(g.mx, g.my, 3.5, 0, Math.PI * 2);
      b.anyMarks = true;
    }
  }
  // Highlighted batches last (on top).
  order.sort((a, b) => Number(a.color === EDGE_LOOK.highlight) - Number(b.color === EDGE_LOOK.highlight));
  for (const b of order) {
    ctx.globalAlpha = b.alpha;
    ctx.strokeStyle = b.color;
    ctx.lineWidth = b.width;
    ctx.setLineDash(b.dash);
    ctx.stroke(b.lines);
    ctx.setLineDash([]);
    ctx.fillStyle = b.color;
    ctx.fill(b.heads);
    if (b.anyMarks) {
      ctx.fillStyle = "#fff";
      ctx.fill(b.marks);
      ctx.lineWidth = 1.5;
      ctx.stroke(b.marks);
    }
  }
  ctx.globalAlpha = 1;
  // Many nodes: clean ones first and small, the rest on top and larger, so what matters stands out.
  const crowded = v.nodes.length > 300;
  interface NodeBatch {
    paint: Paint;
    lineWidth: number;
    path: Path2D;
  }
  const nodeBatches = new Map<string, NodeBatch>();
  const nodeOrder: NodeBatch[] = [];
  const labelled: VNode[] = [];
  const important: VNode[] = [];
  // Labels only when they can be read: zoomed in, not too many in view, never for dimmed nodes.
  let inView = 0;
  if (!allLabels && k >= 0.9) for (const n of v.nodes) if (inBox(n.x, n.y, 0)) inView++;
  const showLabels = allLabels || (k >= 0.9 && inView <= 400);
  for (const n of v.nodes) {
    if (!inBox(n.x, n.y, 40)) continue;
    const p = cb.nodePaint(n);
    const boost = crowded && (n.state !== "clean" || p.highlighted || p.selected) ? 1.7 : 1;
    const lineWidth = p.selected ? 3 : p.highlighted ? 2.2 : 1.2;
    const key = `${p.look.shapeName}|${p.look.fill}|${p.selected ? "#000" : p.look.stroke}|${p.opacity}|${lineWidth}`;
    let b = nodeBatches.get(key);
    if (!b) {
      b = { paint: p, lineWidth, path: new Path2D() };
      nodeBatches.set(key, b);
      nodeOrder.push(b);
    }
    b.path.addPath(new Path2D(symbolPath(p.look, n.r * boost)), new DOMMatrix([1, 0, 0, 1, n.x, n.y]));
    if (p.highlighted || p.selected) important.push(n);
    else if ((showLabels || n.kind === "group") && p.opacity === 1) labelled.push(n);
  }
  const weight = (b: NodeBatch) => (b.paint.opacity < 1 ? 0 : b.paint.look.shapeName === "circle" && !b.paint.selected ? 1 : 2);
  nodeOrder.sort((a, b) => weight(a) - weight(b));
  for (const b of nodeOrder) {
    const p = b.paint;
    ctx.globalAlpha = p.opacity;
    ctx.fillStyle = p.look.fill;
    ctx.fill(b.path);
    ctx.setLineDash(p.look.dashed ? [2, 2] : []);
    ctx.strokeStyle = p.selected ? "#000" : p.look.stroke;
    ctx.lineWidth = b.lineWidth;
    ctx.stroke(b.path);
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.textAlign = "center";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255,255,255,0.9)";
  ctx.fillStyle = "#1b2430";
  for (const n of [...labelled.slice(0, 1500), ...important]) {
    ctx.font = `${n.kind === "group" ? "600 " : ""}11px system-ui, sans-serif`;
    const text = nodeLabel(n);
    ctx.strokeText(text, n.x, n.y + n.r + 12);
    ctx.fillText(text, n.x, n.y + n.r + 12);
  }
}

/** The quadtree that hit-testing reads; rebuilt whenever nodes move. */
function nodeTree(nodes: VNode[]) {
  return quadtree<VNode>()
    .x((d) => d.x)
    .y((d) => d.y)
    .addAll(nodes);
}
