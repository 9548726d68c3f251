// Reading the reports (issue 15 items 5 and 9): a fix line and the rule's page per finding, word wrapping on a terminal only, the exactness note under --verbose.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, runCli } from "../helpers/cli.js";

const TENCENT = "examples/tencent-2024";
const FIX =
  "fix: Give the rollback a path that does not depend on the service, such as a break-glass console in an `anyOf`.  (docs/rules/rollback-needs-broken.md)";

describe("fix advice where people look", { timeout: 60_000 }, () => {
  it("text: each rule's findings come with its fix and its page", () => {
    expect(runCli(["check", TENCENT]).stdout).toContain(`\n  ${FIX}\n`);
    expect(runCli(["diff", "examples/tencent-2024-fixed", "--", TENCENT]).stdout).toContain(`\n      ${FIX}\n`);
  });

  it("Markdown: a How to fix list linking each rule's page in the repository", () => {
    const md = runCli(["check", TENCENT, "--format", "markdown"]).stdout;
    expect(md).toContain("How to fix:");
    expect(md).toMatch(
      /- `rollback-needs-broken`: Give the rollback .* \[docs\/rules\/rollback-needs-broken\.md\]\(https:\/\/github\.com\/[^)]+\/blob\/main\/docs\/rules\/rollback-needs-broken\.md\)/,
    );
    expect(runCli(["diff", "--format", "markdown", "examples/tencent-2024-fixed", "--", TENCENT]).stdout).toContain("How to fix:");
  });
});

describe("wrapping", { timeout: 60_000 }, () => {
  it("not on a terminal: whole lines (pipes, files and CI logs)", () => {
    const r = runCli(["check", TENCENT]);
    expect(r.stdout).toContain(`rollback-needs-broken (1 error)  A rollback needs something that the failure itself takes down\n`);
  });

  const hasScript = fs.existsSync("/usr/bin/script");
  it.skipIf(!hasScript)("on an 80-column terminal: no line over 80, no word broken", () => {
    const r = spawnSync("script", ["-qec", `stty cols 80; NO_COLOR=1 ${process.execPath} ${CLI} check ${TENCENT}`, "/dev/null"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    const lines = r.stdout.replace(/\r/g, "").split("\n");
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(80);
    expect(r.stdout.replace(/\r/g, "")).toContain("A rollback needs something that the failure\n  itself takes down");
  });
});
