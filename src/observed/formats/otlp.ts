// OTLP JSON (spec "JSON Protobuf Encoding", legacy `batches`/`instrumentationLibrarySpans`) and the Collector
// file exporter's JSON lines: hex or base64 ids, integer or named span kinds; spans by SPEC §7.
import { isObject, jsonError } from "../json.js";
import { SpanTable } from "../spans.js";
import { itemsUnder, streamValuesAt } from "../stream.js";
import type { FormatResult, ObservedFormat, Sample } from "../types.js";

function isTracesData(v: unknown): v is Record<string, unknown> {
  return isObject(v) && (Array.isArray(v.resourceSpans) || Array.isArray(v.batches));
}

/** The remote a client or producer span names: Tempo's default peer attributes, in order. */
const PEER_KEYS = ["peer.service", "db.name", "db.system", "db.system.name"];

/** OTLP span kinds that leave the service: CLIENT (3) and PRODUCER (4), as integers or enum names. */
function isOutgoing(kind: unknown): boolean {
  return kind === 3 || kind === 4 || kind === "SPAN_KIND_CLIENT" || kind === "SPAN_KIND_PRODUCER" || kind === "3" || kind === "4";
}

const HEX = /^[0-9a-fA-F]+$/;
const UPPER = /[A-F]/;

/** One spelling per id: hex as the spec writes it (16 or 32 digits), base64 (protobuf JSON writers) turned to hex. */
export function normaliseId(id: unknown): string {
  if (typeof id !== "string" || id === "") return "";
  if ((id.length === 16 || id.length === 32) && HEX.test(id)) return UPPER.test(id) ? id.toLowerCase() : id;
  const bytes = Buffer.from(id, "base64");
  return bytes.length > 0 ? bytes.toString("hex") : id;
}

/** A span id for the span table, which reads 16 hex digits itself (any case); base64 (12 characters) is turned to hex. */
function spanId(id: unknown): string {
  return typeof id === "string" && id.length === 16 ? id : normaliseId(id);
}

function attr(attributes: unknown, key: string): string | null {
  if (!Array.isArray(attributes)) return null;
  for (const a of attributes) {
    if (!isObject(a) || a.key !== key || !isObject(a.value)) continue;
    const v = a.value;
    const s = v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue;
    if (s !== undefined && s !== null && s !== "") return String(s);
  }
  return null;
}

function remoteOf(attributes: unknown): string | null {
  for (const key of PEER_KEYS) {
    const v = attr(attributes, key);
    if (v !== null) return v;
  }
  return null;
}

/** Adds the spans of one `ResourceSpans` (service from its resource's `service.name`). */
let lastRaw: unknown;
let lastTrace = "";

function addResourceSpans(rs: unknown, table: SpanTable): void {
  if (!isObject(rs)) return;
  const service = table.intern(isObject(rs.resource) ? attr(rs.resource.attributes, "service.name") : null);
  const scopes = rs.scopeSpans ?? rs.instrumentationLibrarySpans;
  if (!Array.isArray(scopes)) return;
  for (const scope of scopes) {
    if (!isObject(scope) || !Array.isArray(scope.spans)) continue;
    for (const span of scope.spans) {
      if (!isObject(span)) continue;
      const remote = isOutgoing(span.kind) ? table.intern(remoteOf(span.attributes)) : -1;
      // The spans of a batch mostly share one trace id: normalise it once per run.
      if (span.traceId !== lastRaw) {
        lastRaw = span.traceId;
        lastTrace = normaliseId(span.traceId);
      }
      table.addSpan(lastTrace, spanId(span.spanId), spanId(span.parentSpanId), service, remote);
    }
  }
}

function addTracesData(doc: Record<string, unknown>, table: SpanTable): void {
  const list = (doc.resourceSpans ?? doc.batches) as unknown[];
  for (const rs of list) addResourceSpans(rs, table);
}

function finish(table: SpanTable, diagnostics: FormatResult["diagnostics"] = []): FormatResult {
  return { edges: table.edges(), diagnostics };
}

export const otlpJson: ObservedFormat = {
  id: "otlp-json",
  title: "OTLP JSON",
  // A one-line file is one document: read it as OTLP JSON; a large file whose first line is a whole object is JSON lines.
  detect: (sample: Sample) => isTracesData(sample.json) && (sample.complete || sample.firstLine === undefined),
  async read(source) {
    const table = new SpanTable();
    if (source.sample.complete) addTracesData(source.sample.json as Record<string, unknown>, table);
    else await streamValuesAt(source.stream(), itemsUnder("resourceSpans", "batches"), (rs) => addResourceSpans(rs, table));
    return finish(table);
  },
};

export const otlpJsonLines: ObservedFormat = {
  id: "otlp-json-lines",
  title: "OTLP JSON lines",
  detect: (sample: Sample) => isTracesData(sample.firstLine) && !(sample.complete && isTracesData(sample.json)),
  async read(source) {
    const table = new SpanTable();
    const diagnostics: FormatResult["diagnostics"] = [];
    // Lines split by hand over large chunks: readline costs more than the JSON.parse it feeds.
    let n = 0;
    const onLine = (raw: string): void => {
      n++;
      const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      // Blank lines are allowed; trim only what could be one (no copy of every line).
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === "")) return;
      let doc: unknown;
      try {
        doc = JSON.parse(line);
      } catch {
        const err = jsonError(line);
        diagnostics.push({ line: n, column: err?.column ?? 0, message: err?.message ?? "malformed JSON" });
        return;
      }
      if (!isTracesData(doc)) {
        diagnostics.push({ line: n, column: 1, message: "line is not an OTLP TracesData object (no resourceSpans)" });
        return;
      }
      addTracesData(doc, table);
    };
    let rest = "";
    for await (const chunk of source.stream({ encoding: "utf8", highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
        onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest !== "") onLine(rest);
    return finish(table, diagnostics);
  },
};
