// The flags people expect from ESLint-grade tools: --quiet, --max-warnings, --no-color, completion, "did you mean" for values, -o everywhere, `catch22 rules`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

/** One warning (rollback-undeclared raised to warning) and one error (a missing dependency). */
function estate(): string {
  return tempTree({
    "catch22.config.yaml": "rules:\n  rollback-undeclared: warning\n",
    "m.yaml": [
      "apiVersion: catch22/v1",
      "kind: Service",
      "name: api",
      "runtime: [db]",
      "rollback: []",
      "---",
      "apiVersion: catch22/v1",
      "kind: Service",
      "name: web",
      "rollback: []",
      "---",
      "apiVersion: catch22/v1",
      "kind: Service",
      "name: cache",
      "",
    ].join("\n"),
  });
}

describe("check flags", { timeout: 60_000 }, () => {
  it("--quiet reports errors only, in every format; the exit code still counts everything", () => {
    const dir = estate();
    const loud = runCli(["check", "--format", "json"], { cwd: dir });
    expect(JSON.parse(loud.stdout).findings.map((f: { severity: string }) => f.severity)).toEqual(["error", "warning"]);
    const quiet = runCli(["check", "--quiet", "--format", "json"], { cwd: dir });
    expect(JSON.parse(quiet.stdout).findings.map((f: { severity: string }) => f.severity)).toEqual(["error"]);
    expect(runCli(["check", "-q"], { cwd: dir }).stdout).not.toContain("rollback-undeclared");
    expect(runCli(["check", "-q", "--fail-on", "warning"], { cwd: dir }).code).toBe(1);
  });

  it("--max-warnings N exits 1 when there are more than N warnings, and says so", () => {
    const dir = estate();
    expect(runCli(["check", "--fail-on", "never", "--max-warnings", "1"], { cwd: dir }).code).toBe(0);
    const over = runCli(["check", "--fail-on", "never", "--max-warnings", "0"], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("1 warnings, more than --max-warnings 0");
    const bad = runCli(["check", "--max-warnings", "lots"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings must be a whole number, not "lots"');
  });

  it("--no-color wins over FORCE_COLOR, after the command or before it", () => {
    const dir = estate();
    const forced = { NO_COLOR: "", FORCE_COLOR: "1" };
    expect(runCli(["check"], { cwd: dir, env: forced }).stdout).toContain("\u001b[");
    expect(runCli(["check", "--no-color"], { cwd: dir, env: forced }).stdout).not.toContain("\u001b[");
    expect(runCli(["--no-color", "check"], { cwd: dir, env: forced }).stdout).not.toContain("\u001b[");
  });
});

describe("did you mean, for option values", () => {
  it("--fail-on warnings → warning; --format jsn → json (check, diff, graph, drill)", () => {
    const failOn = runCli(["check", "examples/tencent-2024", "--fail-on", "warnings"]);
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toContain('(did you mean "warning"?)');
    for (const args of [
      ["check", "examples/tencent-2024"],
      ["graph", "examples/tencent-2024"],
      ["drill", "examples/tencent-2024", "--fail", "cvm"],
      ["diff", "examples/tencent-2024", "--base-ref", "HEAD"],
    ]) {
      const r = runCli([...args, "--format", "jsn"]);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain('unknown --format "jsn"');
      expect(r.stderr, args[0]).toContain('(did you mean "json"?)');
    }
  });
});

describe("-o means the same in every command", () => {
  it("every command that writes a report or files takes -o", () => {
    for (const cmd of ["check", "drill", "graph", "diff", "init", "rules"]) {
      expect(runCli([cmd, "--help"]).stdout, cmd).toMatch(/-o, --(output|out) </);
    }
  });
});

describe("catch22 rules", () => {
  it("lists every rule with its level, the config's where it sets one", () => {
    const dir = tempTree({ "catch22.config.yaml": "rules:\n  rollback-undeclared: warning\n  runtime-cycle: off\n" });
    const r = runCli(["rules"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rollback-undeclared +warning \(config; default info\) +A service/m);
    expect(r.stdout).toMatch(/^runtime-cycle +off \(config; default error\)/m);
    expect(r.stdout).toMatch(/^rollback-needs-broken +error +A rollback/m);
    const json = JSON.parse(runCli(["rules", "--format", "json"], { cwd: dir }).stdout);
    expect(json.rules.find((x: { id: string }) => x.id === "runtime-cycle")).toMatchObject({
      level: "off",
      default: "error",
      configured: true,
    });
    const file = path.join(dir, "rules.txt");
    runCli(["rules", "-o", file], { cwd: dir });
    expect(fs.readFileSync(file, "utf8")).toBe(r.stdout);
  });

  it("a bad config is an input error (exit 2)", () => {
    const dir = tempTree({ "catch22.config.yaml": "rules:\n  rollback-undeclard: warning\n" });
    const r = runCli(["rules"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "rollback-undeclared"');
  });
});

describe("catch22 completion", () => {
  const commands = ["check", "drill", "graph", "diff", "serve", "init", "rules", "completion"];

  it("bash: a valid script listing the real commands, options and format values", () => {
    const r = runCli(["completion", "bash"]);
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain("--max-warnings");
    expect(r.stdout).toContain("'text json sarif junit markdown github dot mermaid html'");
    expect(r.stdout).toContain("complete -o filenames -F _catch22 catch22");
  });

  it("bash: completing `catch22 check --format j` offers json and junit", () => {
    const script = runCli(["completion", "bash"]).stdout;
    const r = spawnSync(
      "bash",
      ["-c", `${script}\nCOMP_WORDS=(catch22 check --format j); COMP_CWORD=3; _catch22; echo "\${COMPREPLY[*]}"`],
      { encoding: "utf8" },
    );
    expect(r.stdout.trim()).toBe("json junit");
  });

  it("zsh and fish name every command and option", () => {
    const zsh = runCli(["completion", "zsh"]).stdout;
    expect(zsh.startsWith("#compdef catch22\n")).toBe(true);
    const fish = runCli(["completion", "fish"]).stdout;
    for (const c of commands) {
      expect(zsh).toContain(`'${c}:`);
      expect(fish).toContain(`-a ${c} -d`);
    }
    expect(fish).toContain("-l fail-on -x -a 'error warning info never'");
    expect(zsh).toContain("--fail-on'[");
  });

  it("an unknown shell is a usage error", () => {
    const r = runCli(["completion", "powershell"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bash, zsh or fish");
  });
});
