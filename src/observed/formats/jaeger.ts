// Jaeger trace JSON (UI export, /api/traces): {"data": [trace]}, one trace alone, or an array of traces; spans by SPEC §7.
import { isObject } from "../json.js";
import { SpanTable } from "../spans.js";
import { itemsUnder, type JsonPath, streamValuesAt, topItems } from "../stream.js";
import type { ObservedFormat, Sample } from "../types.js";

/** A trace object's signature; a partial one (a prefix) may not show `processes` yet, which Jaeger writes last. */
function isTrace(v: unknown, partial: boolean): boolean {
  if (!isObject(v) || typeof v.traceID !== "string") return false;
  return partial ? Array.isArray(v.spans) || isObject(v.processes) : Array.isArray(v.spans) && isObject(v.processes);
}

/** Where the traces are: `data` items, top-level items, or the document itself. */
type Shape = "data" | "array" | "single";

function shapeOf(json: unknown, complete: boolean): Shape | undefined {
  const check = (items: unknown[]): boolean => {
    if (complete) return items.length > 0 && items.every((t) => isTrace(t, false));
    // A prefix: the traces it shows whole, or the unfinished first one.
    const seen = items.slice(0, -1);
    return seen.length > 0 ? seen.every((t) => isTrace(t, false)) : isTrace(items[0], true);
  };
  if (Array.isArray(json)) return check(json) ? "array" : undefined;
  if (!isObject(json)) return undefined;
  if (Array.isArray(json.data)) return check(json.data) ? "data" : undefined;
  return isTrace(json, !complete) ? "single" : undefined;
}

function tagValue(tags: unknown, key: string): string | null {
  if (!Array.isArray(tags)) return null;
  for (const t of tags) if (isObject(t) && t.key === key && t.value !== undefined && t.value !== null) return String(t.value);
  return null;
}

/** The parent span id: the first CHILD_OF reference, else the first reference, else the legacy `parentSpanID`. */
function parentOf(span: Record<string, unknown>): string {
  const refs = Array.isArray(span.references) ? span.references.filter(isObject) : [];
  const ref = refs.find((r) => r.refType === "CHILD_OF") ?? refs[0];
  if (ref !== undefined && typeof ref.spanID === "string") return ref.spanID;
  return typeof span.parentSpanID === "string" ? span.parentSpanID : "";
}

/** Adds one trace's spans to the table; services come from the trace's `processes` (or a span's own `process`). */
function addTrace(trace: unknown, table: SpanTable): void {
  if (!isObject(trace) || !Array.isArray(trace.spans)) return;
  const processes = isObject(trace.processes) ? trace.processes : {};
  const traceId = String(trace.traceID);
  for (const span of trace.spans) {
    if (!isObject(span) || typeof span.spanID !== "string") continue;
    const proc = isObject(span.process) ? span.process : processes[String(span.processID)];
    const service = isObject(proc) && typeof proc.serviceName === "string" ? proc.serviceName : null;
    const kind = tagValue(span.tags, "span.kind");
    const outgoing = kind === "client" || kind === "producer";
    table.add(
      typeof span.traceID === "string" ? span.traceID : traceId,
      span.spanID,
      parentOf(span),
      service,
      outgoing,
      tagValue(span.tags, "peer.service"),
    );
  }
}

export const jaegerTraceJson: ObservedFormat = {
  id: "jaeger-trace-json",
  title: "Jaeger trace JSON",
  detect: (sample: Sample) => shapeOf(sample.json, sample.complete) !== undefined,
  async read(source) {
    const { sample } = source;
    const table = new SpanTable();
    const shape = shapeOf(sample.json, sample.complete);
    if (sample.complete) {
      const json = sample.json as Record<string, unknown> | unknown[];
      const traces = shape === "single" ? [json] : shape === "array" ? (json as unknown[]) : ((json as { data: unknown[] }).data ?? []);
      for (const t of traces) addTrace(t, table);
    } else {
      // A lone trace is assembled whole (it is one trace); many traces are streamed one at a time.
      const at: (p: JsonPath) => boolean = shape === "data" ? itemsUnder("data") : shape === "array" ? topItems : (p) => p.length === 0;
      await streamValuesAt(source.stream(), at, (t) => addTrace(t, table));
    }
    return { edges: table.edges(), diagnostics: [] };
  },
};
