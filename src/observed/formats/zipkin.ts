// Zipkin v2 spans (an array of spans, or /api/v2/traces: an array of such arrays), linked the way Zipkin's
// own tree builder links B3's shared client/server span ids (SPEC §7).
import { isObject } from "../json.js";
import { type LinkedSpan, tallyLinkedTrace } from "../spans.js";
import { streamValuesAt, topItems } from "../stream.js";
import { EdgeTally } from "../tally.js";
import type { ObservedFormat, Sample } from "../types.js";

function isSpan(v: unknown): boolean {
  return isObject(v) && typeof v.traceId === "string" && typeof v.id === "string" && !("spanId" in v);
}

function detect(sample: Sample): boolean {
  const json = sample.json;
  if (!Array.isArray(json)) return false;
  const items = sample.complete ? json : json.slice(0, -1);
  if (items.length === 0) {
    // A partial array whose first item is unfinished: judge by what that item shows so far.
    const first = json[0];
    const inner = Array.isArray(first) ? first[0] : first;
    return !sample.complete && isSpan(inner);
  }
  return items.every((t) => isSpan(t) || (Array.isArray(t) && t.length > 0 && t.every(isSpan)));
}

/** A span as the linking needs it, after Zipkin's cleaning (ids padded, no self-parent). */
interface ZSpan {
  traceId: string;
  id: string;
  parentId: string;
  kind: string;
  /** The server half of an RPC: a SERVER span, or one flagged `shared` (never a CLIENT). */
  server: boolean;
  service: string | null;
  remote: string | null;
}

function endpointName(e: unknown): string | null {
  return isObject(e) && typeof e.serviceName === "string" && e.serviceName !== "" ? e.serviceName : null;
}

function clean(v: Record<string, unknown>): ZSpan {
  const id = String(v.id).padStart(16, "0");
  const parentRaw = typeof v.parentId === "string" && v.parentId !== "" ? v.parentId.padStart(16, "0") : "";
  const kind = typeof v.kind === "string" ? v.kind : "";
  const traceRaw = String(v.traceId);
  // Zipkin treats a 128-bit id whose high half is zero as the 64-bit id.
  let traceId = traceRaw.length > 16 ? traceRaw.padStart(32, "0") : traceRaw.padStart(16, "0");
  if (traceId.startsWith("0000000000000000") && traceId.length === 32) traceId = traceId.slice(16);
  return {
    traceId,
    id,
    parentId: parentRaw === id ? "" : parentRaw,
    kind,
    server: kind === "SERVER" || (v.shared === true && kind !== "CLIENT"),
    service: endpointName(v.localEndpoint),
    remote: endpointName(v.remoteEndpoint),
  };
}

/**
 * Zipkin reports one span in pieces (same id, same side, same service): merges them, so that a span counts
 * once. The client side and each server of an id stay apart.
 */
function merge(spans: readonly ZSpan[]): ZSpan[] {
  const byKey = new Map<string, ZSpan>();
  for (const s of spans) {
    const key = `${s.id}|${s.server ? `S|${s.service ?? ""}` : "C"}`;
    const prev = byKey.get(key);
    if (prev === undefined) {
      byKey.set(key, { ...s });
      continue;
    }
    prev.parentId ||= s.parentId;
    prev.kind ||= s.kind;
    prev.service ??= s.service;
    prev.remote ??= s.remote;
  }
  return [...byKey.values()];
}

/**
 * Each span's parent (SPEC §7, as Zipkin links B3's shared ids): a server span sharing its id with a client
 * span is that span's child; a span whose parentId is a shared id is the child of that id's SERVER span (the
 * one of its own service when several servers answered); otherwise the span with its parentId.
 */
function link(spans: readonly ZSpan[]): LinkedSpan[] {
  const byId = new Map<string, { client: number; servers: number[] }>();
  spans.forEach((s, i) => {
    let e = byId.get(s.id);
    if (e === undefined) {
      e = { client: -1, servers: [] };
      byId.set(s.id, e);
    }
    if (s.server) e.servers.push(i);
    else if (e.client < 0) e.client = i;
  });
  return spans.map((s, i) => {
    let parent = -1;
    const own = byId.get(s.id)!;
    if (s.server && own.client >= 0) parent = own.client;
    else if (s.parentId !== "") {
      const p = byId.get(s.parentId);
      // With servers on that id (shared or not), the server is the span the child ran under.
      if (p !== undefined) parent = p.servers.find((j) => (spans[j] as ZSpan).service === s.service) ?? p.servers[0] ?? p.client;
    }
    return {
      service: s.service,
      parent: parent === i ? -1 : parent,
      outgoing: s.kind === "CLIENT" || s.kind === "PRODUCER",
      remote: s.remote,
    };
  });
}

export const zipkinV2Spans: ObservedFormat = {
  id: "zipkin-v2-spans",
  title: "Zipkin v2 spans",
  detect,
  async read(source) {
    const byTrace = new Map<string, ZSpan[]>();
    const add = (item: unknown): void => {
      for (const v of Array.isArray(item) ? item : [item]) {
        if (!isObject(v) || typeof v.traceId !== "string" || typeof v.id !== "string") continue;
        const s = clean(v);
        const list = byTrace.get(s.traceId);
        if (list === undefined) byTrace.set(s.traceId, [s]);
        else list.push(s);
      }
    };
    if (source.sample.complete) for (const item of source.sample.json as unknown[]) add(item);
    else await streamValuesAt(source.stream(), topItems, add);
    const tally = new EdgeTally();
    for (const spans of byTrace.values()) tallyLinkedTrace(link(merge(spans)), tally);
    return { edges: tally.edges(), diagnostics: [] };
  },
};
