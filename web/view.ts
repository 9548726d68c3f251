// The map: zoom, pan, drag and fit over SVG for small views (view-svg.ts) or a canvas past a few hundred services (scene.ts, quadtree hit-testing).
import { drag } from "d3-drag";
import { type Quadtree, quadtree } from "d3-quadtree";
import { type Selection, select } from "d3-selection";
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from "d3-zoom";
import "d3-transition";
import type { Visible, VNode } from "./derive.js";
import { drawScene, type MapCallbacks } from "./scene.js";
import { nodeLabel } from "./style.js";
import { buildSvg, drawSvg, paintSvg, positionSvg } from "./view-svg.js";

export const CANVAS_ABOVE = 300;

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
        // The scale, for tests and for whoever inspects the page: how large the drawing is shown.
        this.host.dataset.zoom = ev.transform.k.toFixed(3);
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
    if (this.mode === "svg" && this.viewport) {
      const vp = this.viewport;
      const moved = () => {
        this.dragged = true;
        positionSvg(vp);
      };
      drawSvg(vp, v, this.cb, moved, () => this.rebuildTree());
    }
    this.paint();
  }

  private build(mode: "svg" | "canvas"): void {
    this.mode = mode;
    this.host.replaceChildren();
    const { width, height } = this.size;
    if (mode === "svg") {
      const { svg, viewport } = buildSvg(() => this.cb.onBackgroundClick());
      this.viewport = viewport;
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
          .on("end", () => this.rebuildTree()),
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

  private rebuildTree(): void {
    if (this.visible) this.tree = nodeTree(this.visible.nodes);
  }

  /** The layout moved (a refinement): redraw positions, keep everything else. */
  updatePositions(): void {
    if (!this.visible) return;
    this.tree = nodeTree(this.visible.nodes);
    if (this.mode === "svg" && this.viewport) positionSvg(this.viewport);
    else this.schedule();
  }

  /** Re-applies colours, shapes and dimming (selection, highlight, drill) without a new layout. */
  paint(): void {
    if (this.mode === "canvas") {
      this.schedule();
      return;
    }
    if (!this.viewport) return;
    paintSvg(this.viewport, this.cb);
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

/** The quadtree that hit-testing reads; rebuilt whenever nodes move. */
function nodeTree(nodes: VNode[]) {
  return quadtree<VNode>()
    .x((d) => d.x)
    .y((d) => d.y)
    .addAll(nodes);
}
