// How things look: a colour-blind-safe palette (Okabe–Ito) where every state also has its own shape,
// edge styles by kind, and the geometry both renderers (SVG and canvas) and the exports share.
import {
  type SymbolType,
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
} from "d3-shape";
import type { ServiceState, VEdge, VNode } from "./derive.js";

export type DrillState = "failed" | "down" | "rolledback" | "recovered" | "stuckRoot" | "stuck" | "up";

export interface Look {
  fill: string;
  stroke: string;
  shape: SymbolType;
  shapeName: string;
  label: string;
  dashed?: boolean;
}

export const STATE_LOOK: Record<ServiceState, Look> = {
  clean: { fill: "#dfe6ee", stroke: "#4b5b6b", shape: symbolCircle, shapeName: "circle", label: "clean" },
  impacted: {
    fill: "#CC79A7",
    stroke: "#6d3a58",
    shape: symbolSquare,
    shapeName: "square",
    label: "impacted by a cycle (cannot cold-start)",
  },
  core: {
    fill: "#E69F00",
    stroke: "#7a4f00",
    shape: symbolDiamond,
    shapeName: "diamond",
    label: "in a runtime cycle core (cold-start deadlock)",
  },
  catch22: {
    fill: "#D55E00",
    stroke: "#5e2900",
    shape: symbolTriangle,
    shapeName: "triangle",
    label: "catch-22: its rollback needs what its failure takes down",
  },
  shared: {
    fill: "#F0E442",
    stroke: "#6b6400",
    shape: symbolWye,
    shapeName: "wye",
    label: "its redundancy shares one fate (shared-fate)",
  },
  missing: {
    fill: "#ffffff",
    stroke: "#666666",
    shape: symbolCross,
    shapeName: "cross",
    label: "not declared (missing dependency)",
    dashed: true,
  },
};

export const DRILL_LOOK: Record<DrillState, Look> = {
  failed: { fill: "#D55E00", stroke: "#5e2900", shape: symbolCross, shapeName: "cross", label: "failed (bad change), not rolled back yet" },
  down: { fill: "#E69F00", stroke: "#7a4f00", shape: symbolSquare, shapeName: "square", label: "down (in the blast radius)" },
  rolledback: { fill: "#009E73", stroke: "#00513b", shape: symbolStar, shapeName: "star", label: "rolled back in this or an earlier wave" },
  recovered: { fill: "#56B4E9", stroke: "#1d5f86", shape: symbolCircle, shapeName: "circle", label: "came back by itself (warm recovery)" },
  stuckRoot: { fill: "#D55E00", stroke: "#000000", shape: symbolTriangle, shapeName: "triangle", label: "stuck: cannot be rolled back" },
  stuck: { fill: "#F0E442", stroke: "#6b6400", shape: symbolSquare, shapeName: "square", label: "stuck down (needs a stuck service)" },
  up: { fill: "#f3f5f7", stroke: "#9aa5b1", shape: symbolCircle, shapeName: "circle", label: "unaffected" },
};

export const EDGE_LOOK = {
  runtime: { stroke: "#3d4a57", width: 1.3, dash: "" },
  rollback: { stroke: "#0072B2", width: 1.7, dash: "7 4" },
  /** Observed only (no entry declares it): orange, short dashes. */
  observed: { stroke: "#E69F00", width: 1.8, dash: "4 3" },
  highlight: "#D55E00",
};

export function edgeLook(e: Pick<VEdge, "kind" | "soft" | "count" | "observed" | "unobserved">): {
  stroke: string;
  width: number;
  dash: string;
  opacity: number;
} {
  if (e.observed) return { ...EDGE_LOOK.observed, opacity: 0.95 };
  // Declared but never seen in the traffic: dotted and faded, so the eye reads it as doubtful.
  if (e.unobserved) return { stroke: EDGE_LOOK.runtime.stroke, width: EDGE_LOOK.runtime.width, dash: "1 4", opacity: 0.55 };
  const base = EDGE_LOOK[e.kind];
  const grouped = e.count > 1;
  const width = base.width * (grouped ? 0.8 + Math.log2(e.count) * 0.3 : 1);
  return {
    stroke: base.stroke,
    width: e.soft ? width * 0.8 : width,
    dash: e.soft && e.kind === "runtime" ? "2 3" : base.dash,
    opacity: e.soft ? 0.35 : grouped ? 0.45 : 0.85,
  };
}

const pathCache = new Map<string, string>();
/** An SVG path for a node's symbol, centred on 0,0 (area grows with the radius). */
export function symbolPath(look: Look, r: number): string {
  const key = `${look.shapeName}:${r}`;
  let p = pathCache.get(key);
  if (!p) {
    const scale = look.shapeName === "triangle" || look.shapeName === "star" || look.shapeName === "cross" ? 1.35 : 1;
    p = symbol(look.shape, Math.PI * r * r * scale)() ?? "";
    pathCache.set(key, p);
  }
  return p;
}

export interface EdgeGeom {
  sx: number;
  sy: number;
  /** Quadratic control point, midpoint on the curve, end point (shortened to the target's rim). */
  cx: number;
  cy: number;
  mx: number;
  my: number;
  tx: number;
  ty: number;
  /** Direction at the end, for the arrowhead. */
  angle: number;
  self: boolean;
}

/** A slightly curved edge (so A→B and B→A do not overlap); a loop above the node for a self edge. */
export function edgeGeom(e: VEdge): EdgeGeom {
  const s = e.source;
  const t = e.target;
  if (s === t) {
    const r = s.r;
    return {
      sx: s.x - r * 0.6,
      sy: s.y - r * 0.8,
      cx: s.x,
      cy: s.y - r * 5,
      mx: s.x,
      my: s.y - r * 2.9,
      tx: s.x + r * 0.6,
      ty: s.y - r * 0.9,
      angle: Math.PI * 0.4,
      self: true,
    };
  }
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len = Math.hypot(dx, dy) || 1;
  const bend = Math.min(40, len * 0.12);
  const cx = (s.x + t.x) / 2 + (-dy / len) * bend;
  const cy = (s.y + t.y) / 2 + (dx / len) * bend;
  const ex = t.x - cx;
  const ey = t.y - cy;
  const el = Math.hypot(ex, ey) || 1;
  const tx = t.x - (ex / el) * (t.r + 3);
  const ty = t.y - (ey / el) * (t.r + 3);
  return {
    sx: s.x,
    sy: s.y,
    cx,
    cy,
    mx: (s.x + 2 * cx + tx) / 4,
    my: (s.y + 2 * cy + ty) / 4,
    tx,
    ty,
    angle: Math.atan2(ey, ex),
    self: false,
  };
}

export function edgePath(g: EdgeGeom): string {
  return `M${g.sx.toFixed(1)},${g.sy.toFixed(1)}Q${g.cx.toFixed(1)},${g.cy.toFixed(1)} ${g.tx.toFixed(1)},${g.ty.toFixed(1)}`;
}

export function arrowPath(g: EdgeGeom, size: number): string {
  const a = g.angle;
  const p = (ang: number) => `${(g.tx - Math.cos(ang) * size).toFixed(1)},${(g.ty - Math.sin(ang) * size).toFixed(1)}`;
  return `M${g.tx.toFixed(1)},${g.ty.toFixed(1)}L${p(a - 0.45)}L${p(a + 0.45)}Z`;
}

export interface Paint {
  look: Look;
  opacity: number;
  highlighted: boolean;
  selected: boolean;
}

export function nodeLabel(n: VNode): string {
  return n.kind === "group" ? `${n.label} (${n.count ?? 0})` : n.label;
}
