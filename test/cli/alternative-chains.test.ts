// Per-alternative chains (issue 15 item 4): for an anyOf rollback requirement, every alternative's chain is shown, so the line a change touched is in the report.

import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

const BASE = "test/fixtures/break-glass/base";
const HEAD = "test/fixtures/break-glass/head";
/** The changed line: break-glass now needs deploy-pipeline (its runtime entry in the head). */
const CHANGED = `${HEAD}/platform.yaml:20:26`;

describe("the break-glass example: a commit makes break-glass need deploy-pipeline", { timeout: 60_000 }, () => {
  it("diff's text shows one chain per alternative, the new line in break-glass's", () => {
    const r = runCli(["diff", BASE, "--", HEAD]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("why each of the 2 alternatives is down:");
    expect(r.stdout).toContain("secrets-vault ⇒ break-glass → deploy-pipeline → secrets-vault");
    expect(r.stdout).toContain("secrets-vault ⇒ deploy-pipeline → secrets-vault");
    expect(r.stdout).toMatch(new RegExp(`break-glass → deploy-pipeline +${CHANGED}`));
  });

  it("diff's Markdown lists each alternative's chain with the new line", () => {
    const r = runCli(["diff", "--format", "markdown", BASE, "--", HEAD]);
    expect(r.stdout).toContain("each of the 2 alternatives is down");
    expect(r.stdout).toContain(`- \`break-glass → deploy-pipeline\` at \`${CHANGED}\``);
  });

  it("JSON adds `chains` (one per alternative, in member order) beside the SPEC §6 fields, which keep the shortest witness", () => {
    const f = JSON.parse(runCli(["check", "--format", "json", HEAD]).stdout).findings[0];
    expect(f.path.map((s: { to: string }) => s.to)).toEqual(["deploy-pipeline", "secrets-vault"]);
    expect(f.chains.map((c: { path: { to: string }[] }) => c.path[0]?.to)).toEqual(["break-glass", "deploy-pipeline"]);
    expect(f.chains[0].locations[1]).toEqual({ file: `${HEAD}/platform.yaml`, line: 20, column: 26 });
  });

  it("SARIF: a code flow per alternative and the new line among the related locations; valid SARIF", () => {
    const log = JSON.parse(runCli(["check", "--format", "sarif", HEAD]).stdout);
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
    ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/sarif-schema-2.1.0.json"), "utf8")));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const result = log.runs[0].results[0];
    expect(result.codeFlows.map((c: { message: { text: string } }) => c.message.text)).toEqual([
      "secrets-vault ⇒ break-glass → deploy-pipeline → secrets-vault",
      "secrets-vault ⇒ deploy-pipeline → secrets-vault",
    ]);
    const lines = result.relatedLocations.map(
      (l: { physicalLocation: { region: { startLine: number } }; message: { text: string } }) =>
        `${l.physicalLocation.region.startLine} ${l.message.text}`,
    );
    expect(lines).toContain("20 break-glass → deploy-pipeline (runtime)");
  });

  it("the github annotation names every alternative's chain", () => {
    const r = runCli(["diff", "--format", "github", BASE, "--", HEAD]);
    expect(r.stdout).toContain(
      "secrets-vault ⇒ break-glass → deploy-pipeline → secrets-vault; secrets-vault ⇒ deploy-pipeline → secrets-vault",
    );
  });

  it("a plain requirement keeps its one chain and no `chains` field", () => {
    const f = JSON.parse(runCli(["check", "--format", "json", "examples/tencent-2024"]).stdout).findings[0];
    expect(f.chains).toBeUndefined();
  });
});
