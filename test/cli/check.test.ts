// SPEC §5–§6: `catch22 check` as a user runs it — the built CLI on real files, its output and exit codes.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe("check on the Tencent example", () => {
  it("reports the catch-22 in words, as a witness chain with file:line per step, and exits 1", () => {
    const r = runCli(["check", "examples/tencent-2024"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api");
    expect(r.stdout).toContain("cloud-api ⇒ rollback-pipeline → cloud-api");
    expect(r.stdout).toMatch(/cloud-api ⇒ rollback-pipeline\s+examples\/tencent-2024\/control-plane\.yaml:27:14/);
    // The step over the api entry names the api and its providers (SPEC §8).
    expect(r.stdout).toMatch(
      /rollback-pipeline → cloud-api@v2 \(provided by cloud-api\)\s+examples\/tencent-2024\/control-plane\.yaml:54:10/,
    );
    expect(r.stdout.trimEnd().split("\n").pop()).toMatch(/^✖ 1 error · 0 warnings · 0 info/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).toBe("");
  });

  it("prints the JSON report of SPEC §6 with every required field", () => {
    const r = runCli(["check", "examples/tencent-2024", "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.tool).toEqual({ name: "catch22", version: "0.1.0" });
    expect(report.schemaVersion).toBe(1);
    expect(report.summary).toMatchObject({
      services: 17,
      edges: { runtime: 25, rollback: 12 },
      findings: { error: 1, warning: 0, info: 0 },
    });
    expect(report.findings).toHaveLength(1);
    const [f] = report.findings;
    expect(Object.keys(f)).toEqual(["rule", "severity", "fingerprint", "message", "services", "path", "impacted", "locations"]);
    expect(f).toMatchObject({
      rule: "rollback-needs-broken",
      severity: "error",
      services: ["cloud-api"],
      path: [
        { from: "cloud-api", to: "rollback-pipeline", kind: "rollback" },
        { from: "rollback-pipeline", to: "cloud-api", kind: "runtime", api: "cloud-api@v2", providers: ["cloud-api"] },
      ],
      impacted: [],
      locations: [
        { file: "examples/tencent-2024/control-plane.yaml", line: 27, column: 14 },
        { file: "examples/tencent-2024/control-plane.yaml", line: 54, column: 10 },
      ],
    });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("finds no error in the fixed estate and exits 0; both rollback paths still share fate with config-store (a warning)", () => {
    const r = runCli(["check", "examples/tencent-2024-fixed"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "▲ cloud-api rollback needs one of break-glass-console or rollback-pipeline, but all of them go down with config-store",
    );
    expect(r.stdout).toContain("✔ 0 errors · 1 warning · 0 info (nothing at or above --fail-on error)");
  });

  it("writes the report to -o FILE and nothing to stdout", () => {
    const dir = tempTree({});
    const out = path.join(dir, "report.json");
    const r = runCli(["check", "examples/tencent-2024", "--format", "json", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(out, "utf8")).findings).toHaveLength(1);
  });

  it("colours only on request: FORCE_COLOR gives ANSI colour, NO_COLOR wins over it", () => {
    expect(runCli(["check", "examples/tencent-2024"], { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).toMatch(/\u001b\[31m/);
    expect(runCli(["check", "examples/tencent-2024"], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
  });
});

describe("§5 exit codes", () => {
  const estate = {
    "a.yaml": `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: a
    runtime: [b]
    rollback: []
  - name: b
    runtime: [a]
    rollback: []
  - name: c
`,
  };

  it("--fail-on sets the threshold: error and info fail, never passes", () => {
    const dir = tempTree(estate);
    expect(runCli(["check", "."], { cwd: dir }).code).toBe(1);
    expect(runCli(["check", ".", "--fail-on", "never"], { cwd: dir }).code).toBe(0);
    const clean = tempTree({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: c\n" });
    expect(runCli(["check", "."], { cwd: clean }).code).toBe(0);
    expect(runCli(["check", ".", "--fail-on", "warning"], { cwd: clean }).code).toBe(0);
    expect(runCli(["check", ".", "--fail-on", "info"], { cwd: clean }).code).toBe(1);
  });

  it("paths default to the current directory", () => {
    const r = runCli(["check", "--format", "json"], { cwd: tempTree(estate) });
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(["rollback-undeclared", "runtime-cycle"]);
  });

  it("stays at 1 however many findings there are", () => {
    const services = Array.from({ length: 300 }, (_, i) => `  - name: s${i}\n    runtime: [s${i}, missing-${i}]\n`).join("");
    const r = runCli(["check", "."], { cwd: tempTree({ "a.yaml": `apiVersion: catch22/v1\nkind: ServiceList\nservices:\n${services}` }) });
    expect(r.code).toBe(1);
  });

  it("exits 2 on input errors, listing every error on stderr with no stack trace and no report", () => {
    const dir = tempTree({
      "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nruntim: [b]\n",
      "b.yaml": "apiVersion: catch22/v1\nkind: Service\nname: b\ntier: 9\n",
    });
    const r = runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('a.yaml:4:1: unknown key "runtim" in a Service document (did you mean "runtime"?)');
    expect(r.stderr).toContain('b.yaml:4:7: expected "tier" to be an integer from 0 (most critical) to 3, got the number 9');
    expect(r.stderr).toContain("2 input errors; nothing was analysed (exit code 2)");
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 on a bad command line: unknown command, option, format or threshold", () => {
    for (const args of [["chek"], ["check", "--bogus"], ["check", "--format", "xml"], ["check", "--fail-on", "sometimes"]]) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).not.toMatch(STACK_TRACE);
      expect(r.stderr.length, args.join(" ")).toBeGreaterThan(0);
    }
    expect(runCli(["chek"]).stderr).toContain("Did you mean check?");
  });

  it("exits 2 for a missing path and for a binary file named on the command line", () => {
    const dir = tempTree({ "x.yaml": Buffer.from([1, 2, 0, 4]) });
    const r = runCli(["check", "nowhere", "x.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nowhere: no such file or directory");
    expect(r.stderr).toContain("a NUL byte: a binary file, not YAML text");
  });
});

describe("§5 determinism", () => {
  it("gives byte-identical JSON whatever the order of files, documents and entries (apart from positions)", () => {
    const docs = [
      "apiVersion: catch22/v1\nkind: Service\nname: api\nruntime: [data, iam, {anyOf: [dns1, dns2]}]\nrollback: [pipe]\n",
      "apiVersion: catch22/v1\nkind: Service\nname: pipe\nruntime: [api, iam]\nrollback: [pipe]\n",
      "apiVersion: catch22/v1\nkind: Service\nname: data\nruntime: [api]\n",
      "apiVersion: catch22/v1\nkind: Service\nname: iam\nruntime: [nope]\nrollback: []\n",
      "apiVersion: catch22/v1\nkind: ServiceList\nservices:\n  - name: dns1\n  - name: dns2\n    runtime: [dns2]\n",
    ];
    const reorder = (s: string) =>
      s.replace("[data, iam, {anyOf: [dns1, dns2]}]", "[{anyOf: [dns2, dns1]}, iam, data]").replace("[api, iam]", "[iam, api]");
    const one = tempTree({ "m/a.yaml": docs.slice(0, 3).join("---\n"), "m/b.yaml": docs.slice(3).join("---\n") });
    const two = tempTree({
      "m/a.yaml": docs.slice(3).reverse().map(reorder).join("---\n"),
      "m/b.yaml": docs.slice(0, 3).reverse().map(reorder).join("---\n"),
    });
    const strip = (out: string) => {
      const r = JSON.parse(out);
      for (const f of r.findings) f.locations = f.locations.map(() => "…");
      return JSON.stringify(r);
    };
    const a = runCli(["check", "m", "--format", "json"], { cwd: one });
    const b = runCli(["check", "m", "--format", "json"], { cwd: two });
    expect(a.code).toBe(1);
    expect(JSON.parse(a.stdout).findings.length).toBeGreaterThanOrEqual(4);
    expect(strip(b.stdout)).toBe(strip(a.stdout));
    expect(runCli(["check", "m", "--format", "json"], { cwd: one }).stdout).toBe(a.stdout);
  });
});

describe("output to a reader that stops early", () => {
  it("stops quietly when the pipe closes (check | head), with no stack trace", async () => {
    const { generateEstate, writeEstate } = await import("../../src/bench/generate.js");
    const dir = tempTree({});
    await writeEstate(path.join(dir, "estate"), generateEstate({ services: 3000, seed: 7 }));
    const { spawnSync } = await import("node:child_process");
    const { CLI } = await import("../helpers/cli.js");
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" check estate --format json --verbose | head -c 100 >/dev/null`], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stderr).not.toMatch(/EPIPE|at .+:\d+:\d+/);
  });
});
