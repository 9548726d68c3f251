// The transpose of a CSR adjacency: for each node, the nodes with an edge to it, in node order.
import type { Scratch } from "./scratch.js";

/** The reversed adjacency, borrowed from `scratch`. */
export function reverse(n: number, start: Int32Array, adj: Int32Array, scratch: Scratch): { start: Int32Array; adj: Int32Array } {
  const rs = scratch.int32(n + 1);
  for (const w of adj) rs[w + 1] = (rs[w + 1] as number) + 1;
  for (let i = 0; i < n; i++) rs[i + 1] = (rs[i + 1] as number) + (rs[i] as number);
  const fill = scratch.int32(n);
  fill.set(rs.subarray(0, n));
  const radj = scratch.int32(adj.length);
  for (let v = 0; v < n; v++) {
    for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
      const w = adj[k] as number;
      radj[fill[w] as number] = v;
      fill[w] = (fill[w] as number) + 1;
    }
  }
  scratch.give(fill);
  return { start: rs, adj: radj };
}
