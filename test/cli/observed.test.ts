// Declared vs observed as a user meets it (SPEC §5, §7): --observed on every command, the config's observed section, bad input.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";
import { copyExample, nextAnalysis, raw, serve } from "../helpers/serve.js";

const EX = "examples/observed";
const DEPS = `${EX}/dependencies.json`;
const OTLP = `${EX}/traces.otlp.json`;
const OBS = ["--observed", DEPS, "--observed", OTLP];
const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

interface JsonFinding {
  rule: string;
  services: string[];
  dependency?: string;
  calls?: number | null;
  observedIn?: string[];
  path: { from: string; to: string; kind: string; observed?: true }[];
  locations: { file: string; line: number; column: number }[];
}

const json = (args: string[], cwd?: string) => {
  const r = runCli([...args, "--format", "json"], cwd !== undefined ? { cwd } : {});
  return { ...r, report: JSON.parse(r.stdout) as { summary: Record<string, unknown>; findings: JsonFinding[] } };
};
const byRule = (findings: JsonFinding[], rule: string) => findings.filter((f) => f.rule === rule);

describe("check --observed", { timeout: 120_000 }, () => {
  it("reports the three drift rules with the SPEC §6 fields, located per SPEC §7, and the drift summary", () => {
    const { code, report, stderr } = json(["check", EX, ...OBS, "--top", "0"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(report.summary.observed).toEqual({ observedEdges: 5, matched: 3, undeclared: 2, unobserved: 1, unknownNames: 1 });
    const undeclared = byRule(report.findings, "undeclared-dependency");
    expect(undeclared.map((f) => [f.services[0], f.dependency, f.calls, f.observedIn])).toEqual([
      ["deploy-pipeline", "payments", 37, [DEPS]],
      ["ledger", "config-store", 1, [OTLP]],
    ]);
    // Located at X's name.
    expect(undeclared[0]?.locations).toEqual([{ file: `${EX}/platform.yaml`, line: 6, column: 7 }]);
    const unknown = byRule(report.findings, "undeclared-service");
    expect(unknown.map((f) => [f.services, f.calls, f.locations])).toEqual([[["fraud-check"], 310, [{ file: DEPS, line: 1, column: 1 }]]]);
    const unobserved = byRule(report.findings, "unobserved-dependency");
    expect(unobserved.map((f) => [f.services[0], f.dependency, f.calls, f.locations[0]?.line])).toEqual([
      ["payments", "config-store", 0, 11],
    ]);
    // Without --observed-edges hard, traffic feeds these rules alone.
    expect(byRule(report.findings, "rollback-needs-broken")).toEqual([]);
  });

  it("prints the drift summary under the header and the rule messages in words", () => {
    const r = runCli(["check", EX, ...OBS, "--top", "0"]);
    expect(r.stdout).toContain("observed 5 edges between declared services · 3 matched · 2 undeclared · 1 unobserved · 1 unknown name");
    expect(r.stdout).toContain(`deploy-pipeline calls payments (37 calls in ${DEPS}) but does not declare it`);
    expect(r.stdout).toContain(`fraud-check is in the observed traffic (310 calls in ${DEPS}) but no manifest declares it`);
  });

  it("--observed-edges hard finds the catch-22 that only traffic shows, witness steps marked observed", () => {
    const { code, report } = json(["check", EX, ...OBS, "--observed-edges", "hard", "--top", "0"]);
    expect(code).toBe(1);
    const payments = byRule(report.findings, "rollback-needs-broken").find((f) => f.services[0] === "payments");
    expect(payments?.path).toEqual([
      { from: "payments", to: "deploy-pipeline", kind: "rollback" },
      { from: "deploy-pipeline", to: "payments", kind: "runtime", observed: true },
    ]);
    // The observed step is located at X's name.
    expect(payments?.locations[1]).toEqual({ file: `${EX}/platform.yaml`, line: 6, column: 7 });
    const text = runCli(["check", EX, ...OBS, "--observed-edges", "hard", "--top", "0"]).stdout;
    expect(text).toContain("payments ⇒ deploy-pipeline → (observed) payments");
  });

  it("writes the findings in SARIF at the manifest line, JUnit and Markdown", () => {
    const sarif = JSON.parse(runCli(["check", EX, ...OBS, "--format", "sarif"]).stdout);
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
    }[];
    const ud = results.find((r) => r.ruleId === "undeclared-dependency");
    expect(ud?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`${EX}/platform.yaml`);
    expect(ud?.locations[0]?.physicalLocation.region?.startLine).toBe(6);
    const us = results.find((r) => r.ruleId === "undeclared-service");
    expect(us?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(DEPS);
    expect(runCli(["check", EX, ...OBS, "--format", "junit"]).stdout).toContain('classname="catch22.undeclared-dependency"');
    expect(runCli(["check", EX, ...OBS, "--format", "markdown"]).stdout).toContain("`unobserved-dependency`");
  });
});

describe("the other commands with --observed", { timeout: 120_000 }, () => {
  it("drill: hard observed edges take part in the simulation and are marked in the witness", () => {
    const plain = runCli(["drill", EX, "--observed", DEPS, "--fail", "payments"]);
    expect(plain.code).toBe(0);
    const hard = runCli(["drill", EX, "--observed", DEPS, "--observed-edges", "hard", "--fail", "payments"]);
    expect(hard.code).toBe(1);
    expect(hard.stdout).toContain("deploy-pipeline → (observed) payments");
    const j = JSON.parse(runCli(["drill", EX, "--observed", DEPS, "--observed-edges", "hard", "--fail", "payments", "-f", "json"]).stdout);
    expect(j.stuckRoots).toEqual(["payments"]);
  });

  it("graph --format json lists every observed edge between services as kind observed, with calls", () => {
    const r = runCli(["graph", EX, "--observed", DEPS]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout) as { edges: { source: string; target: string; attributes: { kind: string; calls?: number | null } }[] };
    const observed = g.edges.filter((e) => e.attributes.kind === "observed").map((e) => [e.source, e.target, e.attributes.calls]);
    expect(observed).toEqual([
      ["deploy-pipeline", "artifact-store", 88],
      ["deploy-pipeline", "payments", 37],
      ["ledger", "database", 5120],
      ["payments", "ledger", 1204],
    ]);
    // Without observed files the graph is as before: no observed edges.
    const before = JSON.parse(runCli(["graph", EX]).stdout) as typeof g;
    expect(before.edges.some((e) => e.attributes.kind === "observed")).toBe(false);
  });

  it("diff: both sides are compared with the same traffic", () => {
    const dir = tempTree({});
    fs.cpSync(path.join(ROOT, EX), path.join(dir, "base"), { recursive: true });
    fs.cpSync(path.join(ROOT, EX), path.join(dir, "head"), { recursive: true });
    // The head declares the call the traffic shows: the undeclared-dependency is resolved.
    const platform = path.join(dir, "head/platform.yaml");
    fs.writeFileSync(platform, fs.readFileSync(platform, "utf8").replace("  - artifact-store\n", "  - artifact-store\n  - payments\n"));
    const r = runCli(["diff", "--observed", "deps.json", "--format", "json", "base", "--", "head"], { cwd: dir, env: {} });
    // deps.json relative to the current directory, so copy it there.
    expect(r.code).toBe(2);
    fs.copyFileSync(path.join(ROOT, DEPS), path.join(dir, "deps.json"));
    const ok = runCli(["diff", "--observed", "deps.json", "--format", "json", "base", "--", "head"], { cwd: dir });
    expect(ok.stderr).toBe("");
    const d = JSON.parse(ok.stdout) as { resolved: { rule: string; services: string[] }[]; introduced: { rule: string }[] };
    expect(d.resolved.map((f) => [f.rule, f.services])).toContainEqual(["undeclared-dependency", ["deploy-pipeline"]]);
  });

  it("serve --observed: the page carries the observed edges and re-reads the observed file when it changes", async () => {
    const dir = copyExample("observed");
    const s = await serve([dir, "--observed", path.join(dir, "dependencies.json")]);
    try {
      const first = JSON.parse((await raw(s.port, "GET", "/api/analysis")).body);
      expect(first.model.summary.observed.undeclared).toBe(1);
      expect(
        first.model.observed.find((e: { from: string; to: string }) => e.from === "deploy-pipeline" && e.to === "payments"),
      ).toMatchObject({
        calls: 37,
        declared: false,
      });
      const next = (await nextAnalysis(s.port, () => {
        const file = path.join(dir, "dependencies.json");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"callCount": 37', '"callCount": 40'));
      })) as { model: { observed: { from: string; to: string; calls: number }[] } };
      expect(next.model.observed.find((e) => e.from === "deploy-pipeline" && e.to === "payments")?.calls).toBe(40);
    } finally {
      await s.stop();
    }
  });
});

describe("observed: in catch22.config.yaml", { timeout: 120_000 }, () => {
  const setup = (config: string, deps = '[{"parent": "a-v2", "child": "b", "callCount": 3}]') =>
    tempTree({
      "catch22.config.yaml": config,
      "traffic/deps.json": deps,
      "m/a.yaml": "apiVersion: catch22/v1\nkind: ServiceList\nservices:\n  - name: a\n    rollback: []\n  - name: b\n    rollback: [a]\n",
    });

  it("reads files relative to the config, rewrites names by its rules, and takes edges: hard", () => {
    const dir = setup(
      'paths: [m]\nobserved:\n  files: [traffic/deps.json]\n  names:\n    - match: "^(.*)-v[0-9]+$"\n      to: "$1"\n  edges: hard\n',
    );
    const { code, report } = json(["check", "--top", "0"], dir);
    expect(byRule(report.findings, "undeclared-dependency").map((f) => [f.services[0], f.dependency, f.observedIn])).toEqual([
      ["a", "b", ["traffic/deps.json"]],
    ]);
    // edges: hard: a needs b, so b's rollback (which needs a) needs what b's failure takes down.
    expect(code).toBe(1);
    expect(byRule(report.findings, "rollback-needs-broken").map((f) => f.services)).toEqual([["b"]]);
    // --observed replaces the config's files; --observed-edges overrides its edges.
    fs.writeFileSync(path.join(dir, "other.json"), "[]");
    const other = json(["check", "--observed", "other.json", "--observed-edges", "declared", "--top", "0"], dir);
    expect(byRule(other.report.findings, "undeclared-dependency")).toEqual([]);
  });

  it("an invalid regular expression is exit 2 at its line in the config; a bad edges value too", () => {
    const dir = setup('observed:\n  files: [traffic/deps.json]\n  names:\n    - match: "([a-z"\n      to: x\n  edges: soft\n');
    const r = runCli(["check", "m"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("catch22.config.yaml:4:14: observed.names: invalid regular expression");
    expect(r.stderr).toMatch(/catch22\.config\.yaml:6:10: expected "observed.edges" to be one of hard, declared/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("an unknown key in observed is an input error with a did-you-mean", () => {
    const dir = setup("observed:\n  file: [traffic/deps.json]\n");
    const r = runCli(["check", "m"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "file" in "observed" (did you mean "files"?)');
  });
});

describe("bad observed input", { timeout: 120_000 }, () => {
  it("a file of no known format: exit 2 naming the file and the formats tried", () => {
    const dir = tempTree({ "x.json": '{"hello": 1}' });
    const r = runCli(["check", EX, "--observed", path.join(dir, "x.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("x.json: not a known observed-traffic format (tried: dependency links");
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("malformed JSON: exit 2 with the line and column; every bad file reported at once", () => {
    const dir = tempTree({ "a.json": '{"data": [\n  {"parent": "a",\n', "b.txt": "nothing here" });
    const r = runCli(["check", EX, "--observed", path.join(dir, "a.json"), "--observed", path.join(dir, "b.txt")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.json:\d+:\d+: malformed JSON/);
    expect(r.stderr).toContain("b.txt: not a known observed-traffic format");
    expect(r.stderr).toContain("2 input errors");
  });

  it("malformed Prometheus text: exit 2 with the line", () => {
    const dir = tempTree({
      "m.prom": 'traces_service_graph_request_total{client="a",server="b"} 3\ntraces_service_graph_request_total{client="a" 4\n',
    });
    const r = runCli(["check", EX, "--observed", path.join(dir, "m.prom")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m\.prom:2(:\d+)?: /);
  });

  it("a missing file, a directory and a FIFO: exit 2, never opened", () => {
    const dir = tempTree({});
    const r = runCli(["check", EX, "--observed", path.join(dir, "nope.json"), "--observed", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.json");
    expect(r.stderr).toContain("directory");
  });

  it("an observed name that maps to two services: exit 2 naming both", () => {
    const dir = tempTree({
      "m.yaml":
        "apiVersion: catch22/v1\nkind: ServiceList\nservices:\n  - name: a\n    aliases: [shared]\n  - name: b\n    aliases: [shared]\n  - name: c\n",
      "deps.json": '[{"parent": "c", "child": "shared", "callCount": 1}]',
    });
    const r = runCli(["check", "m.yaml", "--observed", "deps.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('deps.json: observed name "shared" maps to two services, a and b');
  });

  it("--observed-edges with another value is a command-line error", () => {
    const r = runCli(["check", EX, "--observed", DEPS, "--observed-edges", "soft"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--observed-edges must be one of hard, declared");
  });
});

describe("init --observed", { timeout: 120_000 }, () => {
  it("round-trips: init from traffic, then check --observed with the same files reports no undeclared dependency", () => {
    const dir = tempTree({});
    const out = path.join(dir, "manifests");
    const r = runCli(["init", ...OBS, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("7 manifests written");
    const payments = fs.readFileSync(path.join(out, "payments.yaml"), "utf8");
    expect(payments).toContain('note: "observed: 1,204 calls in examples/observed/dependencies.json"');
    expect(payments).toContain("# rollback:");
    const { code, report } = json(["check", out, ...OBS, "--top", "0"]);
    expect(code).toBe(0);
    expect(byRule(report.findings, "undeclared-dependency")).toEqual([]);
    expect(byRule(report.findings, "undeclared-service")).toEqual([]);
    expect(byRule(report.findings, "rollback-undeclared")).toHaveLength(7);
    // Never over a file.
    expect(runCli(["init", ...OBS, "-o", out]).code).toBe(2);
  });

  it("a bad observed file is exit 2; paths alongside --observed are refused", () => {
    const dir = tempTree({ "x.json": "{}" });
    expect(runCli(["init", "--observed", path.join(dir, "x.json"), "-o", path.join(dir, "out")]).code).toBe(2);
    expect(runCli(["init", EX, "--observed", DEPS, "-o", path.join(dir, "out")]).stderr).toContain("leave out the paths");
  });
});
