// One evaluation: `check`, `serve`, the HTML report and `drill` read the same config (paths, rule levels, ignore entries) and agree.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { ViewModel, ViewPayload } from "../../src/report/view-model.js";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";
import { embeddedJson } from "../helpers/html-data.js";
import { raw, serve } from "../helpers/serve.js";

const ESTATE = `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: a
    runtime: [b]
    rollback: []
  - name: b
    runtime: [a]
  - name: x
    runtime: [ghost]
    rollback: []
`;
const CONFIG = `paths: [manifests]
rules:
  runtime-cycle: warning
ignore:
  - rule: missing-dependency
    services: [x]
    reason: OPS-1 ghost is being retired
`;

/** The data a self-contained HTML report carries. */
function htmlModel(html: string): ViewModel {
  return (JSON.parse(embeddedJson(html) as string) as { model: ViewModel }).model;
}

describe("one evaluation for every command", { timeout: 60_000 }, () => {
  it("serve shows the findings check counts: the config's rule level applied and its ignored finding left out", async () => {
    const dir = tempTree({ "manifests/estate.yaml": ESTATE, "catch22.config.yaml": CONFIG });
    const check = runCli(["check", "--format", "json"], { cwd: dir });
    expect(check.stderr).toBe("");
    const report = JSON.parse(check.stdout);
    const counted = report.findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`);
    expect(counted).toEqual(["rollback-undeclared:info", "runtime-cycle:warning"]);
    expect(report.ignored.map((f: { rule: string }) => f.rule)).toEqual(["missing-dependency"]);

    const s = await serve([], { cwd: dir });
    try {
      const payload = JSON.parse((await raw(s.port, "GET", "/api/analysis")).body) as ViewPayload;
      expect(payload.ok).toBe(true);
      if (!payload.ok) return;
      expect(payload.model.inputs).toEqual(["manifests"]);
      expect(payload.model.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(counted);
      expect(payload.model.findings.map((f) => f.fingerprint)).toEqual(report.findings.map((f: { fingerprint: string }) => f.fingerprint));
      expect(payload.model.summary).toEqual({
        services: 3,
        edges: { runtime: 3, rollback: 0 },
        findings: { error: 0, warning: 1, info: 1 },
      });
      // The HTML report is the same page over the same data.
      const html = runCli(["check", "--format", "html"], { cwd: dir });
      expect(htmlModel(html.stdout)).toEqual(payload.model);
    } finally {
      await s.stop();
    }
  });

  it("drill reads the config's paths when none are given, as check does", () => {
    const dir = tempTree({
      "manifests/estate.yaml": fs.readFileSync(path.join(ROOT, "examples/tencent-2024/control-plane.yaml"), "utf8"),
      "catch22.config.yaml": "paths: [manifests]\n",
      // Outside the config's paths: read only if drill walked the current directory.
      "drafts/broken.yaml": "apiVersion: catch22/v1\nkind: Service\nname: [not, a, name]\n",
    });
    const fromConfig = runCli(["drill", "--fail", "rollback-pipeline", "--format", "json"], { cwd: dir });
    expect(fromConfig.stderr).toBe("");
    const given = runCli(["drill", "manifests", "--fail", "rollback-pipeline", "--format", "json"], { cwd: dir });
    expect(fromConfig.stdout).toBe(given.stdout);
    expect(fromConfig.code).toBe(given.code);
    expect(JSON.parse(fromConfig.stdout).failed).toEqual(["rollback-pipeline"]);
    // --config names another file, with paths relative to it.
    fs.mkdirSync(path.join(dir, "ci"));
    fs.writeFileSync(path.join(dir, "ci/drill.yaml"), "paths: [../manifests]\n");
    fs.rmSync(path.join(dir, "catch22.config.yaml"));
    expect(runCli(["drill", "--config", "ci/drill.yaml", "--fail", "rollback-pipeline", "--format", "json"], { cwd: dir }).stdout).toBe(
      given.stdout,
    );
    // Without a config, drill reads the current directory (and meets the broken draft).
    expect(runCli(["drill", "--fail", "rollback-pipeline"], { cwd: dir }).code).toBe(2);
  });
});
