// `check --format html`: one file with the app and the data, and check's exit code.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedJson } from "../helpers/html-data.js";

const CLI = join(process.cwd(), "dist/cli/main.js");

describe("check --format html", () => {
  it("writes one self-contained page holding the analysis, and exits 1 for the Tencent catch-22", () => {
    const out = join(mkdtempSync(join(tmpdir(), "catch22-html-")), "report.html");
    const r = spawnSync(process.execPath, [CLI, "check", "examples/tencent-2024", "--format", "html", "-o", out], { encoding: "utf8" });
    expect(r.status).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    const payload = JSON.parse(embeddedJson(html) as string);
    expect(payload.ok).toBe(true);
    expect(payload.model.services).toHaveLength(17);
    expect(payload.model.findings[0].path).toEqual([
      { from: "cloud-api", to: "rollback-pipeline", kind: "rollback" },
      { from: "rollback-pipeline", to: "cloud-api", kind: "runtime", api: "cloud-api@v2", providers: ["cloud-api"] },
    ]);
    // Exactly two script elements: the data and the app; no external resource.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/\bsrc=|\bhref="http/);
  });

  it("embeds the data gzip-compressed and base64-encoded: no `<` inside, the JSON as it was", () => {
    const r = spawnSync(process.execPath, [CLI, "check", "examples/tencent-2024", "--format", "html"], { encoding: "utf8" });
    const m = /<script type="application\/gzip\+base64" id="catch22-data">(.*?)<\/script>/s.exec(r.stdout);
    expect(m?.[1]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const json = JSON.parse(embeddedJson(r.stdout) as string);
    const check = JSON.parse(
      spawnSync(process.execPath, [CLI, "check", "examples/tencent-2024", "--format", "json"], { encoding: "utf8" }).stdout,
    );
    expect(json.model.findings.map((f: { rule: string }) => f.rule)).toEqual(check.findings.map((f: { rule: string }) => f.rule));
  });

  it("is byte-identical for the same input", () => {
    const run = () => spawnSync(process.execPath, [CLI, "check", "examples/tencent-2024-fixed", "--format", "html"], { encoding: "utf8" });
    const a = run();
    expect(a.status).toBe(0);
    expect(run().stdout).toBe(a.stdout);
  });
});
