// Drawing the map on a 2D context (the canvas view and the PNG export), and what a renderer asks the page: the paint of each node and edge.
import type { VEdge, Visible, VNode } from "./derive.js";
import { arrowPath, EDGE_LOOK, edgeGeom, edgeLook, nodeLabel, type Paint, symbolPath } from "./style.js";

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
