// A cheap "may c reach x?" filter over the runtime graph: component order plus GRAIL interval labels.
import type { Compiled } from "./compiled.js";
import { type Components, stronglyConnected } from "./scc.js";
import { perGraph, type Scratch, scratchOf } from "./scratch.js";

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

  /**
   * Over the whole runtime graph, or over another adjacency on the same services (CSR). Working arrays
   * come from the graph's scratch; with `borrowed`, the filter's own arrays too, given back by `give`.
   */
  constructor(g: Compiled, graph?: { adjStart: Int32Array; adj: Int32Array }, borrowed = false) {
    const { n } = g;
    const scratch = scratchOf(g);
    const { adjStart, adj } = graph ?? runtimeAdjacency(g, scratch);
    const { comp, count } = graph ? stronglyConnected(n, adjStart, adj, undefined, scratch) : runtimeComponents(g);
    this.comp = comp;
    // Component DAG in CSR form.
    const cStart = scratch.int32(count + 1);
    for (let v = 0; v < n; v++) {
      for (let k = adjStart[v] as number; k < (adjStart[v + 1] as number); k++) {
        if (comp[adj[k] as number] !== comp[v]) cStart[(comp[v] as number) + 1]++;
      }
    }
    for (let c = 0; c < count; c++) cStart[c + 1] = (cStart[c + 1] as number) + (cStart[c] as number);
    const fill = scratch.int32(count);
    fill.set(cStart.subarray(0, count));
    const cAdj = scratch.int32(cStart[count] as number);
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
    const out = () =>
      borrowed ? { low: scratch.int32(count), rank: scratch.int32(count) } : { low: new Int32Array(count), rank: new Int32Array(count) };
    this.labels.push(label(count, cStart, cAdj, false, scratch, out()), label(count, cStart, cAdj, true, scratch, out()));
    scratch.give(cStart, fill, cAdj);
    if (!graph) scratch.give(adjStart);
  }

  /** Gives a `borrowed` filter's arrays back to the graph's scratch; the filter is not read again. */
  give(g: Compiled): void {
    const scratch = scratchOf(g);
    for (const { low, rank } of this.labels) scratch.give(low, rank);
    this.labels.length = 0;
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

/**
 * The filter over the whole runtime graph of `g`, built once per graph: rollback-needs-broken and
 * shared-fate both read it, and it is never changed once built (a function of the graph alone).
 */
export const reachFilter = perGraph((g) => new ReachFilter(g));

/**
 * The strongly connected components of the runtime graph (`runtimeAdjacency`), computed once per graph:
 * the reachability filter, shared-fate and criticality's bounds all start from them.
 */
export const runtimeComponents = perGraph((g): Components => {
  const scratch = scratchOf(g);
  const { adjStart, adj } = runtimeAdjacency(g, scratch);
  const c = stronglyConnected(g.n, adjStart, adj, undefined, scratch);
  scratch.give(adjStart);
  return c;
});

/** Every member of every runtime requirement of v as v's successors; `adjStart` is borrowed from `scratch` (give it back once read). */
export function runtimeAdjacency(g: Compiled, scratch: Scratch): { adjStart: Int32Array; adj: Int32Array } {
  const { n, runtime } = g;
  const adjStart = scratch.int32(n + 1);
  // The members of a service's requirements are contiguous in `members`, from memberStart[start[0]] = 0.
  for (let i = 0; i < n; i++) adjStart[i + 1] = runtime.memberStart[runtime.start[i + 1] as number] as number;
  return { adjStart, adj: runtime.members };
}

/**
 * A filter for "may c be in Down({x})?", tighter than reachability: c ≠ x is down only through a
 * requirement wholly down, so only if that requirement's every member is down, one of them in
 * particular. Keeping one member per requirement (the one `full` orders lowest: it reaches least)
 * leaves a graph in which c still reaches x whenever c ∈ Down({x}). An `anyOf` with an escape that
 * needs nothing (a break-glass console) then no longer connects its owner to anything. Its labels are
 * borrowed from the graph's scratch: give them back (`give`) once done with it.
 */
export function downFilter(g: Compiled, full: ReachFilter): ReachFilter {
  const { n, runtime } = g;
  const scratch = scratchOf(g);
  const adjStart = scratch.int32(n + 1);
  const adj = scratch.int32(runtime.owner.length);
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
  const filter = new ReachFilter(g, { adjStart, adj }, true);
  scratch.give(adjStart, adj);
  return filter;
}

/**
 * The components of the graph of plain requirements (one member each): inside one, every member
 * takes every other down, so all of them have the same Down({X}), the Down of the component.
 * A function of the graph alone, read by rollback-needs-broken and criticality: built once per graph.
 */
export const plainComponents = perGraph(buildPlainComponents);

function buildPlainComponents(g: Compiled): { comp: Int32Array; size: Int32Array } {
  const { n, runtime } = g;
  const scratch = scratchOf(g);
  const adjStart = scratch.int32(n + 1);
  // at most one plain edge per requirement
  const plain = scratch.int32(runtime.owner.length);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let r = runtime.start[i] as number; r < (runtime.start[i + 1] as number); r++) {
      const first = runtime.memberStart[r] as number;
      if ((runtime.memberStart[r + 1] as number) - first === 1) plain[m++] = runtime.members[first] as number;
    }
    adjStart[i + 1] = m;
  }
  const { comp, count } = stronglyConnected(n, adjStart, plain, undefined, scratch);
  scratch.give(adjStart, plain);
  const size = new Int32Array(count);
  for (let i = 0; i < n; i++) size[comp[i] as number]++;
  return { comp, size };
}

/**
 * Post-order ranks and the lowest rank below each node, by an iterative DFS over a DAG, written into `out`
 * (each of at least `count`). The working arrays come from `scratch`.
 */
export function label(
  count: number,
  start: Int32Array,
  adj: Int32Array,
  reversed: boolean,
  scratch: Scratch,
  out: { low: Int32Array; rank: Int32Array },
): { low: Int32Array; rank: Int32Array } {
  const { low, rank } = out;
  rank.fill(-1, 0, count);
  const node = scratch.int32(count);
  const edge = scratch.int32(count);
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
  scratch.give(node, edge);
  return out;
}
