// Every real observed-traffic file of ../shared/realdata read by the SPEC §7 readers, checked against a plain
// reading of its format written here (and the edge counts its README gives by the same rule).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readObservedFile } from "../../src/observed/read.js";
import type { ObservedEdge } from "../../src/observed/types.js";
import { IN_CI, REALDATA, SKIP_REALDATA } from "./realdata.js";

/** A foreign file's JSON, read by hand the way its format documents it. */
// biome-ignore lint/suspicious/noExplicitAny: the tests walk each format's raw JSON as its documentation describes it
type Raw = any;

const dir = (p: string): string => join(REALDATA ?? "/nonexistent", "observed", p);
const json = (p: string): Raw => JSON.parse(readFileSync(dir(p), "utf8"));

/** Edges as "from → to" → calls, self-edges left out (mapping drops them). */
function table(edges: readonly ObservedEdge[]): Map<string, number | null> {
  return new Map(edges.filter((e) => e.from !== e.to).map((e) => [`${e.from} → ${e.to}`, e.calls]));
}

function tally(pairs: Iterable<[string, string, number | null]>): Map<string, number | null> {
  const m = new Map<string, number | null>();
  for (const [a, b, c] of pairs) {
    if (a === b) continue;
    const k = `${a} → ${b}`;
    const prev = m.get(k);
    m.set(k, c === null ? (prev ?? null) : (prev ?? 0) + c);
  }
  return m;
}

/** Both readings of spans: rule (1) by the parent map, rule (2) for client/producer spans without a child. */
function* spanRules(spans: { id: string; parent: string; service: string; outgoing: boolean; remote?: string }[]) {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const parents = new Set<string>();
  for (const s of spans) {
    const p = byId.get(s.parent);
    if (p === undefined) continue;
    parents.add(p.id);
    yield [p.service, s.service, 1] as [string, string, number];
  }
  for (const s of spans) if (s.outgoing && !parents.has(s.id) && s.remote) yield [s.service, s.remote, 1] as [string, string, number];
}

async function read(p: string, streamAbove?: number) {
  const r = await readObservedFile(dir(p), p, streamAbove === undefined ? {} : { streamAbove });
  expect(r.diagnostics).toEqual([]);
  return r;
}

describe.skipIf(SKIP_REALDATA)("real observed files (SPEC §7)", () => {
  it("finds the shared real data (required under CI=true)", () => {
    if (IN_CI) expect(REALDATA, "CI=true needs ../shared/realdata").toBeDefined();
  });

  for (const [name, file, services, edges] of [
    ["large", "jaeger-ui-dependencies-large/large.json", 1238, 4271],
    ["small", "jaeger-ui-dependencies-small/small.json", 8, 7],
  ] as const) {
    it(`reads the jaeger-ui ${name} dependency links: every link, callCount as calls`, async () => {
      const links: { parent: string; child: string; callCount: number }[] = json(file);
      const expected = tally(links.map((l) => [l.parent, l.child, l.callCount]));
      for (const stream of [undefined, 0]) {
        const r = await read(file, stream);
        expect(r.format).toBe("dependency-links");
        expect(table(r.edges)).toEqual(expected);
        expect(r.edges.length).toBe(edges);
        expect(new Set(r.edges.flatMap((e) => [e.from, e.to])).size).toBe(services);
      }
    });
  }

  it("reads the small links by hand: Service2 → Service4 129,216 calls", async () => {
    const r = await read("jaeger-ui-dependencies-small/small.json");
    expect(table(r.edges).get("Service2 → Service4")).toBe(129216);
    expect(table(r.edges).get("Service8 → Service6")).toBe(30489);
  });

  it("reads the Jaeger genai trace: parent's process → child's, peer.service for childless clients", async () => {
    const trace = json("jaeger-ui-genai-trace/genaiTestTrace.json");
    const svc = (s: Raw): string => trace.processes[s.processID].serviceName;
    const tag = (s: Raw, k: string) => s.tags.find((t: Raw) => t.key === k)?.value;
    const spans = trace.spans.map((s: Raw) => ({
      id: s.spanID,
      parent: s.references[0]?.spanID ?? "",
      service: svc(s),
      outgoing: ["client", "producer"].includes(tag(s, "span.kind")),
      remote: tag(s, "peer.service"),
    }));
    const expected = tally(spanRules(spans));
    for (const stream of [undefined, 0]) {
      const r = await read("jaeger-ui-genai-trace/genaiTestTrace.json", stream);
      expect(r.format).toBe("jaeger-trace-json");
      expect(table(r.edges)).toEqual(expected);
    }
    const r = await read("jaeger-ui-genai-trace/genaiTestTrace.json");
    expect(table(r.edges).size).toBe(9); // the README's count by the same rule
    expect(table(r.edges).get("coding-agent → mcp-gateway")).toBe(7);
    expect(table(r.edges).get("api-edge → graphql-gateway")).toBe(1);
  });

  it("reads jaeger-ui's OTLP JSON lines: one service, no edge", async () => {
    const r = await read("jaeger-ui-otlp-jsonl/otlp2jaeger-multi-in.json.txt");
    expect(r.format).toBe("otlp-json-lines");
    expect(r.edges.filter((e) => e.from !== e.to)).toEqual([]);
  });

  for (const [file, count] of [
    ["kiali-service-graph/test_service_graph.expected", 13],
    ["kiali-versioned-app-graph/test_versioned_app_graph.expected", 18],
    ["kiali-workload-graph/test_workload_graph.expected", 18],
  ] as const) {
    it(`reads Kiali's ${file.split("/")[0]}: node names by node type, boxes never endpoints, no calls`, async () => {
      const g = json(file);
      const name = (d: Raw): string =>
        d.nodeType === "unknown"
          ? "unknown"
          : `${d.namespace}/${d.nodeType === "workload" ? d.workload : d.nodeType === "service" ? d.service : g.graphType === "versionedApp" ? `${d.app}@${d.version}` : d.app}`;
      const nodes = new Map(g.elements.nodes.filter((n: Raw) => n.data.nodeType !== "box").map((n: Raw) => [n.data.id, name(n.data)]));
      const all = g.elements.edges.map((e: Raw) => [nodes.get(e.data.source), nodes.get(e.data.target), null]);
      const r = await read(file);
      expect(r.format).toBe("kiali-graph");
      expect(table(r.edges)).toEqual(tally(all));
      expect(r.edges.length).toBe(count); // the README's count, self-edges kept
      expect(r.edges.every((e) => e.calls === null)).toBe(true);
    });
  }

  it("reads Kiali's names by hand: workloads with versions, the versioned app view, outside-mesh traffic", async () => {
    const w = table((await read("kiali-workload-graph/test_workload_graph.expected")).edges);
    expect(w.has("istio-system/ingressgateway-unknown → bookinfo/productpage-v1")).toBe(true);
    expect(w.has("unknown → bookinfo/kiali-2412")).toBe(true);
    const v = table((await read("kiali-versioned-app-graph/test_versioned_app_graph.expected")).edges);
    expect(v.has("bookinfo/productpage@v1 → bookinfo/reviews@v2")).toBe(true);
    expect([...v.keys()].some((k) => k.includes("6c86dcce") || k.endsWith("bookinfo/reviews"))).toBe(false);
  });

  it("reads Tempo's OTLP fixture (base64 ids, named kinds): the three edges its service-graph test asserts", async () => {
    const doc = json("tempo-servicegraph-queue-database/trace-with-queue-database.json");
    const spans = [];
    for (const rs of doc.batches ?? doc.resourceSpans) {
      const service = rs.resource.attributes.find((a: Raw) => a.key === "service.name").value.stringValue;
      for (const ss of rs.scopeSpans ?? rs.instrumentationLibrarySpans)
        for (const s of ss.spans) {
          const a = (k: string) => s.attributes?.find((x: Raw) => x.key === k)?.value.stringValue;
          spans.push({
            id: s.spanId,
            parent: s.parentSpanId ?? "",
            service,
            outgoing: ["SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", 3, 4].includes(s.kind),
            remote: a("peer.service") ?? a("db.name") ?? a("db.system") ?? a("db.system.name"),
          });
        }
    }
    const r = await read("tempo-servicegraph-queue-database/trace-with-queue-database.json");
    expect(r.format).toBe("otlp-json");
    expect(table(r.edges)).toEqual(tally(spanRules(spans)));
    expect([...table(r.edges).keys()]).toEqual([
      "mythical-requester → mythical-recorder",
      "mythical-requester → mythical-server",
      "mythical-server → postgres",
    ]);
  });

  /** Zipkin by SPEC §7's words: a server span sharing a client's id is its child; a parentId that is a shared id means that id's SERVER span. */
  function zipkinReading(all: Raw[]): Map<string, number | null> {
    const pairs: [string, string, number][] = [];
    const traces = new Map<string, Raw[]>();
    // Zipkin reports one span in pieces (same id, kind and service): one span, one call.
    const pieces = new Set<string>();
    for (const s of all.flat()) {
      const piece = `${s.traceId}/${s.id}/${s.kind}/${s.localEndpoint?.serviceName}`;
      if (pieces.has(piece)) continue;
      pieces.add(piece);
      traces.set(s.traceId, [...(traces.get(s.traceId) ?? []), s]);
    }
    for (const spans of traces.values()) {
      const server = (s: Raw) => s.kind === "SERVER" || (s.shared && s.kind !== "CLIENT");
      const parentOf = (s: Raw): Raw => {
        if (server(s)) {
          const c = spans.find((x) => x.id === s.id && !server(x));
          if (c) return c;
        }
        if (!s.parentId) return undefined;
        const same = spans.filter((x) => x.id === s.parentId && x !== s);
        const servers = same.filter(server);
        return servers.find((x) => x.localEndpoint?.serviceName === s.localEndpoint?.serviceName) ?? servers[0] ?? same[0];
      };
      const hasChild = new Set<Raw>();
      for (const s of spans) {
        const p = parentOf(s);
        if (!p) continue;
        hasChild.add(p);
        if (p.localEndpoint?.serviceName && s.localEndpoint?.serviceName)
          pairs.push([p.localEndpoint.serviceName, s.localEndpoint.serviceName, 1]);
      }
      for (const s of spans)
        if ((s.kind === "CLIENT" || s.kind === "PRODUCER") && !hasChild.has(s) && s.remoteEndpoint?.serviceName)
          pairs.push([s.localEndpoint?.serviceName, s.remoteEndpoint.serviceName, 1]);
    }
    return tally(pairs);
  }

  for (const [file, count] of [
    ["zipkin-smartthings-mobile-web-install/smartthings-mobile-web-install.json", 28],
    ["zipkin-smartthings-oauth-authorization/smartthings-oauth-authorization.json", 9],
    ["zipkin-yelp/yelp.json", 10],
  ] as const) {
    it(`reads Zipkin's ${file.split("/")[0]}: shared client/server ids linked as SPEC §7 says`, async () => {
      const expected = zipkinReading(json(file));
      for (const stream of [undefined, 0]) {
        const r = await read(file, stream);
        expect(r.format).toBe("zipkin-v2-spans");
        expect(table(r.edges)).toEqual(expected);
        expect(table(r.edges).size).toBe(count); // the README's count by the same rule
      }
    });
  }

  it("reads Yelp's trace by hand: the shared server span is the parent of its local children", async () => {
    const t = table((await read("zipkin-yelp/yelp.json")).edges);
    expect(t.get("routing → unknown")).toBe(1);
    expect(t.get("unknown → yelp_main/api_proxy")).toBe(1);
    expect(t.get("yelp_main/api_proxy → yelp-main")).toBe(2);
    expect(t.get("yelp-main → mobile_api")).toBe(1);
    expect(t.get("yelp-main → memcache")).toBe(3);
    expect(t.has("unknown → yelp-main")).toBe(false);
  });

  /** Nezha's span CSV: parent pod → child pod, one call per span whose parent is in the trace. */
  function nezhaReading(csv: string): Map<string, number | null> {
    const lines = csv.split(/\r?\n/).filter((l) => l !== "");
    const head = (lines[0] as string).split(",");
    const col = (n: string) => head.indexOf(n);
    const rows = lines.slice(1).map((l) => l.split(","));
    const key = (r: string[]) => `${r[col("TraceID")]}/${r[col("SpanID")]}`;
    const pod = new Map(rows.map((r) => [key(r), r[col("PodName")] as string]));
    return tally(
      rows.flatMap((r) => {
        const p = pod.get(`${r[col("TraceID")]}/${r[col("ParentID")]}`);
        return p === undefined ? [] : [[p, r[col("PodName")] as string, 1] as [string, string, number]];
      }),
    );
  }

  for (const [csv, derived, count, format] of [
    ["nezha-online-boutique-trace/17_00_trace.csv", "nezha-online-boutique-trace/17_00_trace.otlp.jsonl", 13, "otlp-json-lines"],
    ["nezha-train-ticket-trace/12_31_trace.csv", "nezha-train-ticket-trace/12_31_trace.otlp.json", 55, "otlp-json"],
  ] as const) {
    it(`refuses Nezha's span CSV ${csv.split("/")[1]} (not a SPEC §7 format), and reads its OTLP rewrite as the CSV says`, async () => {
      const r = await readObservedFile(dir(csv), csv);
      expect(r.format).toBeNull();
      expect(r.diagnostics[0]?.message).toMatch(/not a known observed-traffic format \(tried: dependency links/);
      const expected = nezhaReading(readFileSync(dir(csv), "utf8"));
      expect(expected.size).toBe(count);
      const d = await readObservedFile(join(REALDATA ?? "", "observed-derived", derived), derived);
      expect(d.diagnostics).toEqual([]);
      expect(d.format).toBe(format);
      expect(table(d.edges)).toEqual(expected);
    });
  }
});
