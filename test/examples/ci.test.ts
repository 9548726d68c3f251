// examples/ci: the workflow files are valid YAML that run the commands the docs promise, and the example config works.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli } from "../helpers/cli.js";

const read = (f: string) => parse(fs.readFileSync(path.join(ROOT, "examples/ci", f), "utf8"));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}

describe("examples/ci", { timeout: 60_000 }, () => {
  it("GitHub Actions: diff --base-ref on pull requests into the job summary; nightly SARIF uploaded to code scanning", () => {
    const wf = read("github-actions.yml");
    expect(Object.keys(wf.on).sort()).toEqual(["pull_request", "schedule", "workflow_dispatch"]);
    expect(wf.on.schedule[0].cron.split(" ")).toHaveLength(5);
    const diff: Step[] = wf.jobs.diff.steps;
    expect(wf.jobs.diff.if).toBe("github.event_name == 'pull_request'");
    expect(diff[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    const run = diff.find((s) => s.run?.includes("catch22 diff")) as Step;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(run.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
    expect(run.run).toBe('npx catch22 diff --base-ref "origin/$BASE_REF" --format markdown -o catch22-diff.md');
    expect(diff.find((s) => s.run?.includes("GITHUB_STEP_SUMMARY"))?.if).toBe("always()");
    const nightly: Step[] = wf.jobs.nightly.steps;
    expect(wf.jobs.nightly.permissions["security-events"]).toBe("write");
    const check = nightly.find((s) => s.run?.includes("catch22 check")) as Step;
    expect(check.run).toContain("--format sarif -o catch22.sarif");
    const upload = nightly.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@")) as Step;
    expect(upload.with?.sarif_file).toBe("catch22.sarif");
  });

  it("GitHub Action: the example workflow uses the action with inputs it has", () => {
    const wf = read("github-action.yml");
    const action = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8"));
    const steps: Step[] = wf.jobs.catch22.steps;
    expect(steps[0]?.uses).toBe("actions/checkout@v4");
    const uses = steps.find((s) => s.uses?.startsWith("catch22-cli/catch22@")) as Step;
    for (const input of Object.keys(uses.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(wf.permissions["security-events"]).toBe("write");
  });

  it("GitLab CI: check --format junit kept as artifacts:reports:junit, and a merge request diff job", () => {
    const ci = read("gitlab-ci.yml");
    expect(ci.catch22.script).toContain("npx catch22 check --format junit -o catch22-junit.xml");
    expect(ci.catch22.artifacts).toEqual({ when: "always", reports: { junit: "catch22-junit.xml" } });
    expect(ci["catch22-diff"].rules[0].if).toBe('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect(ci["catch22-diff"].script.join("\n")).toContain('catch22 diff --base-ref "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"');
  });

  it("the example config is valid and its paths apply", () => {
    const r = runCli(["check", "--config", "examples/ci/catch22.config.yaml", "--format", "json", "--fail-on", "never"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.services).toBe(17);
    expect(report.findings.length + (report.ignored?.length ?? 0)).toBe(1);
  });
});
