// The least a shortest witness per service can cost: a bare two-sided breadth-first search per pair, on the same graph.
import type { Compiled } from "../graph/compiled.js";
import { reverse } from "../graph/reverse.js";
import { Scratch } from "../graph/scratch.js";

export interface BareSearch {
  /** The services searched from (each with a hard rollback requirement), and the steps their searches read in all. */
  pairs: number;
  steps: number;
  ms: number;
  /** The shortest distances found, summed over the pairs that have a path, and the pairs without one (for the tests). */
  distances: number;
  unreached: number;
}

/**
 * SPEC §3 gives every catch-22 X a shortest witness c → … → X, so a check of an estate where every service is one
 * (the giant-scc shapes) makes one shortest-path search per service, and what one costs on a random graph is two
 * balls of about √n services each. This search is the bare form of that work, to show the part no implementation
 * can skip: for each X, from all the members of its hard rollback requirements forward over every member of every
 * hard runtime requirement (a superset of any Down set's reason graph, so its paths are never longer), and back from
 * X, the smaller frontier first, stopping at the first service both sides reach. It ranks nothing, breaks no tie by
 * name, locates no step and keeps no path; its state is two stamps per service, the smallest footprint a step can
 * read. Timed apart from the run it follows (not in its total or its CPU time).
 */
export function bareSearch(g: Compiled): BareSearch {
  const { n, runtime, rollback } = g;
  // forward adjacency: Y → each member of each hard runtime requirement of Y (the members themselves); backward: its transpose
  const fwdStart = new Int32Array(n + 1);
  for (let y = 0; y <= n; y++) fwdStart[y] = runtime.memberStart[runtime.start[y] as number] as number;
  const fwd = runtime.members.subarray(0, fwdStart[n] as number);
  const { start: bwdStart, adj: bwd } = reverse(n, fwdStart, fwd, new Scratch());
  const st = new Int32Array(2 * n);
  const queueF = new Int32Array(n);
  const queueB = new Int32Array(n);
  let base = 1;
  let steps = 0;
  let pairs = 0;
  let distances = 0;
  let unreached = 0;
  const t = performance.now();
  for (let x = 0; x < n; x++) {
    const r0 = rollback.start[x] as number;
    const r1 = rollback.start[x + 1] as number;
    if (r0 === r1) continue;
    pairs++;
    if (base > 0x7fffffff - n - 2) {
      st.fill(0);
      base = 1;
    }
    let lenF = 0;
    let lenB = 0;
    for (let k = rollback.memberStart[r0] as number; k < (rollback.memberStart[r1] as number); k++) {
      const c = rollback.members[k] as number;
      if ((st[2 * c] as number) >= base) continue;
      st[2 * c] = base;
      queueF[lenF++] = c;
    }
    if ((st[2 * x] as number) >= base) {
      base += 1;
      continue;
    }
    // the depths of the two balls, each complete: the first service in both is at distance a + b + 1
    let a = 0;
    let b = 0;
    st[2 * x + 1] = base;
    queueB[lenB++] = x;
    let startF = 0;
    let startB = 0;
    search: for (;;) {
      const endF = lenF;
      const endB = lenB;
      if (startF === endF || startB === endB) {
        unreached++;
        break;
      }
      if (endF - startF <= endB - startB) {
        for (let h = startF; h < endF; h++) {
          const u = queueF[h] as number;
          for (let k = fwdStart[u] as number; k < (fwdStart[u + 1] as number); k++) {
            steps++;
            const w = fwd[k] as number;
            if ((st[2 * w + 1] as number) >= base) {
              distances += a + b + 1;
              break search;
            }
            if ((st[2 * w] as number) >= base) continue;
            st[2 * w] = base;
            queueF[lenF++] = w;
          }
        }
        startF = endF;
        a++;
      } else {
        for (let h = startB; h < endB; h++) {
          const z = queueB[h] as number;
          for (let k = bwdStart[z] as number; k < (bwdStart[z + 1] as number); k++) {
            steps++;
            const y = bwd[k] as number;
            if ((st[2 * y] as number) >= base) {
              distances += a + b + 1;
              break search;
            }
            if ((st[2 * y + 1] as number) >= base) continue;
            st[2 * y + 1] = base;
            queueB[lenB++] = y;
          }
        }
        startB = endB;
        b++;
      }
    }
    // every stamp of this search is `base`: the next one starts past it
    base += 1;
  }
  return { pairs, steps, ms: performance.now() - t, distances, unreached };
}
