// `catch22 drill` as a user runs it: the runbook, the JSON shape and the exit codes (SPEC §4, §5, §6).
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

const TENCENT = "examples/tencent-2024";
const SHOP = "test/fixtures/drill";

const CATCH22_ANYOF = `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: api
    runtime: [db]
    rollback:
      - anyOf: [pipeline, console]
  - name: pipeline
    runtime: [api]
    rollback: []
  - name: console
    runtime: [auth]
    rollback: []
  - name: auth
    runtime: [api]
    rollback: []
  - name: db
    rollback: []
`;

describe("catch22 drill on the Tencent example", () => {
  it("--fail api-config-data recovers in one wave through the manual repair path, in 1h10m: past cloud-api's RTO (exit 1)", () => {
    const r = runCli(["drill", TENCENT, "--fail", "api-config-data"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "catch22 drill · 17 services · failing api-config-data",
        "",
        "Blast radius: 10 services down (api-config-data and 9 services that go down with it)",
        "  api-config-data, api-gateway, cdb, cloud-api, cls, cvm, rollback-pipeline, scf, tke and web-console",
        "",
        "Wave 1 (ends at 1h10m): roll back api-config-data (needs manual-data-repair: up) → 9 services come back: api-gateway, cdb, cloud-api, cls, cvm, rollback-pipeline, scf, tke and web-console",
        "",
        "Estimated recovery time: 1h10m (an estimate: everything a wave brings back is taken to start in parallel)",
        "  ✖ 2 services exceed their RTO:",
        "      cloud-api: RTO 30m, back at 1h10m",
        "      web-console: RTO 1h, back at 1h10m",
        "",
        "✖ RTO EXCEEDED: recovered in 1 wave, but 2 services are back later than their RTO.",
        "",
      ].join("\n"),
    );
  });

  it("--fail cloud-api is stuck, and says why: cloud-api ⇒ rollback-pipeline → cloud-api with file:line:column per step (exit 1)", () => {
    const r = runCli(["drill", TENCENT, "--fail", "cloud-api"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "catch22 drill · 17 services · failing cloud-api",
        "",
        "Blast radius: 9 services down (cloud-api and 8 services that go down with it)",
        "  api-gateway, cdb, cloud-api, cls, cvm, rollback-pipeline, scf, tke and web-console",
        "",
        "Stuck: no rollback can start; cloud-api cannot be rolled back",
        "  ✖ cloud-api: its rollback needs rollback-pipeline, which is down",
        "      cloud-api ⇒ rollback-pipeline → cloud-api",
        "        cloud-api ⇒ rollback-pipeline  examples/tencent-2024/control-plane.yaml:27:14",
        "        rollback-pipeline → cloud-api  examples/tencent-2024/control-plane.yaml:54:10",
        "  Stays down (9 services):",
        "    api-gateway, cdb, cloud-api, cls, cvm, rollback-pipeline, scf, tke and web-console",
        "",
        "Recovery time: none: some services stay down",
        "  ✖ 2 services exceed their RTO:",
        "      cloud-api: RTO 30m, never back",
        "      web-console: RTO 1h, never back",
        "",
        "✖ STUCK: 1 root cannot be rolled back; 9 of 9 services stay down (after 0 waves).",
        "",
      ].join("\n"),
    );
  });

  it("the fixed example recovers from the same failure", () => {
    const r = runCli(["drill", "examples/tencent-2024-fixed", "--fail", "cloud-api"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ Recovered in 1 wave/);
  });

  it("--format json gives the SPEC §6 drill shape plus each stuck root's blocking requirement and witness", () => {
    const r = runCli(["drill", TENCENT, "--fail", "cloud-api", "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toEqual({
      tool: { name: "catch22", version: expect.any(String) },
      schemaVersion: 1,
      mode: "warm",
      failed: ["cloud-api"],
      blastRadius: ["api-gateway", "cdb", "cloud-api", "cls", "cvm", "rollback-pipeline", "scf", "tke", "web-console"],
      waves: [],
      stuck: ["api-gateway", "cdb", "cloud-api", "cls", "cvm", "rollback-pipeline", "scf", "tke", "web-console"],
      stuckRoots: ["cloud-api"],
      recoveryTime: null,
      rtoExceeded: [
        { service: "cloud-api", rto: 1800, back: null },
        { service: "web-console", rto: 3600, back: null },
      ],
      withoutRecoveryTimes: 0,
      warmOnly: [],
      blocking: [
        {
          root: "cloud-api",
          requirements: [
            {
              needs: ["rollback-pipeline"],
              witness: {
                path: [
                  { from: "cloud-api", to: "rollback-pipeline", kind: "rollback" },
                  { from: "rollback-pipeline", to: "cloud-api", kind: "runtime" },
                ],
                locations: [
                  { file: "examples/tencent-2024/control-plane.yaml", line: 27, column: 14 },
                  { file: "examples/tencent-2024/control-plane.yaml", line: 54, column: 10 },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it("a recovering drill in JSON lists its waves and nothing stuck", () => {
    const report = JSON.parse(runCli(["drill", TENCENT, "--fail", "api-config-data", "-f", "json"]).stdout);
    expect(report.waves).toEqual([
      {
        rollback: ["api-config-data"],
        recovered: ["api-gateway", "cdb", "cloud-api", "cls", "cvm", "rollback-pipeline", "scf", "tke", "web-console"],
        endsAfter: 4200,
      },
    ]);
    expect([report.recoveryTime, report.withoutRecoveryTimes]).toEqual([4200, 0]);
    expect([report.stuck, report.stuckRoots, report.blocking]).toEqual([[], [], []]);
  });
});

describe("catch22 drill: waves, patterns and the runbook's layout", () => {
  it("rolls back in waves: a root whose rollback needs a platform tool waits for the wave that brings the tool back", () => {
    const r = runCli(["drill", SHOP, "--fail", "platform/db,shop/api"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines).toContain(
      "Wave 1 (ends at 0s): roll back platform/db (needs nothing) → 2 services come back: platform/console and platform/deploy",
    );
    expect(lines).toContain(
      "Wave 2 (ends at 0s): roll back shop/api (needs one of platform/console or platform/deploy: platform/console and platform/deploy back since wave 1) → 7 services come back: billing/api, billing/invoices, billing/ledger, shop/cart, shop/checkout, shop/search and shop/web",
    );
    expect(lines.at(-2)).toBe("✔ Recovered in 2 waves: all 11 services of the blast radius are back.");
  });

  it("groups a large blast radius by system, largest first, and leaves soft dependents out", () => {
    const r = runCli(["drill", SHOP, "--fail", "platform/db"]);
    expect(r.stdout).toContain(
      [
        "Blast radius: 11 services down (platform/db and 10 services that go down with it)",
        "  system shop (5)      shop/api, shop/cart, shop/checkout, shop/search and shop/web",
        "  system billing (3)   billing/api, billing/invoices and billing/ledger",
        "  system platform (3)  platform/console, platform/db and platform/deploy",
      ].join("\n"),
    );
    expect(r.stdout).not.toContain("status-page");
  });

  it("`*` stays within one /-separated part and `**` crosses them; repeated and comma-separated --fail add up", () => {
    const one = JSON.parse(runCli(["drill", SHOP, "--fail", "shop/*", "-f", "json"]).stdout);
    expect(one.failed).toEqual(["shop/api", "shop/cart", "shop/checkout", "shop/search", "shop/web"]);
    const star = JSON.parse(runCli(["drill", SHOP, "--fail", "*", "-f", "json"]).stdout);
    expect(star.failed).toEqual(["status-page"]);
    const all = JSON.parse(runCli(["drill", SHOP, "--fail", "**", "-f", "json"]).stdout);
    expect(all.failed).toHaveLength(12);
    const mixed = JSON.parse(runCli(["drill", SHOP, "--fail", "billing/api,platform/db", "--fail", "billing/*", "-f", "json"]).stdout);
    expect(mixed.failed).toEqual(["billing/api", "billing/invoices", "billing/ledger", "platform/db"]);
  });

  it("a wave rolling back many roots lists each with what its rollback needs", () => {
    const r = runCli(["drill", SHOP, "--fail", "platform/**", "--fail", "shop/**"]);
    expect(r.stdout).toContain(
      [
        "Wave 2 (ends at 0s): roll back 5 services → 3 services come back",
        "  roll back:",
        "    shop/api (needs one of platform/console or platform/deploy: platform/console and platform/deploy back since wave 1)",
        "    shop/cart (needs platform/deploy: back since wave 1)",
      ].join("\n"),
    );
  });

  it("when every alternative of an anyOf rollback is down, the runbook shows why each one is down", () => {
    const dir = tempTree({ "estate.yaml": CATCH22_ANYOF });
    const r = runCli(["drill", dir, "--fail", "api"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        "  ✖ api: its rollback needs one of console or pipeline, and all of them are down",
        "      api ⇒ console → auth → api",
        "        api ⇒ console   estate.yaml:7:27",
        "        console → auth  estate.yaml:12:15",
        "        auth → api      estate.yaml:15:15",
        "      api ⇒ pipeline → api",
        "        api ⇒ pipeline  estate.yaml:7:17",
        "        pipeline → api  estate.yaml:9:15",
      ].join("\n"),
    );
    expect(r.stdout).toContain("✖ STUCK: 1 root cannot be rolled back; 4 of 4 services stay down (after 0 waves).");
    const report = JSON.parse(runCli(["drill", dir, "--fail", "api", "-f", "json"], { cwd: dir }).stdout);
    const q = report.blocking[0].requirements[0];
    expect(q.needs).toEqual(["console", "pipeline"]);
    expect(q.witness.path.map((s: { to: string }) => s.to)).toEqual(["pipeline", "api"]);
    expect(q.alternatives.map((a: { service: string }) => a.service)).toEqual(["console", "pipeline"]);
  });

  it("-o writes the report to a file and nothing to stdout; colour only when asked for or on a terminal", () => {
    const dir = tempTree({});
    const out = path.join(dir, "drill.txt");
    const r = runCli(["drill", TENCENT, "--fail", "cloud-api", "-o", out]);
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(fs.readFileSync(out, "utf8")).toContain("✖ STUCK");
    expect(fs.readFileSync(out, "utf8")).not.toContain("\u001b[");
    expect(runCli(["drill", TENCENT, "--fail", "cloud-api"]).stdout).not.toContain("\u001b[");
    expect(runCli(["drill", TENCENT, "--fail", "cloud-api"], { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).toContain("\u001b[31m");
  });
});

describe("catch22 drill: bad input exits 2 with a clear message", () => {
  it("an unknown name is an error with a did-you-mean, and nothing is printed on stdout", () => {
    const r = runCli(["drill", TENCENT, "--fail", "cloud-apii"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('catch22: --fail: no service is named "cloud-apii" (did you mean "cloud-api"?)\n');
  });

  it("a pattern matching nothing is an error, with a corrected pattern when one matches; every bad name is reported", () => {
    const r = runCli(["drill", SHOP, "--fail", "shp/*,billing/api", "--fail", "nothing/**"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        'catch22: --fail: the pattern "shp/*" matches no service (did you mean "shop/*"?)',
        'catch22: --fail: the pattern "nothing/**" matches no service',
        "",
      ].join("\n"),
    );
  });

  it("--fail is required without --cold, and must name something", () => {
    const missing = runCli(["drill", TENCENT]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--fail");
    const empty = runCli(["drill", TENCENT, "--fail", ","]);
    expect([empty.code, empty.stderr]).toEqual([
      2,
      "catch22: --fail needs at least one service name, pattern or selector (or use --cold)\n",
    ]);
  });

  it("an unknown --format is an error", () => {
    const r = runCli(["drill", TENCENT, "--fail", "cloud-api", "--format", "sarif"]);
    expect([r.code, r.stderr]).toEqual([2, 'catch22: unknown --format "sarif"; expected one of text, json\n']);
  });

  it("a broken manifest is reported with its position and nothing is simulated", () => {
    const dir = tempTree({ "bad.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nruntime: 3\n" });
    const r = runCli(["drill", dir, "--fail", "a"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error bad\.yaml:4:\d+: /);
  });
});
