// catch22.config.yaml as a user meets it: found in the current directory or named with --config, overridden by the command line.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;
const estate = (dir: string) => fs.cpSync(path.join(ROOT, "examples/tencent-2024"), path.join(dir, "manifests"), { recursive: true });
const LOOP =
  "apiVersion: catch22/v1\nkind: ServiceList\nservices:\n  - name: a\n    runtime: [b]\n    rollback: []\n  - name: b\n    runtime: [a]\n  - name: c\n    rollback: []\n";

describe("config file", { timeout: 60_000 }, () => {
  it("is found in the current directory: its paths are the default paths and its failOn the threshold", () => {
    const dir = tempTree({ "catch22.config.yaml": "paths: [manifests]\nfailOn: never\n" });
    estate(dir);
    const r = runCli(["check", "--format", "json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].locations[0].file).toBe("manifests/control-plane.yaml");
    // The command line wins over the config: --fail-on error fails again, paths given replace the config's.
    expect(runCli(["check", "--fail-on", "error"], { cwd: dir }).code).toBe(1);
    fs.mkdirSync(path.join(dir, "other"));
    fs.writeFileSync(path.join(dir, "other/x.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: x\nrollback: []\n");
    const other = runCli(["check", "other", "--format", "json"], { cwd: dir });
    expect(JSON.parse(other.stdout).summary.services).toBe(1);
  });

  it("--config FILE reads another file, with paths relative to that file", () => {
    const dir = tempTree({ "ci/strict.yaml": "paths: [../manifests]\nfailOn: info\n" });
    estate(dir);
    fs.writeFileSync(path.join(dir, "manifests/extra.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: extra\n");
    const r = runCli(["check", "--config", "ci/strict.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary.services).toBe(18);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(["rollback-needs-broken", "rollback-undeclared"]);
    const missing = runCli(["check", "--config", "nope.yaml"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.yaml: config file: no such file");
  });

  it("sets rule severities: off removes a rule, a level changes its findings and what fails", () => {
    const dir = tempTree({ "m.yaml": LOOP, "catch22.config.yaml": 'rules:\n  runtime-cycle: warning\n  rollback-undeclared: "off"\n' });
    const r = runCli(["check", "m.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`)).toEqual([
      "runtime-cycle:warning",
    ]);
    expect(runCli(["check", "m.yaml", "--fail-on", "warning"], { cwd: dir }).code).toBe(1);
    const text = runCli(["check", "m.yaml"], { cwd: dir }).stdout;
    expect(text).toContain("runtime-cycle (1 warning)");
    expect(text).not.toContain("rollback-undeclared");
  });

  it("ignores accepted findings until their date: reported as ignored in text and JSON, then counted again once expired", () => {
    const ignore = (until: string) =>
      `ignore:\n  - rule: rollback-needs-broken\n    services: [cloud-api]\n    reason: OPS-1234 break-glass console\n    until: ${until}\n`;
    const dir = tempTree({ "catch22.config.yaml": ignore("2999-12-31") });
    estate(dir);
    const text = runCli(["check", "manifests"], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("ignored (1 finding accepted in the config; they do not fail the run)");
    expect(text.stdout).toContain(
      "rollback-needs-broken cloud-api: OPS-1234 break-glass console (until 2999-12-31)  catch22.config.yaml:2:5",
    );
    const json = JSON.parse(runCli(["check", "manifests", "--format", "json"], { cwd: dir }).stdout);
    expect(json.findings).toEqual([]);
    expect(json.summary.ignored).toBe(1);
    expect(json.ignored[0]).toMatchObject({
      rule: "rollback-needs-broken",
      services: ["cloud-api"],
      ignore: {
        reason: "OPS-1234 break-glass console",
        until: "2999-12-31",
        location: { file: "catch22.config.yaml", line: 2, column: 5 },
      },
    });

    fs.writeFileSync(path.join(dir, "catch22.config.yaml"), ignore("2001-01-01"));
    const expired = runCli(["check", "manifests"], { cwd: dir });
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain("(its ignore entry expired on 2001-01-01: catch22.config.yaml:2:5)");
    const ej = JSON.parse(runCli(["check", "manifests", "--format", "json"], { cwd: dir }).stdout);
    expect(ej.findings[0].ignoreExpired).toEqual({
      reason: "OPS-1234 break-glass console",
      until: "2001-01-01",
      location: { file: "catch22.config.yaml", line: 2, column: 5 },
    });
    expect(ej.ignored).toBeUndefined();
  });

  it("an invalid config exits 2 with file:line:column, a did-you-mean, and no report", () => {
    const dir = tempTree({
      "catch22.config.yaml": "failOn: warnings\nrules:\n  rollback-needs-broke: off\nignore:\n  - rule: runtime-cycle\n    services: [a]\n",
      "m.yaml": LOOP,
    });
    const r = runCli(["check", "m.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'catch22.config.yaml:1:9: expected "failOn" to be one of error, warning, info, never, got the text "warnings" (did you mean "warning"?)',
    );
    expect(r.stderr).toContain(
      'catch22.config.yaml:3:3: unknown rule "rollback-needs-broke" in "rules" (did you mean "rollback-needs-broken"?)',
    );
    expect(r.stderr).toContain('catch22.config.yaml:5:5: an ignore entry needs "reason"');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const syntax = tempTree({ "catch22.config.yaml": "rules: {a: [}\n", "m.yaml": LOOP });
    const s = runCli(["check", "m.yaml"], { cwd: syntax });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/catch22\.config\.yaml:1:\d+: YAML/);
  });
});
