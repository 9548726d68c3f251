// The layered layout: left to right, dependencies to the right, layers by longest path over the condensation
// of cycle cores (linear; no dagre or elk, which are superlinear and overflow the stack on large graphs).
import { stronglyConnected } from "../src/graph/scc.js";
import type { Visible } from "./derive.js";

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Horizontal distance between layers, in graph units. */
export const LAYER_GAP = 130;

/**
 * Lays the visible graph out in layers. Given the map's size, folds tall layers into columns (and, when that
 * gains much, long runs of layers into bands) so the fitted drawing fills the window with readable labels;
 * without it, one column per layer in one band.
 */
export function layeredLayout(v: Visible, window?: Window): void {
  const n = v.nodes.length;
  const index = new Map(v.nodes.map((node, i) => [node.id, i]));
  const deg = new Int32Array(n + 1);
  const runtime = v.edges.filter((e) => e.kind === "runtime");
  for (const e of runtime) deg[(index.get(e.source.id) as number) + 1]++;
  for (let i = 0; i < n; i++) deg[i + 1] = (deg[i + 1] as number) + (deg[i] as number);
  const adj = new Int32Array(runtime.length);
  const fill = deg.slice(0, n);
  for (const e of runtime) {
    const s = index.get(e.source.id) as number;
    adj[fill[s] as number] = index.get(e.target.id) as number;
    fill[s] = (fill[s] as number) + 1;
  }
  const { comp, count } = stronglyConnected(n, deg, adj);
  // Tarjan numbers components successors first: walking components from the highest number down is a
  // topological order of the condensation (dependents before their dependencies).
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) members[comp[i] as number]?.push(i);
  const layerOfComp = new Int32Array(count);
  const hasDependents = new Uint8Array(count);
  for (let c = count - 1; c >= 0; c--) {
    for (const i of members[c] as number[]) {
      for (let k = deg[i] as number; k < (deg[i + 1] as number); k++) {
        const t = comp[adj[k] as number] as number;
        if (t === c) continue;
        hasDependents[t] = 1;
        if ((layerOfComp[t] as number) < (layerOfComp[c] as number) + 1) layerOfComp[t] = (layerOfComp[c] as number) + 1;
      }
    }
  }
  // A service nothing depends on sits just left of its nearest dependency, not in the first column
  // (a deploy pipeline next to the store it needs, rather than beside the products at the top).
  for (let c = 0; c < count; c++) {
    if (hasDependents[c]) continue;
    let nearest = Number.POSITIVE_INFINITY;
    for (const i of members[c] as number[]) {
      for (let k = deg[i] as number; k < (deg[i + 1] as number); k++) {
        const t = comp[adj[k] as number] as number;
        if (t !== c) nearest = Math.min(nearest, layerOfComp[t] as number);
      }
    }
    if (nearest !== Number.POSITIVE_INFINITY) layerOfComp[c] = Math.max(layerOfComp[c] as number, nearest - 1);
  }
  const layers: number[][] = [];
  for (let i = 0; i < n; i++) {
    const l = layerOfComp[comp[i] as number] as number;
    let layer = layers[l];
    if (!layer) {
      layer = [];
      layers[l] = layer;
    }
    layer.push(i);
  }
  const y = new Float64Array(n);
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) for (let k = deg[i] as number; k < (deg[i + 1] as number); k++) preds[adj[k] as number]?.push(i);
  // Order within each layer by the barycentre of the predecessors' ranks (on the one-column layout).
  layers.forEach((layer, l) => {
    if (!layer) return;
    const key = new Map<number, number>();
    for (const i of layer) {
      const p = preds[i] as number[];
      key.set(i, l === 0 || p.length === 0 ? Number.POSITIVE_INFINITY : p.reduce((s, j) => s + (y[j] as number), 0) / p.length);
    }
    layer.sort((a, b) => {
      const ka = key.get(a) as number;
      const kb = key.get(b) as number;
      if (ka !== kb) return ka < kb ? -1 : 1;
      const ca = comp[a] as number;
      const cb = comp[b] as number;
      if (ca !== cb) return ca - cb;
      return byCode((v.nodes[a] as { id: string }).id, (v.nodes[b] as { id: string }).id);
    });
    layer.forEach((i, k) => {
      y[i] = (k - (layer.length - 1) / 2) * ROW_GAP;
    });
  });
  const dense = layers.filter((layer): layer is number[] => layer !== undefined);
  const plan = window === undefined ? { rows: Number.POSITIVE_INFINITY, bands: 1, stretchX: 1, stretchY: 1 } : fitPlan(dense, window);
  place(v, dense, plan);
}

/** How the layers are folded onto the screen: at most `rows` services per column, `bands` rows of layers. */
interface Plan {
  rows: number;
  bands: number;
  stretchX: number;
  stretchY: number;
}

/** Vertical distance between services in a column; layers are closer than rows are tall. */
const ROW_GAP = 64;
/** Distance between the columns of one tall layer: room for a label. */
const SUB_GAP = 150;
/** Vertical room between two bands of layers. */
const BAND_GAP = 2 * ROW_GAP;
/** The most a layout is spread out to fill the window's other dimension. */
const MAX_STRETCH = 1.8;

/** Width and height of the drawing (services' centres, with room for labels) under a folding. */
function extent(sizes: number[], rows: number, bands: number): { width: number; height: number } {
  const perBand = Math.ceil(sizes.length / bands);
  let width = 0;
  let height = 0;
  for (let b = 0; b < bands; b++) {
    let w = 0;
    let tallest = 0;
    const end = Math.min(sizes.length, (b + 1) * perBand);
    for (let l = b * perBand; l < end; l++) {
      const s = sizes[l] as number;
      const cols = Math.ceil(s / rows);
      w += (l > b * perBand ? LAYER_GAP : 0) + (cols - 1) * SUB_GAP;
      tallest = Math.max(tallest, Math.ceil(s / cols));
    }
    if (end > b * perBand) {
      width = Math.max(width, w);
      height += (b > 0 ? BAND_GAP : 0) + (tallest - 1) * ROW_GAP;
    }
  }
  return { width: width + SUB_GAP, height: height + ROW_GAP };
}

/** The map's size in pixels. */
export interface Window {
  width: number;
  height: number;
}

/** The zoom the map's fit gives a drawing of this extent (view.ts: 70 px of padding, at most 1.6×). */
const zoomOf = (e: { width: number; height: number }, w: Window) =>
  Math.min(1.6, Math.max(1, w.width - 140) / e.width, Math.max(1, w.height - 140) / e.height);

/** Bands break the left-to-right reading of dependencies: taken only for a much larger zoom. */
const BAND_GAIN = 1.5;

/**
 * Folds a layering to the window: a layer taller than the window is split into side-by-side columns
 * (dependencies stay to the right), and when that is not enough, a long run of layers wraps into bands read
 * top to bottom, each left to right. Candidates are a bounded family (at most 64 column counts, then 64 band
 * counts), so the cost is linear in the number of layers.
 */
function fitPlan(layers: number[][], w: Window): Plan {
  const sizes = layers.map((layer) => layer.length);
  const tallest = sizes.reduce((m, s) => Math.max(m, s), 1);
  let best = { rows: tallest, bands: 1, zoom: zoomOf(extent(sizes, tallest, 1), w) };
  for (let cols = 2; cols <= Math.min(64, tallest); cols++) {
    const rows = Math.ceil(tallest / cols);
    const zoom = zoomOf(extent(sizes, rows, 1), w);
    if (zoom > best.zoom) best = { rows, bands: 1, zoom };
  }
  const unbanded = best.zoom;
  for (let bands = 2; bands <= Math.min(64, sizes.length); bands++) {
    const zoom = zoomOf(extent(sizes, best.rows, bands), w);
    if (zoom > best.zoom && zoom >= unbanded * BAND_GAIN) best = { rows: best.rows, bands, zoom };
  }
  // The dimension that does not limit the zoom is spread out (bounded), so the window is used.
  const e = extent(sizes, best.rows, best.bands);
  const spareX = Math.max(1, w.width - 140) / best.zoom / e.width;
  const spareY = Math.max(1, w.height - 140) / best.zoom / e.height;
  const clamp = (x: number) => Math.min(MAX_STRETCH, Math.max(1, x));
  return { rows: best.rows, bands: best.bands, stretchX: clamp(spareX), stretchY: clamp(spareY) };
}

/** Positions every service under a plan; within a layer the order is kept, row by row across its columns. */
function place(v: Visible, layers: number[][], plan: Plan): void {
  const perBand = Math.ceil(layers.length / plan.bands);
  let top = 0;
  for (let b = 0; b < plan.bands; b++) {
    const band = layers.slice(b * perBand, (b + 1) * perBand);
    if (band.length === 0) break;
    const columns = band.map((layer) => Math.max(1, Math.ceil(layer.length / plan.rows)));
    const tallest = band.reduce((m, layer, i) => Math.max(m, Math.ceil(layer.length / (columns[i] as number))), 1);
    let left = 0;
    band.forEach((layer, i) => {
      const cols = columns[i] as number;
      const rows = Math.ceil(layer.length / cols);
      layer.forEach((id, k) => {
        const node = v.nodes[id];
        if (!node) return;
        const col = k % cols;
        const row = Math.floor(k / cols);
        node.x = (left + col * SUB_GAP) * plan.stretchX;
        // Centred in its band; columns staggered a little so that edges along a row stay visible.
        const stagger = cols > 1 ? (col / cols - 0.5) * (ROW_GAP / 2) : 0;
        node.y = (top + ((tallest - 1) / 2 + row - (rows - 1) / 2) * ROW_GAP + stagger) * plan.stretchY;
      });
      left += (cols - 1) * SUB_GAP + LAYER_GAP;
    });
    top += (tallest - 1) * ROW_GAP + BAND_GAP;
  }
}
