// Strongly connected components, iteratively (Tarjan with an explicit stack): safe on 100,000-deep chains.
import type { Scratch } from "./scratch.js";

export interface Components {
  /** Component of each node, or -1 for nodes left out. Numbered in completion order: successors first. */
  comp: Int32Array;
  count: number;
}

/**
 * Tarjan's algorithm over a CSR adjacency (successors of v: adj[adjStart[v] .. adjStart[v+1])),
 * restricted to nodes with `include[v]` when given. Its working arrays are borrowed from `scratch` when given.
 */
export function stronglyConnected(n: number, adjStart: Int32Array, adj: Int32Array, include?: Uint8Array, scratch?: Scratch): Components {
  const int32 = (value: number) => (scratch ? scratch.int32(n, value) : new Int32Array(n).fill(value));
  const index = int32(-1);
  const low = int32(0);
  const comp = new Int32Array(n).fill(-1);
  const onStack = scratch ? scratch.uint8(n) : new Uint8Array(n);
  const stack = int32(0);
  let sp = 0;
  const callNode = int32(0);
  const callEdge = int32(0);
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || (include && !include[root])) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = adjStart[root] as number;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth] as number;
      const e = callEdge[depth] as number;
      if (e < (adjStart[v + 1] as number)) {
        callEdge[depth] = e + 1;
        const w = adj[e] as number;
        if (include && !include[w]) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = adjStart[w] as number;
        } else if (onStack[w] && (index[w] as number) < (low[v] as number)) {
          low[v] = index[w] as number;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp] as number;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth] as number;
        if ((low[v] as number) < (low[u] as number)) low[u] = low[v] as number;
      }
    }
  }
  scratch?.give(index, low, onStack, stack, callNode, callEdge);
  return { comp, count };
}

/**
 * Groups nodes by component: members of component c are nodes[start[c] .. start[c+1]), ascending (nodes of
 * component -1 left out). With `scratch`, both lists are borrowed from it (give them back once read).
 */
export function componentMembers(c: Pick<Components, "comp" | "count">, scratch?: Scratch): { start: Int32Array; nodes: Int32Array } {
  const int32 = (length: number) => (scratch ? scratch.int32(length) : new Int32Array(length));
  const start = int32(c.count + 1);
  for (const k of c.comp) if (k >= 0) start[k + 1] = (start[k + 1] as number) + 1;
  for (let k = 0; k < c.count; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = int32(c.count);
  fill.set(start.subarray(0, c.count));
  const nodes = int32(start[c.count] as number);
  for (let v = 0; v < c.comp.length; v++) {
    const k = c.comp[v] as number;
    if (k < 0) continue;
    nodes[fill[k] as number] = v;
    fill[k] = (fill[k] as number) + 1;
  }
  scratch?.give(fill);
  return { start, nodes };
}
