// action.yml, run as a runner would: each `run:` step in bash with the GITHUB_* variables, expressions substituted, outputs passed on.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, tempTree } from "../helpers/cli.js";

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  "working-directory"?: string;
}

interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8")) as Action;

interface StepRun {
  step: Step;
  code: number;
  stdout: string;
  stderr: string;
}

interface ActionRun {
  steps: StepRun[];
  outputs: Record<string, string>;
  summary: string;
  /** The exit code of the first failing run step (the job's result), or 0. */
  code: number;
  annotations: string[];
}

/** The `name=value` and `name<<DELIMITER` lines of a GITHUB_OUTPUT file, as the runner reads them. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n") : [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i] as string);
      out[heredoc[1] as string] = value.join("\n");
    } else if (line.includes("=")) out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return out;
}

/** Runs the composite action's steps in `workspace` with the given inputs and event; `uses:` steps are not run. */
function runAction(workspace: string, inputs: Record<string, string>, event: { name: string; baseRef: string }): ActionRun {
  const temp = tempTree({});
  const summary = path.join(temp, "step_summary.md");
  fs.writeFileSync(summary, "");
  const github: Record<string, string> = { action_path: ROOT, base_ref: event.baseRef, event_name: event.name, workspace };
  const values: Record<string, string> = {};
  for (const [name, def] of Object.entries(action.inputs)) values[name] = inputs[name] ?? def.default ?? "";
  const steps: Record<string, Record<string, string>> = {};
  const expr = (text: string): string =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
      const [scope, ...rest] = e.split(".");
      if (scope === "inputs") return values[rest.join(".")] ?? "";
      if (scope === "github") return github[rest.join(".")] ?? "";
      if (scope === "steps" && rest[1] === "outputs") return steps[rest[0] as string]?.[rest.slice(2).join(".")] ?? "";
      throw new Error(`unknown expression ${e}`);
    });
  // Input defaults are expressions too (base-ref: ${{ github.base_ref }}).
  for (const name of Object.keys(values)) values[name] = expr(values[name] as string);
  const ran: StepRun[] = [];
  let code = 0;
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.run === undefined) continue;
    expect(step.shell, `step ${i} needs a shell (composite actions require it)`).toBe("bash");
    const output = path.join(temp, `output-${i}`);
    fs.writeFileSync(output, "");
    const script = path.join(temp, `step-${i}.sh`);
    fs.writeFileSync(script, expr(step.run));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? temp,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_BASE_REF: event.baseRef,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      RUNNER_TEMP: temp,
      NO_COLOR: "1",
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(v);
    // What `shell: bash` runs on a GitHub runner.
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: step["working-directory"] ? expr(step["working-directory"]) : workspace,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    const result = { step, code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    ran.push(result);
    if (step.id) steps[step.id] = readOutputs(output);
    if (result.code !== 0) {
      code = result.code;
      break;
    }
  }
  const outputs: Record<string, string> = {};
  for (const [name, o] of Object.entries(action.outputs)) outputs[name] = expr(o.value);
  const annotations = ran.flatMap((s) => s.stdout.split("\n").filter((l) => l.startsWith("::")));
  return { steps: ran, outputs, summary: fs.readFileSync(summary, "utf8"), code, annotations };
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
  expect(r.status, r.stderr).toBe(0);
}

function copyExample(name: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, "examples", name), to, { recursive: true });
  fs.rmSync(path.join(to, "README.md"), { force: true });
}

/** A repository whose `main` holds the fixed Tencent estate and whose checked-out branch brings the catch-22 back. */
function pullRequestRepo(): string {
  const repo = tempTree({ "README.md": "a repository with manifests\n" });
  git(repo, "init", "-q", "-b", "main");
  copyExample("tencent-2024-fixed", path.join(repo, "manifests"));
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "fixed");
  git(repo, "checkout", "-q", "-b", "feature");
  copyExample("tencent-2024", path.join(repo, "manifests"));
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "the rollback runs on cloud-api again");
  return repo;
}

const CATCH22 =
  "::error file=manifests/control-plane.yaml,line=27,col=14,title=rollback-needs-broken::Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api: cloud-api ⇒ rollback-pipeline → cloud-api";

describe("action.yml", { timeout: 120_000 }, () => {
  it("is a composite action with the inputs of a CI gate, every run step in bash", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs).sort()).toEqual(["base-ref", "config", "fail-on", "node-version", "paths", "sarif"]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(action.inputs["base-ref"]?.default).toBe("${{ github.base_ref }}");
    expect(action.inputs.sarif?.default).toBe("false");
    for (const step of action.runs.steps) {
      if (step.run) expect(step.run, "inputs reach scripts through env only").not.toMatch(/\$\{\{\s*inputs\./);
    }
  });

  it("uploads SARIF with github/codeql-action/upload-sarif only when asked and written", () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@")) as Step;
    expect(upload.if).toBe("inputs.sarif == 'true' && steps.catch22.outputs.sarif-file != ''");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(upload.with).toEqual({ sarif_file: "${{ steps.catch22.outputs.sarif-file }}", category: "catch22" });
  });

  it("on a pull request: diff against the base branch, the introduced catch-22 annotated on its line, summary written, exit 1", () => {
    const repo = pullRequestRepo();
    const run = runAction(repo, { paths: "manifests" }, { name: "pull_request", baseRef: "main" });
    expect(run.steps.map((s) => s.step.name)).toEqual([
      "Build catch22 in the action's checkout",
      "catch22",
      "Fail on findings or invalid input",
    ]);
    expect(run.outputs).toMatchObject({ "exit-code": "1", mode: "diff", findings: "1", "sarif-file": "" });
    expect(run.annotations).toEqual([CATCH22]);
    expect(run.summary).toContain("## catch22");
    expect(run.summary).toContain("rollback-needs-broken");
    expect(run.code).toBe(1);
    expect(run.steps[2]?.stdout).toContain("findings at or above fail-on");
    expect(JSON.parse(fs.readFileSync(run.outputs.report as string, "utf8")).summary.introduced.error).toBe(1);
  });

  it("in a shallow single-branch checkout (actions/checkout's default) it fetches the base branch itself", () => {
    const origin = pullRequestRepo();
    const clone = path.join(tempTree({}), "clone");
    git(ROOT, "clone", "-q", "--depth", "1", "--branch", "feature", `file://${origin}`, clone);
    const run = runAction(clone, { paths: "manifests" }, { name: "pull_request", baseRef: "main" });
    expect(run.steps[1]?.stderr).not.toContain("fatal");
    expect(run.outputs).toMatchObject({ "exit-code": "1", mode: "diff", findings: "1" });
    expect(run.annotations).toEqual([CATCH22]);
  });

  it("fail-on never lets the pull request pass and still annotates", () => {
    const repo = pullRequestRepo();
    const run = runAction(repo, { paths: "manifests", "fail-on": "never" }, { name: "pull_request", baseRef: "main" });
    expect(run.outputs["exit-code"]).toBe("0");
    expect(run.annotations).toEqual([CATCH22]);
    expect(run.code).toBe(0);
  });

  it("on a push: check the whole estate, with SARIF written for the upload step", () => {
    const repo = pullRequestRepo();
    const run = runAction(repo, { paths: "manifests", sarif: "true" }, { name: "push", baseRef: "" });
    expect(run.outputs).toMatchObject({ "exit-code": "1", mode: "check", findings: "1" });
    expect(run.annotations).toEqual([CATCH22]);
    const sarif = JSON.parse(fs.readFileSync(run.outputs["sarif-file"] as string, "utf8"));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["rollback-needs-broken"]);
    expect(run.code).toBe(1);
  });

  it("an estate with no error passes, its warning annotated, and the config file is read", () => {
    const repo = pullRequestRepo();
    git(repo, "checkout", "-q", "main");
    fs.writeFileSync(path.join(repo, "ci.config.yaml"), "paths: [manifests]\n");
    const run = runAction(repo, { config: "ci.config.yaml" }, { name: "push", baseRef: "" });
    // The fixed estate's one warning: both rollback paths of cloud-api share fate with config-store.
    expect(run.outputs).toMatchObject({ "exit-code": "0", mode: "check", findings: "1" });
    expect(run.annotations.map((a) => a.split("::")[1]?.split(" ")[0])).toEqual(["warning"]);
    expect(run.summary).toContain("## catch22");
    expect(run.code).toBe(0);
  });

  it("invalid input fails the job with exit 2 and says so in the summary", () => {
    const repo = pullRequestRepo();
    fs.writeFileSync(path.join(repo, "manifests/bad.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: x\nruntim: [a]\n");
    const run = runAction(repo, { paths: "manifests" }, { name: "push", baseRef: "" });
    expect(run.outputs["exit-code"]).toBe("2");
    expect(run.steps[1]?.stderr).toContain("bad.yaml:4:1");
    // The input error is annotated on its line too (SPEC §1: the github format's error form).
    expect(run.annotations).toEqual([expect.stringMatching(/^::error file=manifests\/bad\.yaml,line=4,col=1,title=manifest-invalid::/)]);
    expect(run.summary).toContain("catch22 check exited 2");
    expect(run.code).toBe(2);
  });
});
