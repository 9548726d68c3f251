// Criticality in `catch22 check`: the text section, `summary.criticality` in JSON, and --top.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const TENCENT = "examples/tencent-2024";

describe("catch22 check: criticality", () => {
  it("the text report ranks the single failures that take down the most and block the most rollbacks, and says the counts are exact", () => {
    // The note on exactness is implementation detail: only with --verbose (issue 15 item 9).
    expect(runCli(["check", TENCENT, "--top", "3"]).stdout).not.toContain("Exact: the blast radius");
    const r = runCli(["check", TENCENT, "--top", "3", "--verbose"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        "Criticality · the single failures that hurt most (top 3, exact)",
        "  takes down the most other services:",
        "    14  config-store     foundation · storage-team",
        "     9  api-config-data  control-plane · api-platform",
        "     9  iam              foundation · security-team",
        "  blocks the most rollbacks of other services (a rollback requirement entirely inside its blast radius):",
        "    12  config-store     foundation · storage-team",
        "    10  deploy-pipeline  foundation · release-engineering",
        "     1  api-config-data  control-plane · api-platform",
        "  slowest recoveries (estimated warm recovery of each ranked service's failure): api-config-data 1h10m, config-store 40m, iam 20m",
        "  Exact: the blast radius of 7 of 17 services was computed; an upper bound showed that no other can rank in.",
        "",
        "✖ 1 error",
      ].join("\n"),
    );
  });

  it("JSON carries summary.criticality with exact counts, top 10 by default", () => {
    const report = JSON.parse(runCli(["check", TENCENT, "--format", "json"]).stdout);
    const c = report.summary.criticality;
    expect([c.top, c.exact]).toEqual([10, true]);
    expect(c.slowestRecoveries).toEqual([
      { service: "cloud-api", recoveryTime: null },
      { service: "api-config-data", recoveryTime: 4200 },
      { service: "config-store", recoveryTime: 2400 },
    ]);
    expect(c.takesDown.slice(0, 2)).toEqual([
      { service: "config-store", count: 14, exact: true },
      { service: "api-config-data", count: 9, exact: true },
    ]);
    expect(c.blocksRollbacks.map((e: { service: string }) => e.service)).toEqual([
      "config-store",
      "deploy-pipeline",
      "api-config-data",
      "iam",
      "manual-data-repair",
      "rollback-pipeline",
    ]);
    expect(report.summary.findings).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it("--top 0 leaves the rankings out; a --top that is not a whole number is an input error (exit 2)", () => {
    const none = runCli(["check", TENCENT, "--top", "0"]);
    expect(none.stdout).not.toContain("Criticality");
    expect(JSON.parse(runCli(["check", TENCENT, "--top", "0", "-f", "json"]).stdout).summary.criticality).toBeUndefined();
    const bad = runCli(["check", TENCENT, "--top", "ten"]);
    expect([bad.code, bad.stderr]).toEqual([2, 'catch22: --top must be a whole number from 0 to 1000, not "ten"\n']);
  });
});
