// The layered layout: left to right, dependencies to the right, layers by longest path over the condensation
// of cycle cores (linear; no dagre or elk, which are superlinear and overflow the stack on large graphs).
import { stronglyConnected } from "../src/graph/scc.js";
import type { Visible } from "./derive.js";

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Layers by longest path over the condensation (cores share a layer); within a layer, barycentre order. */
/** Horizontal distance between layers, in graph units. */
export const LAYER_GAP = 130;

export function layeredLayout(v: Visible): void {
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
  // Layers closer than rows are tall: a long chain of layers must still fit a screen with readable labels.
  const GAP_X = LAYER_GAP;
  const GAP_Y = 64;
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
      y[i] = (k - (layer.length - 1) / 2) * GAP_Y;
      const node = v.nodes[i];
      if (node) {
        node.x = l * GAP_X;
        node.y = y[i] as number;
      }
    });
  });
}
