// A cheap "may c reach x?" filter over the runtime graph: component order plus GRAIL interval labels.
import type { Compiled } from "./compiled.js";
import { stronglyConnected } from "./scc.js";

/**
 * Over-approximates reachability along hard runtime requirements (v → each member of each
 * requirement of v): `mayReach(u, v)` is false only when u certainly cannot reach v. Built from
 * the strongly connected components (successors finish first, so u reaches v only if
 * comp(u) ≥ comp(v)) and two GRAIL interval labelings of the component DAG (Yildirim et al.):
 * u reaches v only if v's interval nests inside u's in every labeling.
 */
export class ReachFilter {
  readonly comp: Int32Array;
  private readonly labels: { low: Int32Array; rank: Int32Array }[] = [];

  /** Over the whole runtime graph, or over another adjacency on the same services (CSR). */
  constructor(g: Compiled, graph: { adjStart: Int32Array; adj: Int32Array } = runtimeAdjacency(g)) {
    const { n } = g;
    const { adjStart, adj } = graph;
    const { comp, count } = stronglyConnected(n, adjStart, adj);
    this.comp = comp;
    // Component DAG in CSR form.
    const cStart = new Int32Array(count + 1);
    for (let v = 0; v < n; v++) {
      for (let k = adjStart[v] as number; k < (adjStart[v + 1] as number); k++) {
        if (comp[adj[k] as number] !== comp[v]) cStart[(comp[v] as number) + 1]++;
      }
    }
    for (let c = 0; c < count; c++) cStart[c + 1] = (cStart[c + 1] as number) + (cStart[c] as number);
    const fill = cStart.slice(0, count);
    const cAdj = new Int32Array(cStart[count] as number);
    for (let v = 0; v < n; v++) {
      const cv = comp[v] as number;
      for (let k = adjStart[v] as number; k < (adjStart[v + 1] as number); k++) {
        const cw = comp[adj[k] as number] as number;
        if (cw !== cv) {
          cAdj[fill[cv] as number] = cw;
          fill[cv] = (fill[cv] as number) + 1;
        }
      }
    }
    this.labels.push(label(count, cStart, cAdj, false), label(count, cStart, cAdj, true));
  }

  mayReach(u: number, v: number): boolean {
    const cu = this.comp[u] as number;
    const cv = this.comp[v] as number;
    if (cu === cv) return true;
    if (cu < cv) return false;
    for (const { low, rank } of this.labels) {
      if ((low[cv] as number) < (low[cu] as number) || (rank[cv] as number) > (rank[cu] as number)) return false;
    }
    return true;
  }
}

const filters = new WeakMap<Compiled, ReachFilter>();

/**
 * The filter over the whole runtime graph of `g`, built once per graph: rollback-needs-broken and
 * shared-fate both read it, and it is never changed once built (a function of the graph alone).
 */
export function reachFilter(g: Compiled): ReachFilter {
  let f = filters.get(g);
  if (!f) {
    f = new ReachFilter(g);
    filters.set(g, f);
  }
  return f;
}

/** Every member of every runtime requirement of v as v's successors. */
export function runtimeAdjacency(g: Compiled): { adjStart: Int32Array; adj: Int32Array } {
  const { n, runtime } = g;
  const adjStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    adjStart[i + 1] =
      (adjStart[i] as number) +
      (runtime.memberStart[runtime.start[i + 1] as number] as number) -
      (runtime.memberStart[runtime.start[i] as number] as number);
  }
  // The members of a service's requirements are contiguous in `members`.
  return { adjStart, adj: runtime.members };
}

/**
 * A filter for "may c be in Down({x})?", tighter than reachability: c ≠ x is down only through a
 * requirement wholly down, so only if that requirement's every member is down, one of them in
 * particular. Keeping one member per requirement (the one `full` orders lowest: it reaches least)
 * leaves a graph in which c still reaches x whenever c ∈ Down({x}). An `anyOf` with an escape that
 * needs nothing (a break-glass console) then no longer connects its owner to anything.
 */
export function downFilter(g: Compiled, full: ReachFilter): ReachFilter {
  const { n, runtime } = g;
  const adjStart = new Int32Array(n + 1);
  const adj = new Int32Array(runtime.owner.length);
  for (let i = 0; i < n; i++) {
    let k = adjStart[i] as number;
    for (let r = runtime.start[i] as number; r < (runtime.start[i + 1] as number); r++) {
      let rep = -1;
      for (let m = runtime.memberStart[r] as number; m < (runtime.memberStart[r + 1] as number); m++) {
        const id = runtime.members[m] as number;
        if (rep === -1 || (full.comp[id] as number) < (full.comp[rep] as number)) rep = id;
      }
      adj[k++] = rep;
    }
    adjStart[i + 1] = k;
  }
  return new ReachFilter(g, { adjStart, adj });
}

/**
 * The components of the graph of plain requirements (one member each): inside one, every member
 * takes every other down, so all of them have the same Down({X}), the Down of the component.
 */
export function plainComponents(g: Compiled): { comp: Int32Array; size: Int32Array } {
  // A function of the graph alone, read by rollback-needs-broken and criticality: built once per graph.
  let found = plain.get(g);
  if (!found) {
    found = buildPlainComponents(g);
    plain.set(g, found);
  }
  return found;
}

const plain = new WeakMap<Compiled, { comp: Int32Array; size: Int32Array }>();

function buildPlainComponents(g: Compiled): { comp: Int32Array; size: Int32Array } {
  const { n, runtime } = g;
  const adjStart = new Int32Array(n + 1);
  const plain: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let r = runtime.start[i] as number; r < (runtime.start[i + 1] as number); r++) {
      const first = runtime.memberStart[r] as number;
      if ((runtime.memberStart[r + 1] as number) - first === 1) plain.push(runtime.members[first] as number);
    }
    adjStart[i + 1] = plain.length;
  }
  const { comp, count } = stronglyConnected(n, adjStart, Int32Array.from(plain));
  const size = new Int32Array(count);
  for (let i = 0; i < n; i++) size[comp[i] as number]++;
  return { comp, size };
}

/** Post-order ranks and the lowest rank below each node, by an iterative DFS over a DAG. */
export function label(count: number, start: Int32Array, adj: Int32Array, reversed: boolean): { low: Int32Array; rank: Int32Array } {
  const rank = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const node = new Int32Array(count);
  const edge = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < count; i++) {
    const root = reversed ? count - 1 - i : i;
    if (rank[root] !== -1) continue;
    rank[root] = -2; // on the DFS path
    low[root] = count;
    let depth = 0;
    node[0] = root;
    edge[0] = 0;
    while (depth >= 0) {
      const v = node[depth] as number;
      const deg = (start[v + 1] as number) - (start[v] as number);
      const e = edge[depth] as number;
      if (e < deg) {
        edge[depth] = e + 1;
        const w = adj[(start[v] as number) + (reversed ? deg - 1 - e : e)] as number;
        if (rank[w] === -1) {
          rank[w] = -2;
          low[w] = count;
          depth++;
          node[depth] = w;
          edge[depth] = 0;
        } else if ((low[w] as number) < (low[v] as number)) {
          low[v] = low[w] as number;
        }
        continue;
      }
      rank[v] = next++;
      if ((rank[v] as number) < (low[v] as number)) low[v] = rank[v] as number;
      depth--;
      if (depth >= 0) {
        const u = node[depth] as number;
        if ((low[v] as number) < (low[u] as number)) low[u] = low[v] as number;
      }
    }
  }
  return { low, rank };
}
