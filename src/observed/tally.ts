// Adds up observed calls per (from, to) edge within one file (SPEC §7: calls add up over spans and files).
import type { ObservedEdge } from "./types.js";

/** Calls per edge; null stays null only while no count was seen for that edge. */
export class EdgeTally {
  private readonly byFrom = new Map<string, Map<string, ObservedEdge>>();

  add(from: string, to: string, calls: number | null, line?: number): void {
    let row = this.byFrom.get(from);
    if (row === undefined) {
      row = new Map();
      this.byFrom.set(from, row);
    }
    const edge = row.get(to);
    if (edge === undefined) {
      const created: ObservedEdge = { from, to, calls };
      if (line !== undefined) created.line = line;
      row.set(to, created);
    } else if (calls !== null) {
      edge.calls = (edge.calls ?? 0) + calls;
    }
  }

  /** The edges sorted by (from, to) in plain string order, so no output depends on the order of the file. */
  edges(): ObservedEdge[] {
    const out: ObservedEdge[] = [];
    for (const from of [...this.byFrom.keys()].sort()) {
      const row = this.byFrom.get(from)!;
      for (const to of [...row.keys()].sort()) out.push(row.get(to)!);
    }
    return out;
  }
}

/**
 * The same sums over interned names, for the large formats: each call is three numbers in growable typed
 * arrays, and `edges` groups them with a counting sort by the names' ranks (plain string order) — no map
 * entry or object per edge until the output.
 */
export class NameTally {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  /** NaN for a call without a count. */
  private calls = new Float64Array(1024);
  private length = 0;

  intern(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  add(from: number, to: number, calls: number | null): void {
    const i = this.length++;
    if (i === this.from.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.calls = grow(this.calls);
    }
    this.from[i] = from;
    this.to[i] = to;
    this.calls[i] = calls ?? Number.NaN;
  }

  /** The edges sorted by (from, to) in plain string order, calls added up (null only when no call had a count). */
  edges(): ObservedEdge[] {
    const names = this.names;
    const n = names.length;
    const byName = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const x = names[a] as string;
      const y = names[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const rank = new Int32Array(n);
    byName.forEach((id, r) => {
      rank[id] = r;
    });
    // Counting sort of the calls by their from's rank, then each (small) group by its to's rank.
    const m = this.length;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) start[(rank[this.from[i] as number] as number) + 1]++;
    for (let r = 0; r < n; r++) start[r + 1] += start[r] as number;
    const fill = start.slice(0, n);
    const order = new Int32Array(m);
    for (let i = 0; i < m; i++) order[fill[rank[this.from[i] as number] as number]++] = i;
    const out: ObservedEdge[] = [];
    for (let r = 0; r < n; r++) {
      const lo = start[r] as number;
      const hi = start[r + 1] as number;
      if (lo === hi) continue;
      // By the to's rank: an insertion sort for the usual few callees, a comparison sort for a hub.
      if (hi - lo > 32) {
        order.subarray(lo, hi).sort((a, b) => (rank[this.to[a] as number] as number) - (rank[this.to[b] as number] as number) || a - b);
      } else
        for (let k = lo + 1; k < hi; k++) {
          const v = order[k] as number;
          const key = rank[this.to[v] as number] as number;
          let j = k - 1;
          while (j >= lo && (rank[this.to[order[j] as number] as number] as number) > key) {
            order[j + 1] = order[j] as number;
            j--;
          }
          order[j + 1] = v;
        }
      const fromName = names[this.from[order[lo] as number] as number] as string;
      for (let k = lo; k < hi; ) {
        const to = this.to[order[k] as number] as number;
        let sum = Number.NaN;
        let j = k;
        for (; j < hi && this.to[order[j] as number] === to; j++) {
          const c = this.calls[order[j] as number] as number;
          if (!Number.isNaN(c)) sum = Number.isNaN(sum) ? c : sum + c;
        }
        out.push({ from: fromName, to: names[to] as string, calls: Number.isNaN(sum) ? null : sum });
        k = j;
      }
    }
    return out;
  }
}
