// Service-graph metrics (Collector servicegraph connector, Tempo, Istio) as Prometheus text exposition or
// Prometheus HTTP API JSON: client → server, the latest sample of each series as calls (SPEC §7).
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { isObject } from "../json.js";
import { EdgeTally } from "../tally.js";
import type { FormatResult, ObservedFormat, Sample } from "../types.js";

/** The metrics read, and the labels that name each edge's ends. */
const METRICS: Record<string, { from: string; to: string }> = {
  traces_service_graph_request_total: { from: "client", to: "server" },
  istio_requests_total: { from: "source_workload", to: "destination_workload" },
};

/** A sample's ends, or null when it is not a sample the rules count (istio counts `reporter="source"` only). */
function endsOf(metric: string, labels: Record<string, string>): { from: string; to: string } | null {
  const spec = METRICS[metric];
  if (spec === undefined) return null;
  const from = labels[spec.from];
  const to = labels[spec.to];
  if (!from || !to) return null;
  // An aggregated query (`sum by (source_workload, destination_workload)`) drops `reporter`: it counts as given.
  if (metric === "istio_requests_total" && labels.reporter !== undefined && labels.reporter !== "source") return null;
  return { from, to };
}

/** Latest sample per series: keyed by the metric and its sorted labels. */
class Series {
  private readonly latest = new Map<string, { from: string; to: string; time: number; value: number; line?: number }>();

  add(metric: string, labels: Record<string, string>, time: number, value: number, line?: number): void {
    const ends = endsOf(metric, labels);
    if (ends === null) return;
    const key = JSON.stringify([
      metric,
      ...Object.keys(labels)
        .sort()
        .map((k) => [k, labels[k]]),
    ]);
    const prev = this.latest.get(key);
    if (prev !== undefined && prev.time > time) return;
    this.latest.set(key, { ...ends, time, value, ...(line === undefined ? {} : { line: prev?.line ?? line }) });
  }

  edges(): FormatResult["edges"] {
    const tally = new EdgeTally();
    for (const s of this.latest.values()) tally.add(s.from, s.to, s.value, s.line);
    return tally.edges();
  }
}

const METRIC_LINE = /^(?:#\s*TYPE\s+)?(traces_service_graph_request_total|istio_requests_total)\b/m;

function looksLikeText(sample: Sample): boolean {
  const start = sample.head.trimStart()[0];
  return start !== "{" && start !== "[" && METRIC_LINE.test(sample.head);
}

/** The 1-based line of `text` whose content is `bad` (the parser names the line, not its number). */
function lineOf(text: string, bad: string): number {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l === bad || l.trim() === bad.trim());
  return i < 0 ? 0 : i + 1;
}

/** The line numbers of each metric's samples, in order, so edges can point at their first line. */
function sampleLines(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(lines[i] as string);
    if (m === null) continue;
    const list = out.get(m[1] as string);
    if (list === undefined) out.set(m[1] as string, [i + 1]);
    else list.push(i + 1);
  }
  return out;
}

export const prometheusText: ObservedFormat = {
  id: "prometheus-text",
  title: "Prometheus text exposition",
  detect: looksLikeText,
  async read(source) {
    const text = await source.text();
    let families: { name: string; metrics: { value?: string; labels?: Record<string, string>; timestamp_ms?: string }[] }[];
    try {
      families = parsePrometheusTextFormat(text);
    } catch (e) {
      const message = String((e as Error).message ?? e);
      const bad = message.replace(/^Encountered invalid line: /, "");
      return { edges: [], diagnostics: [{ line: lineOf(text, bad), column: 0, message: `malformed Prometheus text: ${message}` }] };
    }
    const lines = sampleLines(text);
    const series = new Series();
    const diagnostics: FormatResult["diagnostics"] = [];
    for (const family of families) {
      if (METRICS[family.name] === undefined) continue;
      const at = lines.get(family.name) ?? [];
      family.metrics.forEach((m, i) => {
        const value = Number(m.value);
        const line = at[i] ?? 0;
        if (!Number.isFinite(value) || value < 0) {
          diagnostics.push({ line, column: 0, message: `${family.name} sample value ${JSON.stringify(m.value)} is not a count` });
          return;
        }
        series.add(family.name, m.labels ?? {}, m.timestamp_ms === undefined ? 0 : Number(m.timestamp_ms), value, line);
      });
    }
    return { edges: series.edges(), diagnostics };
  },
};

function isApiReply(v: unknown): v is { data: { resultType: string; result: unknown } } {
  return isObject(v) && typeof v.status === "string" && isObject(v.data) && typeof v.data.resultType === "string";
}

export const prometheusApiJson: ObservedFormat = {
  id: "prometheus-api-json",
  title: "Prometheus HTTP API JSON",
  detect: (sample: Sample) => isApiReply(sample.json),
  async read(source) {
    const json: unknown = source.sample.complete ? source.sample.json : JSON.parse(await source.text());
    if (!isApiReply(json)) return { edges: [], diagnostics: [{ line: 0, column: 0, message: "not a Prometheus API reply" }] };
    const result = Array.isArray(json.data.result) ? json.data.result : [];
    const series = new Series();
    const diagnostics: FormatResult["diagnostics"] = [];
    for (const r of result) {
      if (!isObject(r) || !isObject(r.metric)) continue;
      const labels = Object.fromEntries(Object.entries(r.metric).map(([k, v]) => [k, String(v)]));
      // A query result may lack __name__ (`sum by (client, server)`): the labels tell which metric it is.
      const metric = labels.__name__ ?? (labels.client !== undefined ? "traces_service_graph_request_total" : "istio_requests_total");
      const samples = Array.isArray(r.values) ? r.values : r.value !== undefined ? [r.value] : [];
      for (const s of samples) {
        if (!Array.isArray(s) || s.length < 2) continue;
        const value = Number(s[1]);
        if (!Number.isFinite(value) || value < 0) {
          diagnostics.push({ line: 0, column: 0, message: `${metric} sample value ${JSON.stringify(s[1])} is not a count` });
          continue;
        }
        series.add(metric, labels, Number(s[0]), value);
      }
    }
    return { edges: series.edges(), diagnostics };
  },
};
