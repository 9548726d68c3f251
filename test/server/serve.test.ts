// `catch22 serve`: loopback by default, only its own assets, GET only, a fresh analysis pushed on change.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViewPayload } from "../../src/report/view-model.js";
import { copyExample, nextAnalysis, raw, type Served, serve } from "../helpers/serve.js";

describe("catch22 serve", () => {
  let dir: string;
  let s: Served;
  beforeAll(async () => {
    dir = copyExample("tencent-2024");
    s = await serve([dir]);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("listens on 127.0.0.1 only by default (the analysis never leaves the machine)", () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The kernel's table of listening TCP sockets: the port is bound to 127.0.0.1 (0100007F), not 0.0.0.0.
    const hexPort = s.port.toString(16).toUpperCase().padStart(4, "0");
    const listening = readFileSync("/proc/net/tcp", "utf8")
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === "0A")
      .map((f) => f[1]);
    expect(listening).toEqual([`0100007F:${hexPort}`]);
  });

  it("serves the page, its script and its styles", async () => {
    const page = await raw(s.port, "GET", "/");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain('<script src="/app.js"></script>');
    expect((await raw(s.port, "GET", "/app.js")).status).toBe(200);
    expect((await raw(s.port, "GET", "/app.css")).status).toBe(200);
  });

  it("serves the analysis as JSON with every service and the catch-22", async () => {
    const res = await raw(s.port, "GET", "/api/analysis");
    const payload = JSON.parse(res.body) as ViewPayload;
    expect(payload.ok).toBe(true);
    if (!payload.ok) return;
    expect(payload.model.services).toHaveLength(17);
    expect(payload.model.findings.map((f) => f.rule)).toEqual(["rollback-needs-broken"]);
  });

  it.each([
    "/../package.json",
    "/%2e%2e/package.json",
    "/..%2fpackage.json",
    "/app.js/../../package.json",
    "/dist/cli/main.js",
    "/etc/passwd",
    "//etc/passwd",
  ])("answers 404 for %s (nothing outside the app is served)", async (path) => {
    const res = await raw(s.port, "GET", path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("catch22/v1");
    expect(res.body).not.toContain('"name"');
  });

  it.each(["POST", "PUT", "DELETE"])("answers 405 for %s", async (method) => {
    const res = await raw(s.port, method, "/api/analysis");
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
  });

  it("pushes a fresh analysis over Server-Sent Events when a manifest changes", async () => {
    const file = join(dir, "paas.yaml");
    const payload = (await nextAnalysis(s.port, () => {
      writeFileSync(file, `${readFileSync(file, "utf8")}  - name: new-service\n    runtime: [cloud-api]\n    rollback: []\n`);
    })) as ViewPayload;
    expect(payload.ok).toBe(true);
    if (payload.ok) expect(payload.model.services.map((x) => x.name)).toContain("new-service");
  });

  it("refuses a request naming another host (DNS rebinding) and answers its loopback names", async () => {
    expect((await raw(s.port, "GET", "/api/analysis", { host: "evil.example.com" })).status).toBe(421);
    expect((await raw(s.port, "GET", "/api/analysis", { host: `localhost:${s.port}` })).status).toBe(200);
    expect((await raw(s.port, "GET", "/api/analysis", { host: `127.0.0.1:${s.port}` })).status).toBe(200);
  });

  it("notices a folder of manifests moved out of the tree", async () => {
    const { mkdirSync, renameSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    mkdirSync(join(dir, "team"));
    const added = (await nextAnalysis(s.port, () => {
      writeFileSync(join(dir, "team", "a.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: team-svc\nrollback: []\n");
    })) as ViewPayload;
    expect(added.ok && added.model.services.map((x) => x.name)).toContain("team-svc");
    const away = join(mkdtempSync(join(tmpdir(), "catch22-away-")), "team");
    const moved = (await nextAnalysis(s.port, () => renameSync(join(dir, "team"), away))) as ViewPayload;
    expect(moved.ok && moved.model.services.map((x) => x.name)).not.toContain("team-svc");
  });

  it("pushes a manifest error with its file and line instead of stopping", async () => {
    const file = join(dir, "broken.yaml");
    const payload = (await nextAnalysis(s.port, () => {
      writeFileSync(file, "apiVersion: catch22/v1\nkind: Service\nname: x\nruntim: [a]\n");
    })) as ViewPayload;
    expect(payload.ok).toBe(false);
    if (!payload.ok) {
      expect(payload.diagnostics[0]?.file).toMatch(/broken\.yaml$/);
      expect(payload.diagnostics[0]?.line).toBe(4);
    }
    // Still serving.
    expect((await raw(s.port, "GET", "/")).status).toBe(200);
  });
});

describe("catch22 serve, bad command lines", () => {
  it("exits 2, and does not hang, when the port is taken", async () => {
    const { spawnSync } = await import("node:child_process");
    const { CLI } = await import("../helpers/serve.js");
    const first = await serve(["examples/tencent-2024"]);
    try {
      const r = spawnSync(process.execPath, [CLI, "serve", "examples/tencent-2024", "--port", String(first.port)], {
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("in use");
    } finally {
      await first.stop();
    }
  });

  it("exits 2 with a message for a port that is not a number", async () => {
    const { spawnSync } = await import("node:child_process");
    const { CLI } = await import("../helpers/serve.js");
    const r = spawnSync(process.execPath, [CLI, "serve", "examples/tencent-2024", "--port", "http"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--port must be an integer");
  });
});
