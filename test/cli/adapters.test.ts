// `catch22 check` on Backstage and Compose input: the planted catch-22s with file and line, and bad input with exit 2.
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

describe("check on the adapter examples", () => {
  it("reports the Backstage catalog's catch-22: the vault's rollback runs through the pipeline that reads its secrets", () => {
    const r = runCli(["check", "examples/backstage"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("catch22 · 12 services · 11 runtime and 7 rollback edges");
    expect(r.stdout).toContain("Rolling back secrets-vault needs deploy-pipeline, which runs on secrets-vault");
    expect(r.stdout).toMatch(/secrets-vault ⇒ deploy-pipeline\s+examples\/backstage\/platform\/catalog-info\.yaml:9:28/);
    expect(r.stdout).toMatch(/deploy-pipeline → secrets-vault\s+examples\/backstage\/platform\/catalog-info\.yaml:55:7/);
    expect(r.stdout.trimEnd().split("\n").pop()).toMatch(/^✖ 1 error · 0 warnings · 0 info/);
  });

  it("reports the Compose app's catch-22: git's rollback needs a CI agent, and every agent needs git", () => {
    const r = runCli(["check", "examples/compose"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Rolling back git needs one of ci-agent-amd64 or ci-agent-arm64, and all of them are down when git fails");
    expect(r.stdout).toMatch(/git ⇒ ci-agent-amd64\s+examples\/compose\/compose\.yaml:29:19/);
    expect(r.stdout).toMatch(/ci-agent-amd64 → ci\s+examples\/compose\/compose\.yaml:45:18/);
    expect(r.stdout).toMatch(/ci → git\s+examples\/compose\/compose\.yaml:39:18/);
    expect(r.stdout.trimEnd().split("\n").pop()).toMatch(/^✖ 1 error · 1 warning · 0 info/);
    expect(r.stdout).toContain("▲ git rollback needs one of ci-agent-amd64 or ci-agent-arm64, but all of them go down with ci");
  });

  it("lists the Backstage kinds it passes over with --verbose", () => {
    const r = runCli(["check", "examples/backstage", "--verbose"]);
    expect(r.stderr).toContain(
      "skipped examples/backstage/systems.yaml (document 1): a Backstage System entity: catch22 reads Component, Resource and API entities",
    );
  });
});

describe("bad adapter input exits 2 with file:line:column", () => {
  it("for a Backstage annotation and a Compose x-catch22 key, reported together", () => {
    const dir = tempTree({
      "catalog-info.yaml":
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\n  annotations:\n    catch22.dev/rollback: "a,,b"\n',
      "compose.yaml": "services:\n  db:\n    x-catch22:\n      rolback: []\n",
    });
    const r = runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('catalog-info.yaml:6:30: empty requirement in annotation "catch22.dev/rollback"');
    expect(r.stderr).toContain('compose.yaml:4:7: unknown key "rolback" in a Compose service\'s x-catch22 (did you mean "rollback"?)');
    expect(r.stderr).toContain("2 input errors; nothing was analysed (exit code 2)");
  });
});
