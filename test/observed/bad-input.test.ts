// Bad observed input (SPEC §7, §1): every case is a diagnostic value naming the file, with line and column where
// there is one; nothing is thrown, and nothing but a regular file is ever opened.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readObservedFile } from "../../src/observed/read.js";

const dir = mkdtempSync(join(tmpdir(), "catch22-bad-observed-"));
let n = 0;
function write(content: string): string {
  const file = join(dir, `bad-${n++}.json`);
  writeFileSync(file, content);
  return file;
}

async function only(path: string, options = {}) {
  const r = await readObservedFile(path, "shown/name.json", options);
  expect(r.edges).toEqual([]);
  expect(r.format === null || r.diagnostics.length > 0).toBe(true);
  expect(r.diagnostics).toHaveLength(1);
  const d = r.diagnostics[0]!;
  expect(d.file).toBe("shown/name.json");
  return d;
}

describe("observed files of no known format", () => {
  it.each([
    ["a JSON object of another shape", '{"kind": "Service", "name": "x"}'],
    ["a JSON array of other items", '[{"name": "x"}]'],
    ["plain text", "hello, world\n"],
    ["Prometheus text of other metrics", "# TYPE http_requests_total counter\nhttp_requests_total 3\n"],
    ["an empty file", ""],
  ])("names the file and every format tried: %s", async (_, content) => {
    const d = await only(write(content));
    expect(d).toMatchObject({ line: 0, column: 0 });
    expect(d.message).toContain("not a known observed-traffic format");
    for (const title of [
      "dependency links",
      "Jaeger trace JSON",
      "Zipkin v2 spans",
      "OTLP JSON",
      "OTLP JSON lines",
      "Prometheus text",
      "Prometheus HTTP API JSON",
      "Kiali graph JSON",
    ]) {
      expect(d.message).toContain(title);
    }
  });
});

describe("malformed observed files", () => {
  it("gives the line and column of malformed JSON", async () => {
    const d = await only(write('[\n  {"parent": "a", "child": "b", "callCount": 1},\n  {"parent": "a" "child": "c"}\n]'));
    expect(d).toMatchObject({ line: 3, column: 18 });
    expect(d.message).toMatch(/^malformed JSON/);
  });
  it("gives the line and column of malformed JSON in a streamed trace file", async () => {
    const spans = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ traceId: "t", id: String(i), localEndpoint: { serviceName: "a" } }),
    );
    const file = write(`[\n${spans.join(",\n")},\n{"traceId": "t", "id": }\n]`);
    const d = await only(file, { streamAbove: 0, headBytes: 256 });
    expect(d).toMatchObject({ line: 52, column: 24 });
    expect(d.message).toMatch(/^malformed JSON/);
  });
  it("gives the line (and column) of a malformed JSON line", async () => {
    const line = JSON.stringify({ resourceSpans: [] });
    const d = await only(write(`${line}\n${line}\n{"resourceSpans": [}\n`));
    expect(d).toMatchObject({ line: 3, column: 20 });
    expect(d.message).toMatch(/^malformed JSON/);
  });
  it("says which JSON line is not OTLP", async () => {
    const line = JSON.stringify({ resourceSpans: [] });
    const d = await only(write(`${line}\n{"other": 1}\n`));
    expect(d).toMatchObject({ line: 2 });
  });
  it("gives the line of malformed Prometheus text", async () => {
    const d = await only(
      write(
        '# TYPE traces_service_graph_request_total counter\ntraces_service_graph_request_total{client="a",server="b"} 1\ntraces_service_graph_request_total{client="a",server=b} 2\n',
      ),
    );
    expect(d.line).toBe(3);
    expect(d.message).toMatch(/^malformed Prometheus text/);
  });
  it("refuses a sample value that is not a count, at its line", async () => {
    const d = await only(write('traces_service_graph_request_total{client="a",server="b"} -3\n'));
    expect(d.line).toBe(1);
    expect(d.message).toContain("is not a count");
  });
  it("refuses a dependency link without a count", async () => {
    const d = await only(write('{"data": [{"parent": "a", "child": "b", "callCount": "many"}]}'));
    expect(d.message).toContain("callCount is not a count");
  });
});

describe("observed paths that are not regular files", () => {
  it("never opens a FIFO", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    // Opening a FIFO with no writer would block: the test finishing at all shows it was not opened.
    const d = await only(fifo);
    expect(d.message).toContain("a FIFO, not a regular file: not opened");
  });
  it("never opens a device, even behind a link", async () => {
    const link = join(dir, "zero.json");
    symlinkSync("/dev/zero", link);
    expect((await only(link)).message).toContain("a device");
  });
  it("refuses a directory", async () => {
    const sub = join(dir, "sub");
    mkdirSync(sub);
    expect((await only(sub)).message).toContain("a directory");
  });
  it("reports a missing file", async () => {
    expect((await only(join(dir, "absent.json"))).message).toContain("ENOENT");
  });
  it("refuses a file over the size cap before reading it", async () => {
    const d = await only(write('{"data": []}'), { maxBytes: 4 });
    expect(d.message).toContain("over the limit of 4");
  });
});
