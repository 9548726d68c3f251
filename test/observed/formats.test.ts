// Each format of SPEC §7's table: its shapes, recognised by content alone, and its edges.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OBSERVED_FORMATS } from "../../src/observed/formats/index.js";
import { normaliseId } from "../../src/observed/formats/otlp.js";
import { readObservedFile } from "../../src/observed/read.js";

const dir = mkdtempSync(join(tmpdir(), "catch22-formats-"));
let n = 0;

/** Writes `content` under a name that says nothing of its format, and reads it (whole, then streamed). */
async function edgesOf(content: unknown, streamed = false) {
  const file = join(dir, `input-${n++}.dat`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 1));
  const r = await readObservedFile(file, file, streamed ? { streamAbove: 0, headBytes: 300 } : {});
  expect(r.diagnostics).toEqual([]);
  return { format: r.format, edges: r.edges.map((e) => `${e.from} → ${e.to} ${e.calls}`) };
}

describe("dependency links", () => {
  const links = [
    { parent: "a", child: "b", callCount: 3 },
    { parent: "a", child: "b", callCount: 4, errorCount: 1 },
    { parent: "b", child: "c", callCount: 0 },
  ];
  it.each([
    ["Jaeger /api/dependencies", { data: links }],
    ["Zipkin /api/v2/dependencies (bare array)", links],
    ["spark-dependencies document", { timestamp: 1, dependencies: links }],
  ])("reads %s: parent → child, callCount calls added up", async (_, doc) => {
    for (const streamed of [false, true]) {
      expect(await edgesOf(doc, streamed)).toEqual({ format: "dependency-links", edges: ["a → b 7", "b → c 0"] });
    }
  });
});

const jaegerTrace = {
  traceID: "t1",
  processes: { p1: { serviceName: "web" }, p2: { serviceName: "api" } },
  spans: [
    { traceID: "t1", spanID: "1", references: [], processID: "p1", tags: [{ key: "span.kind", value: "server" }] },
    {
      traceID: "t1",
      spanID: "2",
      references: [{ refType: "CHILD_OF", spanID: "1" }],
      processID: "p1",
      tags: [{ key: "span.kind", value: "client" }],
    },
    { traceID: "t1", spanID: "3", references: [{ refType: "CHILD_OF", spanID: "2" }], processID: "p2", tags: [] },
    {
      traceID: "t1",
      spanID: "4",
      references: [{ refType: "CHILD_OF", spanID: "3" }],
      processID: "p2",
      tags: [
        { key: "span.kind", value: "client" },
        { key: "peer.service", value: "db" },
      ],
    },
    { traceID: "t1", spanID: "5", references: [{ refType: "CHILD_OF", spanID: "9" }], processID: "p2", tags: [] },
  ],
};

describe("Jaeger trace JSON", () => {
  it.each([
    ["the UI export / api/traces reply", { data: [jaegerTrace] }],
    ["one trace alone", jaegerTrace],
    ["an array of traces", [jaegerTrace]],
  ])("reads %s: parent process → child process, peer.service for a childless client", async (_, doc) => {
    for (const streamed of [false, true]) {
      expect(await edgesOf(doc, streamed)).toEqual({ format: "jaeger-trace-json", edges: ["api → db 1", "web → api 1"] });
    }
  });
});

describe("Zipkin v2 spans", () => {
  const ep = (serviceName: string) => ({ serviceName });
  const spans = [
    { traceId: "a1", id: "1", kind: "SERVER", localEndpoint: ep("gateway") },
    { traceId: "a1", id: "2", parentId: "1", kind: "CLIENT", localEndpoint: ep("gateway"), remoteEndpoint: ep("ignored") },
    // B3: the server shares the client's span id; its local child names the shared id as parent.
    { traceId: "a1", id: "2", parentId: "1", kind: "SERVER", shared: true, localEndpoint: ep("users") },
    { traceId: "a1", id: "3", parentId: "2", kind: "CLIENT", localEndpoint: ep("users"), remoteEndpoint: ep("mysql") },
    // One span reported in two pieces counts once.
    { traceId: "a1", id: "3", parentId: "2", kind: "CLIENT", localEndpoint: ep("users") },
  ];
  it("links a server span to the client span sharing its id, and a child of that id to the SERVER span", async () => {
    expect(await edgesOf(spans)).toEqual({ format: "zipkin-v2-spans", edges: ["gateway → users 1", "users → mysql 1"] });
  });
  it("reads /api/v2/traces (an array of traces) the same, streamed too", async () => {
    expect(await edgesOf([spans], true)).toEqual({ format: "zipkin-v2-spans", edges: ["gateway → users 1", "users → mysql 1"] });
  });
  it("backfills a server span that forgot the shared flag", async () => {
    const unflagged = spans.map((s) => ({ ...s, shared: undefined }));
    expect((await edgesOf(unflagged)).edges).toEqual(["gateway → users 1", "users → mysql 1"]);
  });
  it("with two servers on one id, a child goes under the server of its own service", async () => {
    const two = [
      { traceId: "b", id: "1", kind: "CLIENT", localEndpoint: ep("client") },
      { traceId: "b", id: "1", kind: "SERVER", shared: true, localEndpoint: ep("s1") },
      { traceId: "b", id: "1", kind: "SERVER", shared: true, localEndpoint: ep("s2") },
      { traceId: "b", id: "2", parentId: "1", kind: "CLIENT", localEndpoint: ep("s2"), remoteEndpoint: ep("cache") },
    ];
    expect((await edgesOf(two)).edges).toEqual(["client → s1 1", "client → s2 1", "s2 → cache 1"]);
  });
});

/** OTLP: `ids` hex or base64, `kind` integer or named. */
function otlp(kind: (k: number) => unknown, id: (hex: string) => string, legacy = false) {
  const span = (s: string, p: string, k: number, attributes: unknown[] = []) => ({
    traceId: id("0af7651916cd43dd8448eb211c80319c"),
    spanId: id(s),
    parentSpanId: p === "" ? "" : id(p),
    name: "op",
    kind: kind(k),
    attributes,
  });
  const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
  const rs = (service: string, spans: unknown[]) =>
    legacy
      ? { resource: { attributes: [str("service.name", service)] }, instrumentationLibrarySpans: [{ spans }] }
      : { resource: { attributes: [str("service.name", service)] }, scopeSpans: [{ scope: { name: "x" }, spans }] };
  const doc = [
    rs("web", [span("b7ad6b7169203331", "", 2), span("00f067aa0ba902b7", "b7ad6b7169203331", 3)]),
    rs("api", [
      span("1111111111111111", "00f067aa0ba902b7", 2),
      span("2222222222222222", "1111111111111111", 3, [str("db.system", "postgresql"), str("db.name", "orders")]),
      span("3333333333333333", "1111111111111111", 4, [str("peer.service", "kafka"), str("db.name", "nope")]),
      span("4444444444444444", "1111111111111111", 3, [str("db.system.name", "redis")]),
      span("5555555555555555", "1111111111111111", 1, [str("peer.service", "internal-is-not-a-call")]),
    ]),
  ];
  return legacy ? { batches: doc } : { resourceSpans: doc };
}

describe("OTLP JSON", () => {
  const names = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER"];
  const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");
  const expected = ["api → kafka 1", "api → orders 1", "api → redis 1", "web → api 1"];
  it.each([
    [
      "hex ids and integer kinds (the spec's encoding)",
      otlp(
        (k) => k,
        (h) => h,
      ),
    ],
    ["base64 ids and named kinds (protobuf JSON writers)", otlp((k) => names[k], b64)],
    ["the legacy batches / instrumentationLibrarySpans", otlp((k) => k, b64, true)],
    [
      "upper-case hex ids",
      otlp(
        (k) => k,
        (h) => h.toUpperCase(),
      ),
    ],
  ])("reads %s: peer.service, else db.name, db.system, db.system.name", async (_, doc) => {
    for (const streamed of [false, true]) expect(await edgesOf(doc, streamed)).toEqual({ format: "otlp-json", edges: expected });
  });
  it("reads JSON lines, a trace spanning lines", async () => {
    const doc = otlp(
      (k) => k,
      (h) => h,
    );
    const lines = doc.resourceSpans.map((rs) => JSON.stringify({ resourceSpans: [rs] })).join("\n");
    expect(await edgesOf(`${lines}\n\n`)).toEqual({ format: "otlp-json-lines", edges: expected });
    // A large file whose opening holds no whole line is streamed as concatenated OTLP JSON: the same edges.
    expect((await edgesOf(`${lines}\n\n`, true)).edges).toEqual(expected);
  });
  it("spells an id one way whether hex or base64", () => {
    expect(normaliseId("1gZXnld4dYc=")).toBe(Buffer.from("1gZXnld4dYc=", "base64").toString("hex"));
    expect(normaliseId("B7AD6B7169203331")).toBe("b7ad6b7169203331");
  });
});

describe("service-graph metrics", () => {
  it("reads Prometheus text: the latest sample of each series, series of one edge added up", async () => {
    const text = [
      "# HELP traces_service_graph_request_total Total count of requests between two nodes",
      "# TYPE traces_service_graph_request_total counter",
      'traces_service_graph_request_total{client="app",server="db",connection_type="database"} 20',
      'traces_service_graph_request_total{client="app",server="db",connection_type="messaging"} 2 1000',
      'traces_service_graph_request_total{client="app",server="db",connection_type="messaging"} 5 2000',
      'traces_service_graph_failed_request_total{client="app",server="db"} 9',
      'istio_requests_total{reporter="source",source_workload="a",destination_workload="b"} 3',
      'istio_requests_total{reporter="destination",source_workload="a",destination_workload="b"} 30',
      "",
    ].join("\n");
    expect(await edgesOf(text)).toEqual({ format: "prometheus-text", edges: ["a → b 3", "app → db 25"] });
  });
  it("reads Prometheus HTTP API JSON (vector and matrix, the latest sample)", async () => {
    const reply = {
      status: "success",
      data: {
        resultType: "matrix",
        result: [
          {
            metric: { __name__: "traces_service_graph_request_total", client: "a", server: "b" },
            values: [
              [1, "4"],
              [3, "9"],
              [2, "7"],
            ],
          },
          { metric: { client: "a", server: "c" }, values: [[1, "1"]] },
          {
            metric: { __name__: "istio_requests_total", reporter: "source", source_workload: "x", destination_workload: "y" },
            values: [[5, "2"]],
          },
          {
            metric: { __name__: "istio_requests_total", reporter: "destination", source_workload: "x", destination_workload: "y" },
            values: [[5, "8"]],
          },
        ],
      },
    };
    expect(await edgesOf(reply)).toEqual({ format: "prometheus-api-json", edges: ["a → b 9", "a → c 1", "x → y 2"] });
    const vector = {
      status: "success",
      data: { resultType: "vector", result: [{ metric: { client: "p", server: "q" }, value: [9, "12"] }] },
    };
    expect(await edgesOf(vector)).toEqual({ format: "prometheus-api-json", edges: ["p → q 12"] });
  });
});

describe("Kiali graph", () => {
  it("names nodes by node type and never makes a box an endpoint", async () => {
    const graph = {
      graphType: "versionedApp",
      elements: {
        nodes: [
          { data: { id: "box", nodeType: "box", isBox: "app", namespace: "ns", app: "reviews" } },
          { data: { id: "w", nodeType: "workload", namespace: "ns", workload: "front-v1" } },
          { data: { id: "r1", parent: "box", nodeType: "app", namespace: "ns", app: "reviews", version: "v1" } },
          { data: { id: "s", nodeType: "service", namespace: "ns", service: "ratings" } },
          { data: { id: "u", nodeType: "unknown", namespace: "unknown", workload: "unknown" } },
        ],
        edges: [
          { data: { id: "e1", source: "w", target: "r1" } },
          { data: { id: "e2", source: "r1", target: "s" } },
          { data: { id: "e3", source: "u", target: "w" } },
          { data: { id: "e4", source: "box", target: "s" } },
        ],
      },
    };
    expect(await edgesOf(graph)).toEqual({
      format: "kiali-graph",
      edges: ["ns/front-v1 → ns/reviews@v1 null", "ns/reviews@v1 → ns/ratings null", "unknown → ns/front-v1 null"],
    });
  });
});

describe("the format table", () => {
  it("has one module per format of SPEC §7 with a distinct id", () => {
    expect(OBSERVED_FORMATS.map((f) => f.id).sort()).toEqual([
      "dependency-links",
      "jaeger-trace-json",
      "kiali-graph",
      "otlp-json",
      "otlp-json-lines",
      "prometheus-api-json",
      "prometheus-text",
      "zipkin-v2-spans",
    ]);
  });
  it("recognises content, never the file name: links in a file named .prom", async () => {
    const file = join(dir, "metrics.prom");
    writeFileSync(file, JSON.stringify([{ parent: "a", child: "b", callCount: 1 }]));
    expect((await readObservedFile(file)).format).toBe("dependency-links");
  });
});
