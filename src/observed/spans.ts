// The span rules of SPEC §7 over the spans of one file, grouped by trace: parent's service → child's service,
// and a client or producer span with no child → the remote it names.
import { type EdgeTally, NameTally } from "./tally.js";
import type { ObservedEdge } from "./types.js";

/** A growable column of 32-bit numbers: a million spans cost a few typed arrays, not a million objects. */
class Column<T extends Int32Array | Uint32Array> {
  constructor(public data: T) {}
  /** Makes room for index `i`. */
  reserve(i: number): void {
    if (i < this.data.length) return;
    const bigger = new (this.data.constructor as new (n: number) => T)(Math.max(this.data.length * 2, i + 1));
    bigger.set(this.data);
    this.data = bigger;
  }
}

const int = (): Column<Int32Array> => new Column(new Int32Array(1024));
const uint = (): Column<Uint32Array> => new Column(new Uint32Array(1024));

/** The value of a hex digit, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * The spans of one file in columns. Span ids are kept as numbers, not strings: an id of up to 16 hex digits
 * (what OTLP, Jaeger and Zipkin write) is its 64-bit value in two halves, any other id an interned index with
 * its own tag, so comparing ids stays exact while a million spans retain no string each.
 */
export class SpanTable {
  private readonly traceIndex = new Map<string, number>();
  private readonly otherIds = new Map<string, number>();
  private readonly tally = new NameTally();
  private readonly trace = int();
  /** Per span: id tag (0 none, 1 hex, 2 other), high and low halves; the same for its parent id. */
  private readonly idTag = uint();
  private readonly idHi = uint();
  private readonly idLo = uint();
  private readonly parTag = uint();
  private readonly parHi = uint();
  private readonly parLo = uint();
  private readonly service = int();
  private readonly remote = int();
  private tag = 0;
  private hi = 0;
  private lo = 0;

  private count = 0;
  private readonly columns = [this.trace, this.idTag, this.idHi, this.idLo, this.parTag, this.parHi, this.parLo, this.service, this.remote];

  get size(): number {
    return this.count;
  }

  /** Sets `tag`, `hi`, `lo` for an id. */
  private parseId(id: string): void {
    const n = id.length;
    if (n === 0) {
      this.tag = 0;
      this.hi = 0;
      this.lo = 0;
      return;
    }
    if (n <= 16) {
      let hi = 0;
      let lo = 0;
      let ok = true;
      for (let i = 0; i < n; i++) {
        const d = hexDigit(id.charCodeAt(i));
        if (d < 0) {
          ok = false;
          break;
        }
        // Shift the 64-bit value left by one digit across the two halves.
        hi = ((hi << 4) | (lo >>> 28)) >>> 0;
        lo = ((lo << 4) | d) >>> 0;
      }
      if (ok) {
        this.tag = 1;
        this.hi = hi;
        this.lo = lo;
        return;
      }
    }
    let k = this.otherIds.get(id);
    if (k === undefined) {
      k = this.otherIds.size;
      this.otherIds.set(id, k);
    }
    this.tag = 2;
    this.hi = 0;
    this.lo = k;
  }

  /** The index of a service or remote name (-1 for none), so a caller naming one service for many spans interns it once. */
  intern(name: string | null): number {
    return name === null || name === "" ? -1 : this.tally.intern(name);
  }

  private lastTraceId = "";
  private lastTrace = -1;

  /**
   * One span; `parentId` "" when it has none; `service` and `remote` are interned names (-1: none).
   * `remote` is only given for a CLIENT or PRODUCER span, whose remote counts when no child span shows the call.
   */
  addSpan(traceId: string, spanId: string, parentId: string, service: number, remote: number): void {
    // The spans of one trace mostly come together: one lookup per run of them.
    let t = this.lastTrace;
    if (traceId !== this.lastTraceId || t < 0) {
      const known = this.traceIndex.get(traceId);
      if (known === undefined) {
        t = this.traceIndex.size;
        this.traceIndex.set(traceId, t);
      } else t = known;
      this.lastTraceId = traceId;
      this.lastTrace = t;
    }
    const i = this.count++;
    if (i >= this.trace.data.length) for (const c of this.columns) c.reserve(i);
    this.trace.data[i] = t;
    this.parseId(spanId);
    this.idTag.data[i] = this.tag;
    this.idHi.data[i] = this.hi;
    this.idLo.data[i] = this.lo;
    this.parseId(parentId);
    this.parTag.data[i] = this.tag;
    this.parHi.data[i] = this.hi;
    this.parLo.data[i] = this.lo;
    this.service.data[i] = service;
    this.remote.data[i] = remote;
  }

  /** `addSpan` with names. */
  add(traceId: string, spanId: string, parentId: string, service: string | null, outgoing: boolean, remote: string | null): void {
    this.addSpan(traceId, spanId, parentId, this.intern(service), outgoing ? this.intern(remote) : -1);
  }

  /** Applies the two span rules trace by trace: the edges, one call per edge-giving span, sorted by (from, to). */
  edges(): ObservedEdge[] {
    const n = this.count;
    const traces = this.traceIndex.size;
    const trace = this.trace.data;
    const [idTag, idHi, idLo] = [this.idTag.data, this.idHi.data, this.idLo.data];
    const [parTag, parHi, parLo] = [this.parTag.data, this.parHi.data, this.parLo.data];
    const service = this.service.data;
    const remote = this.remote.data;
    // Counting sort of the spans by trace: start[t]..start[t+1] holds trace t's spans in file order.
    const start = new Int32Array(traces + 1);
    for (let i = 0; i < n; i++) start[(trace[i] as number) + 1]++;
    for (let t = 0; t < traces; t++) start[t + 1] += start[t] as number;
    const fill = start.slice(0, traces);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[trace[i] as number]++] = i;

    const count = (from: number, to: number): void => this.tally.add(from, to, 1);
    // Within a trace, spans by the low half of their id, chained through `next` (exact: the chain compares all).
    const byLo = new Map<number, number>();
    const next = new Int32Array(n);
    const hasChild = new Uint8Array(n);
    for (let t = 0; t < traces; t++) {
      const lo = start[t] as number;
      const hi = start[t + 1] as number;
      byLo.clear();
      for (let k = lo; k < hi; k++) {
        const i = order[k] as number;
        if (idTag[i] === 0) continue;
        const key = idLo[i] as number;
        next[i] = byLo.get(key) ?? -1;
        byLo.set(key, i);
      }
      for (let k = lo; k < hi; k++) {
        const i = order[k] as number;
        if (parTag[i] === 0) continue;
        let j = byLo.get(parLo[i] as number) ?? -1;
        while (j >= 0 && (idTag[j] !== parTag[i] || idHi[j] !== parHi[i])) j = next[j] as number;
        if (j < 0 || j === i) continue;
        hasChild[j] = 1;
        const from = service[j] as number;
        const to = service[i] as number;
        if (from >= 0 && to >= 0 && from !== to) count(from, to);
      }
    }
    for (let i = 0; i < n; i++) {
      const to = remote[i] as number;
      if (to < 0 || hasChild[i] === 1) continue;
      const from = service[i] as number;
      if (from >= 0) count(from, to);
    }
    return this.tally.edges();
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
