// The span rules of SPEC §7 over the spans of one file, grouped by trace: parent's service → child's service,
// and a client or producer span with no child → the remote it names.
import type { EdgeTally } from "./tally.js";

/**
 * The spans of one file in columns (one entry per span), so a million spans cost arrays of numbers and
 * short strings rather than a million objects. Names (services, remotes) and trace ids are interned.
 */
export class SpanTable {
  private readonly traceIndex = new Map<string, number>();
  private readonly nameIndex = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly trace: number[] = [];
  private readonly id: string[] = [];
  private readonly parent: string[] = [];
  private readonly service: number[] = [];
  private readonly remote: number[] = [];

  get size(): number {
    return this.id.length;
  }

  private intern(name: string | null): number {
    if (name === null || name === "") return -1;
    let i = this.nameIndex.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.nameIndex.set(name, i);
    }
    return i;
  }

  /**
   * One span; `parentId` "" when it has none; `service` and `remote` null where the span names none.
   * `outgoing`: a CLIENT or PRODUCER span, whose remote counts when no child span shows the call.
   */
  add(traceId: string, spanId: string, parentId: string, service: string | null, outgoing: boolean, remote: string | null): void {
    let t = this.traceIndex.get(traceId);
    if (t === undefined) {
      t = this.traceIndex.size;
      this.traceIndex.set(traceId, t);
    }
    this.trace.push(t);
    this.id.push(spanId);
    this.parent.push(parentId);
    this.service.push(this.intern(service));
    this.remote.push(outgoing ? this.intern(remote) : -1);
  }

  /** Applies the two span rules trace by trace and adds one call per edge-giving span to `tally`. */
  tallyInto(tally: EdgeTally): void {
    const n = this.id.length;
    const traces = this.traceIndex.size;
    // Counting sort of the spans by trace: start[t]..start[t+1] holds trace t's spans in file order.
    const start = new Int32Array(traces + 1);
    for (let i = 0; i < n; i++) start[(this.trace[i] as number) + 1]++;
    for (let t = 0; t < traces; t++) start[t + 1] += start[t] as number;
    const fill = start.slice(0, traces);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[this.trace[i] as number]++] = i;

    const names = this.names.length;
    const calls = new Map<number, number>();
    const count = (from: number, to: number): void => {
      const key = from * names + to;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    };
    const byId = new Map<string, number>();
    const hasChild = new Uint8Array(n);
    for (let t = 0; t < traces; t++) {
      const lo = start[t] as number;
      const hi = start[t + 1] as number;
      byId.clear();
      for (let k = lo; k < hi; k++) byId.set(this.id[order[k] as number] as string, order[k] as number);
      for (let k = lo; k < hi; k++) {
        const i = order[k] as number;
        const p = this.parent[i] as string;
        if (p === "") continue;
        const j = byId.get(p);
        if (j === undefined || j === i) continue;
        hasChild[j] = 1;
        const from = this.service[j] as number;
        const to = this.service[i] as number;
        if (from >= 0 && to >= 0 && from !== to) count(from, to);
      }
    }
    for (let i = 0; i < n; i++) {
      const to = this.remote[i] as number;
      if (to < 0 || hasChild[i] === 1) continue;
      const from = this.service[i] as number;
      if (from >= 0) count(from, to);
    }
    for (const [key, c] of calls) {
      tally.add(this.names[Math.floor(key / names)] as string, this.names[key % names] as string, c);
    }
  }
}

/** One span of a trace whose parent is already resolved (an index into the same list, or -1). */
export interface LinkedSpan {
  service: string | null;
  parent: number;
  outgoing: boolean;
  remote: string | null;
}

/** The span rules on one trace whose parents were resolved by the format (Zipkin's shared span ids). */
export function tallyLinkedTrace(spans: readonly LinkedSpan[], tally: EdgeTally): void {
  const hasChild = new Uint8Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as LinkedSpan;
    if (s.parent < 0 || s.parent === i) continue;
    hasChild[s.parent] = 1;
    const from = (spans[s.parent] as LinkedSpan).service;
    if (from && s.service && from !== s.service) tally.add(from, s.service, 1);
  }
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as LinkedSpan;
    if (s.outgoing && hasChild[i] === 0 && s.service && s.remote) tally.add(s.service, s.remote, 1);
  }
}
