// Export the current view (layout, colours, highlight) as a standalone SVG file or a PNG image.
import { xml } from "../src/util/escape.js";
import type { Visible } from "./derive.js";
import { drawScene, type MapCallbacks } from "./scene.js";
import { arrowPath, EDGE_LOOK, edgeGeom, edgeLook, nodeLabel, symbolPath } from "./style.js";

/** Text and titles through the XML escaper: a control character in a name (not allowed in XML 1.0) is dropped, so the file stays well-formed. */
const esc = xml;

function box(v: Visible): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of v.nodes) {
    x0 = Math.min(x0, n.x - n.r - 60);
    y0 = Math.min(y0, n.y - n.r - 60);
    x1 = Math.max(x1, n.x + n.r + 60);
    y1 = Math.max(y1, n.y + n.r + 30);
  }
  return Number.isFinite(x0) ? [x0, y0, x1, y1] : [0, 0, 100, 100];
}

export function toSvg(v: Visible, cb: Pick<MapCallbacks, "nodePaint" | "edgePaint">, title: string): string {
  const [x0, y0, x1, y1] = box(v);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0.toFixed(0)} ${y0.toFixed(0)} ${(x1 - x0).toFixed(0)} ${(y1 - y0).toFixed(0)}" width="${(x1 - x0).toFixed(0)}" height="${(y1 - y0).toFixed(0)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="#ffffff"/>`,
  ];
  for (const e of v.edges) {
    const p = cb.edgePaint(e);
    const g = edgeGeom(e);
    const look = edgeLook(e);
    const color = p.highlighted ? EDGE_LOOK.highlight : look.stroke;
    const width = p.highlighted ? look.width + 2 : look.width;
    out.push(
      `<g opacity="${(p.opacity * (p.highlighted ? 1 : look.opacity)).toFixed(2)}"><path d="M${g.sx},${g.sy}Q${g.cx},${g.cy} ${g.tx},${g.ty}" fill="none" stroke="${color}" stroke-width="${width}"${look.dash ? ` stroke-dasharray="${look.dash}"` : ""}/><path d="${arrowPath(g, 7)}" fill="${color}"/>${e.anyOf ? `<circle cx="${g.mx}" cy="${g.my}" r="3.5" fill="#fff" stroke="${color}" stroke-width="1.5"/>` : ""}</g>`,
    );
  }
  for (const n of v.nodes) {
    const p = cb.nodePaint(n);
    out.push(
      `<g transform="translate(${n.x.toFixed(1)},${n.y.toFixed(1)})" opacity="${p.opacity}"><path d="${symbolPath(p.look, n.r)}" fill="${p.look.fill}" stroke="${p.selected ? "#000" : p.look.stroke}" stroke-width="${p.selected ? 3 : 1.3}"${p.look.dashed ? ' stroke-dasharray="2 2"' : ""}/><text y="${n.r + 12}" text-anchor="middle" fill="#1b2430" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(nodeLabel(n))}</text></g>`,
    );
  }
  out.push("</svg>", "");
  return out.join("\n");
}

export function toPng(v: Visible, cb: Pick<MapCallbacks, "nodePaint" | "edgePaint">): Promise<Blob | null> {
  const [x0, y0, x1, y1] = box(v);
  const maxSide = 8000;
  const scale = Math.min(2, maxSide / Math.max(x1 - x0, y1 - y0));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round((x1 - x0) * scale));
  canvas.height = Math.max(1, Math.round((y1 - y0) * scale));
  const ctx = canvas.getContext("2d");
  if (!ctx) return Promise.resolve(null);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -x0 * scale, -y0 * scale);
  drawScene(ctx, v, cb, scale, undefined, v.nodes.length <= 2000);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

export function download(name: string, blob: Blob): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}
