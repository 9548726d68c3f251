// Observed files written by real producers, not by hand: the OpenTelemetry JS SDK with its own OTLP JSON
// serializer, and prom-client's Prometheus text exposition (SPEC §7).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { context, SpanKind, trace } from "@opentelemetry/api";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Counter, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { readObservedFile } from "../../src/observed/read.js";

const dir = mkdtempSync(join(tmpdir(), "catch22-observed-"));

/** One provider per service, as each process would have its own, and the spans it exported. */
function service(name: string) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": name }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer("catch22-test"), spans: (): ReadableSpan[] => exporter.getFinishedSpans() };
}

/** frontend → cart (a client span and the server span under it), cart → redis (db.system), cart → payments (peer.service), cart → orders (producer). */
function runTraffic() {
  const frontend = service("frontend");
  const cart = service("cart");
  for (let i = 0; i < 3; i++) {
    const root = frontend.tracer.startSpan("GET /", { kind: SpanKind.SERVER });
    const rootCtx = trace.setSpan(context.active(), root);
    const call = frontend.tracer.startSpan("GET /cart", { kind: SpanKind.CLIENT }, rootCtx);
    const serve = cart.tracer.startSpan("GET /cart", { kind: SpanKind.SERVER }, trace.setSpan(context.active(), call));
    const serveCtx = trace.setSpan(context.active(), serve);
    cart.tracer.startSpan("GET", { kind: SpanKind.CLIENT, attributes: { "db.system": "redis" } }, serveCtx).end();
    if (i < 2) cart.tracer.startSpan("charge", { kind: SpanKind.CLIENT, attributes: { "peer.service": "payments" } }, serveCtx).end();
    if (i === 0) cart.tracer.startSpan("publish", { kind: SpanKind.PRODUCER, attributes: { "peer.service": "orders" } }, serveCtx).end();
    cart.tracer.startSpan("render", { kind: SpanKind.INTERNAL }, serveCtx).end();
    serve.end();
    call.end();
    root.end();
  }
  return { frontend: frontend.spans(), cart: cart.spans() };
}

const serialize = (spans: ReadableSpan[]): string => new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));

describe("observed files from real producers (SPEC §7)", () => {
  const expected = [
    { from: "cart", to: "orders", calls: 1 },
    { from: "cart", to: "payments", calls: 2 },
    { from: "cart", to: "redis", calls: 3 },
    { from: "frontend", to: "cart", calls: 3 },
  ];

  it("reads OTLP JSON written by the OpenTelemetry SDK's own serializer", async () => {
    const { frontend, cart } = runTraffic();
    const file = join(dir, "otel.json");
    writeFileSync(file, serialize([...frontend, ...cart]));
    const r = await readObservedFile(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.format).toBe("otlp-json");
    expect(r.edges.map(({ from, to, calls }) => ({ from, to, calls }))).toEqual(expected);
  });

  it("reads the SDK's export as JSON lines, one TracesData per service, a trace spanning lines", async () => {
    const { frontend, cart } = runTraffic();
    const file = join(dir, "otel.jsonl");
    writeFileSync(file, `${serialize(frontend)}\n${serialize(cart)}\n`);
    for (const streamAbove of [undefined, 0]) {
      const r = await readObservedFile(file, file, streamAbove === undefined ? {} : { streamAbove });
      expect(r.diagnostics).toEqual([]);
      expect(r.format).toBe("otlp-json-lines");
      expect(r.edges.map(({ from, to, calls }) => ({ from, to, calls }))).toEqual(expected);
    }
  });

  it("reads a streamed OTLP JSON document the same as a whole one", async () => {
    const { frontend, cart } = runTraffic();
    const file = join(dir, "otel-pretty.json");
    writeFileSync(file, JSON.stringify(JSON.parse(serialize([...frontend, ...cart])), null, 2));
    const r = await readObservedFile(file, file, { streamAbove: 0, headBytes: 64 });
    expect(r.diagnostics).toEqual([]);
    expect(r.format).toBe("otlp-json");
    expect(r.edges.map(({ from, to, calls }) => ({ from, to, calls }))).toEqual(expected);
  });

  it("reads prom-client's exposition of traces_service_graph_request_total and istio_requests_total (reporter=source only)", async () => {
    const registry = new Registry();
    const graph = new Counter({
      name: "traces_service_graph_request_total",
      help: "Total count of requests between two nodes",
      labelNames: ["client", "server", "connection_type"],
      registers: [registry],
    });
    graph.inc({ client: "frontend", server: "cart", connection_type: "" }, 20);
    graph.inc({ client: "cart", server: "postgres", connection_type: "database" }, 7);
    graph.inc({ client: "cart", server: "postgres", connection_type: "messaging_system" }, 1);
    const istio = new Counter({
      name: "istio_requests_total",
      help: "Requests",
      labelNames: ["reporter", "source_workload", "destination_workload", "response_code"],
      registers: [registry],
    });
    istio.inc({ reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v2", response_code: "200" }, 40);
    istio.inc({ reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v2", response_code: "503" }, 2);
    istio.inc({ reporter: "destination", source_workload: "productpage-v1", destination_workload: "reviews-v2", response_code: "200" }, 41);
    istio.inc({ reporter: "destination", source_workload: "unknown", destination_workload: "details-v1", response_code: "200" }, 5);
    const file = join(dir, "metrics.prom");
    writeFileSync(file, await registry.metrics());
    const r = await readObservedFile(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.format).toBe("prometheus-text");
    expect(r.edges.map(({ from, to, calls }) => ({ from, to, calls }))).toEqual([
      { from: "cart", to: "postgres", calls: 8 },
      { from: "frontend", to: "cart", calls: 20 },
      { from: "productpage-v1", to: "reviews-v2", calls: 42 },
    ]);
    expect(r.edges.every((e) => typeof e.line === "number" && e.line > 0)).toBe(true);
  });
});
