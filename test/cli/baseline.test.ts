// check --write-baseline / --baseline: accept today's findings, fail only on new ones, say which entries were fixed.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";

function workspace(): string {
  const dir = tempTree({});
  fs.cpSync(path.join(ROOT, "examples/tencent-2024"), path.join(dir, "m"), { recursive: true });
  return dir;
}

describe("baseline", { timeout: 60_000 }, () => {
  it("--write-baseline records today's findings (sorted, deterministic JSON) and the run passes against it", () => {
    const dir = workspace();
    const r = runCli(["check", "m", "--write-baseline", "baseline.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(known: in the baseline)");
    expect(r.stdout).toContain("baseline baseline.json: 0 new findings, 1 known, 0 fixed");
    const first = fs.readFileSync(path.join(dir, "baseline.json"), "utf8");
    const json = JSON.parse(runCli(["check", "m", "--format", "json"], { cwd: dir }).stdout);
    expect(JSON.parse(first)).toEqual({
      tool: "catch22",
      schemaVersion: 1,
      findings: [{ fingerprint: json.findings[0].fingerprint, rule: "rollback-needs-broken", services: ["cloud-api"] }],
    });
    runCli(["check", "m", "--write-baseline", "again.json"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, "again.json"), "utf8")).toBe(first);
  });

  it("--baseline reports known findings as known and exits 0; a new finding is marked new and fails", () => {
    const dir = workspace();
    runCli(["check", "m", "--write-baseline", "baseline.json"], { cwd: dir });
    const known = runCli(["check", "m", "--baseline", "baseline.json", "--format", "json"], { cwd: dir });
    expect(known.code).toBe(0);
    const k = JSON.parse(known.stdout);
    expect(k.findings.map((f: { baseline: string }) => f.baseline)).toEqual(["known"]);
    expect(k.summary.baseline).toEqual({ file: "baseline.json", new: 0, known: 1, fixed: 0, fixedEntries: [] });

    // A second catch-22: iam's rollback now goes through the cloud API too.
    const f = path.join(dir, "m/foundation.yaml");
    fs.writeFileSync(
      f,
      fs
        .readFileSync(f, "utf8")
        .replace("runtime: [config-store]\n    rollback: [deploy-pipeline]", "runtime: [config-store]\n    rollback: [rollback-pipeline]"),
    );
    const text = runCli(["check", "m", "--baseline", "baseline.json"], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("Rolling back iam needs rollback-pipeline, which runs on iam (new)");
    expect(text.stdout).toContain("Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api (known: in the baseline)");
    expect(text.stdout).toContain("baseline baseline.json: 1 new finding, 1 known, 0 fixed");
    expect(text.stdout.trimEnd().split("\n").pop()).toMatch(/^✖ 2 errors · 0 warnings · 0 info \(1 finding at or above --fail-on error\)/);
    const j = JSON.parse(runCli(["check", "m", "--baseline", "baseline.json", "--format", "json"], { cwd: dir }).stdout);
    expect(j.findings.map((x: { services: string[]; baseline: string }) => `${x.services}:${x.baseline}`)).toEqual([
      "cloud-api:known",
      "iam:new",
    ]);
  });

  it("lists baseline entries that no longer occur (fixed), in text and JSON", () => {
    const dir = workspace();
    runCli(["check", "m", "--write-baseline", "baseline.json"], { cwd: dir });
    const fp = JSON.parse(fs.readFileSync(path.join(dir, "baseline.json"), "utf8")).findings[0].fingerprint;
    fs.rmSync(path.join(dir, "m"), { recursive: true });
    fs.cpSync(path.join(ROOT, "examples/tencent-2024-fixed"), path.join(dir, "m"), { recursive: true });
    const text = runCli(["check", "m", "--baseline", "baseline.json"], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`✔ no longer occurs: rollback-needs-broken cloud-api ${fp}`);
    const j = JSON.parse(runCli(["check", "m", "--baseline", "baseline.json", "--format", "json"], { cwd: dir }).stdout);
    expect(j.summary.baseline).toEqual({
      file: "baseline.json",
      // The fixed estate's one warning: both rollback paths of cloud-api share fate with config-store.
      new: 1,
      known: 0,
      fixed: 1,
      fixedEntries: [{ fingerprint: fp, rule: "rollback-needs-broken", services: ["cloud-api"] }],
    });
    const md = runCli(["check", "m", "--baseline", "baseline.json", "--format", "markdown"], { cwd: dir }).stdout;
    expect(md).toContain("<summary>1 baseline entry no longer occur</summary>");
  });

  it("a missing or malformed baseline exits 2 with its position", () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, "bad.json"), '{"schemaVersion": 1, "findings": [\n  {"rule": "x"}\n]}\n');
    const bad = runCli(["check", "m", "--baseline", "bad.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('bad.json:2:3: expected each baseline entry to have a "fingerprint" (text), got a mapping');
    const missing = runCli(["check", "m", "--baseline", "nope.json"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the baseline nope.json (ENOENT); write one with --write-baseline");
  });
});
