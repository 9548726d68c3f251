// serve under stress and attack: slow saves are analysed once whole, a failing re-analysis is a message, slow SSE clients are dropped, Host is always checked.
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ViewPayload } from "../../src/report/view-model.js";
import { hostChecker, isLoopback } from "../../src/server/hosts.js";
import type * as ServerModule from "../../src/server/index.js";
import type { RunningServer } from "../../src/server/index.js";
import { follow, raw, serve } from "../helpers/serve.js";

// The built server: it serves the built web view (dist/web), which the source tree does not hold.
const { analysisPayload, startServer } = (await import(`${process.cwd()}/dist/server/index.js`)) as typeof ServerModule;

const CONFIG = { rules: {}, ignore: [] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function serviceList(n: number): string {
  const lines = ["apiVersion: catch22/v1", "kind: ServiceList", "services:"];
  for (let i = 0; i < n; i++) lines.push(`  - name: s${i}`, `    runtime: [s${(i + 1) % n}]`, "    rollback: []");
  return `${lines.join("\n")}\n`;
}

/** What the page shows after each change the server pushes (diffs applied as web/live.ts does), until `stop()`. */
function listen(port: number): { events: ViewPayload[]; stop(): void; ready: Promise<void> } {
  const f = follow(port);
  return { events: f.states, ready: f.ready, stop: f.stop };
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("serve re-analyses only whole estates, and never dies of one", { timeout: 60_000 }, () => {
  it("a file written slowly, in pieces with pauses longer than the debounce, is pushed once, whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-slow-"));
    writeFileSync(join(dir, "a.yaml"), serviceList(10));
    running = await startServer({ paths: [dir], config: CONFIG, port: 0, host: "127.0.0.1", debounceMs: 100 });
    const l = listen(Number(new URL(running.url).port));
    await l.ready;
    const text = serviceList(2000);
    const pieces = 8;
    const size = Math.ceil(text.length / pieces);
    const { openSync, writeSync, closeSync } = await import("node:fs");
    const fd = openSync(join(dir, "a.yaml"), "w");
    for (let i = 0; i < pieces; i++) {
      // Cut at a line end, so each half-written state is valid YAML with fewer services.
      const end = i === pieces - 1 ? text.length : text.indexOf("\n", (i + 1) * size) + 1;
      writeSync(fd, text.slice(i === 0 ? 0 : text.indexOf("\n", i * size) + 1, end));
      await sleep(140);
    }
    closeSync(fd);
    for (let t = 0; t < 100 && l.events.length === 0; t++) await sleep(100);
    await sleep(600);
    l.stop();
    expect(l.events.length).toBeGreaterThan(0);
    for (const e of l.events) expect(e.ok && e.model.services.length).toBe(2000);
  });

  it("an internal error during a re-analysis is a message in the page; the server keeps serving", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-fail-"));
    writeFileSync(join(dir, "a.yaml"), serviceList(3));
    let calls = 0;
    running = await startServer({
      paths: [dir],
      config: CONFIG,
      port: 0,
      host: "127.0.0.1",
      debounceMs: 20,
      analyse: (paths, config) => {
        if (++calls === 2) throw new RangeError("Maximum call stack size exceeded");
        return analysisPayload(paths, config);
      },
    });
    const port = Number(new URL(running.url).port);
    const l = listen(port);
    await l.ready;
    writeFileSync(join(dir, "a.yaml"), serviceList(4));
    for (let t = 0; t < 100 && l.events.length === 0; t++) await sleep(50);
    const failed = l.events[0];
    expect(failed?.ok).toBe(false);
    if (failed && !failed.ok)
      expect(failed.diagnostics[0]?.message).toContain("internal error while analysing: Maximum call stack size exceeded");
    writeFileSync(join(dir, "a.yaml"), serviceList(5));
    for (let t = 0; t < 100 && l.events.length < 2; t++) await sleep(50);
    l.stop();
    const again = l.events[1];
    expect(again?.ok && again.model.services.length).toBe(5);
    expect((await raw(port, "GET", "/api/analysis", { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it("SSE clients that stop reading are dropped once their unsent bytes pass the bound; readers stay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-slowclient-"));
    writeFileSync(join(dir, "a.yaml"), serviceList(3));
    const big = "x".repeat(1 << 20);
    // Each analysis a different error (the same one again is not pushed), each a megabyte.
    let calls = 0;
    running = await startServer({
      paths: [dir],
      config: CONFIG,
      port: 0,
      host: "127.0.0.1",
      debounceMs: 10,
      maxBufferedBytes: 256 * 1024,
      analyse: (paths) => ({
        ok: false,
        inputs: paths,
        diagnostics: [{ file: "a.yaml", line: 0, column: 0, message: `${++calls} ${big}` }],
      }),
    });
    const port = Number(new URL(running.url).port);
    const stuck: Socket[] = [];
    for (let i = 0; i < 5; i++) {
      const s = connect(port, "127.0.0.1");
      s.on("error", () => {});
      s.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      s.pause();
      stuck.push(s);
    }
    const reader = listen(port);
    await reader.ready;
    await sleep(100);
    expect(running.clients()).toBe(6);
    for (let edit = 0; edit < 10; edit++) {
      const before = reader.events.length;
      writeFileSync(join(dir, "a.yaml"), serviceList(3 + edit));
      for (let t = 0; t < 100 && reader.events.length === before; t++) await sleep(30);
    }
    expect(reader.events.length).toBe(10);
    expect(running.clients()).toBe(1);
    reader.stop();
    for (const s of stuck) s.destroy();
  });
});

describe("the Host check holds on every address (DNS rebinding)", { timeout: 60_000 }, () => {
  it("loopback names, the bound address and --allow-host names are answered; anything else is 421", () => {
    const ok = hostChecker("0.0.0.0", ["catch22.internal"], 4622);
    for (const h of ["localhost:4622", "127.0.0.1:4622", "127.0.0.2:4622", "[::1]:4622", "0.0.0.0:4622", "CATCH22.internal:4622"])
      expect(ok(h), h).toBe(true);
    for (const h of ["attacker.example:4622", "attacker.example", "localhost:80", "localhost", undefined, "", "a b:4622"])
      expect(ok(h), String(h)).toBe(false);
    expect(isLoopback("127.0.0.2")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
    expect(isLoopback("192.168.1.2")).toBe(false);
  });

  it("--host 0.0.0.0 keeps the check, warns about DNS rebinding, and --allow-host adds a name; 127.0.0.2 is loopback (no warning)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-hosts-"));
    writeFileSync(join(dir, "a.yaml"), serviceList(2));
    let err = "";
    const s = await serve(["--host", "0.0.0.0", "--allow-host", "box.lan", dir]);
    s.child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
    try {
      expect((await raw(s.port, "GET", "/api/analysis", { host: "attacker.example" })).status).toBe(421);
      expect((await raw(s.port, "GET", "/api/analysis", { host: `attacker.example:${s.port}` })).status).toBe(421);
      expect((await raw(s.port, "GET", "/api/analysis", { host: `box.lan:${s.port}` })).status).toBe(200);
      expect((await raw(s.port, "GET", "/api/analysis", { host: `127.0.0.2:${s.port}` })).status).toBe(200);
      const page = await raw(s.port, "GET", "/", { host: `localhost:${s.port}` });
      expect(String(page.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
      await sleep(200);
    } finally {
      await s.stop();
    }
    expect(err).toContain("warning: listening on 0.0.0.0");
    expect(err).toContain("DNS rebinding");
    expect(err).toContain("--allow-host");

    let err2 = "";
    const t = await serve(["--host", "127.0.0.2", dir]);
    t.child.stderr?.on("data", (b: Buffer) => (err2 += b.toString()));
    await sleep(200);
    await t.stop();
    expect(err2).not.toContain("warning");
  });
});
