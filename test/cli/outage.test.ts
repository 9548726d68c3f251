// `catch22 drill` for real outages as a user runs it: failure domains, the cold start, time against RTO, and their exit codes (SPEC §4.1–§4.3, §5, §6).
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

const ZONE = "examples/zone-outage";

const TIMED = `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: db
    tier: 0
    zone: z1
    recovery: {rollback: 10m, start: 5m}
    rollback: []
  - name: api
    tier: 1
    zone: z2
    recovery: {start: 2m}
    runtime: [db]
    rollback: []
`;

describe("drill --fail with failure-domain selectors", () => {
  it("--fail zone=… fails the whole zone: the warm drill, its wave end time, the RTO it misses and the warm assumption (exit 1)", () => {
    const r = runCli(["drill", ZONE, "--fail", "zone=eu-west-1a"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "catch22 drill · 7 services · failing dns-primary and dns-secondary",
        "",
        "Blast radius: 6 services down (2 failed services and 4 services that go down with them)",
        "  api, auth, config-store, dns-primary, dns-secondary and web",
        "",
        "Wave 1 (ends at 25m): roll back dns-primary (needs nothing), dns-secondary (needs nothing) → 4 services come back: api, auth, config-store and web",
        "",
        "Estimated recovery time: 25m (an estimate: everything a wave brings back is taken to start in parallel)",
        "  ✖ 1 service exceeds its RTO:",
        "      api: RTO 15m, back at 25m",
        "▲ Warm recovery: api, auth, config-store and web come back here only because the rest was still running; a cold start could not bring them back (a runtime-cycle core, or waiting on one): see `catch22 drill --cold`",
        "",
        "✖ RTO EXCEEDED: recovered in 1 wave, but 1 service is back later than its RTO.",
        "",
      ].join("\n"),
    );
  });

  it("a selector that selects nothing is exit 2 with a did-you-mean over the existing values", () => {
    const r = runCli(["drill", ZONE, "--fail", "zone=eu-west-1d,sytem=shop"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        'catch22: --fail: the selector "zone=eu-west-1d" selects no service (did you mean "zone=eu-west-1a"?)',
        'catch22: --fail: "sytem=" is not a selector (did you mean "system="?); the selectors are zone=, region=, system=, owner=, tier=',
        "",
      ].join("\n"),
    );
  });

  it("selectors, patterns and names add up; tier= compares the number as written", () => {
    const r = runCli(["drill", ZONE, "--fail", "tier=1,system=net*,web", "-f", "json"]);
    expect(JSON.parse(r.stdout).failed).toEqual(["deploy-pipeline", "dns-primary", "dns-secondary", "web"]);
  });
});

describe("drill --cold", () => {
  it("prints the bootstrap as a runbook: waves, never up with the core's witness, RTOs never met (exit 1)", () => {
    const r = runCli(["drill", ZONE, "--cold"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "catch22 drill --cold · 7 services · nothing failed",
        "",
        "Cold start: every service starts from nothing, as after a region-wide power loss.",
        "Wave 1 (ends at 2m): start deploy-pipeline, dns-primary and dns-secondary (no requirements)",
        "",
        "Never up: api, auth, config-store and web — core auth → config-store → auth",
        "  ✖ core auth and config-store: each needs another to be up first",
        "      auth → config-store → auth",
        "        auth → config-store  examples/zone-outage/platform.yaml:13:9",
        "        config-store → auth  examples/zone-outage/platform.yaml:25:18",
        "      holds down api and web",
        "",
        "Recovery time: none: some services stay down",
        "  ✖ 2 services exceed their RTO:",
        "      api: RTO 15m, never back",
        "      web: RTO 1h, never back",
        "",
        "✖ NEVER UP: 4 services of 7 never come up from a cold start.",
        "",
      ].join("\n"),
    );
  });

  it("JSON has the SPEC §6 cold shape", () => {
    const r = runCli(["drill", ZONE, "--cold", "--fail", "deploy-pipeline", "-f", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      schemaVersion: 1,
      mode: "cold",
      failed: ["deploy-pipeline"],
      waves: [{ up: ["dns-primary", "dns-secondary"], endsAfter: 60 }],
      neverUp: ["api", "auth", "config-store", "web"],
      cores: [
        {
          services: ["auth", "config-store"],
          path: [
            { from: "auth", to: "config-store", kind: "runtime" },
            { from: "config-store", to: "auth", kind: "runtime" },
          ],
        },
      ],
      recoveryTime: null,
      rtoExceeded: [
        { service: "api", rto: 900, back: null },
        { service: "web", rto: 3600, back: null },
      ],
      withoutRecoveryTimes: 0,
    });
  });

  it("an estate that comes up within its RTOs exits 0, and says how many declare no times", () => {
    const dir = tempTree({ "estate.yaml": TIMED });
    const r = runCli(["drill", dir, "--cold"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Wave 1 (ends at 5m): start db (no requirements)");
    expect(r.stdout).toContain("Wave 2 (ends at 7m): start api");
    expect(r.stdout).toContain("Estimated recovery time: 7m");
    expect(r.stdout).toContain("✔ Cold start completes in 2 waves: all 2 services come up.");
  });

  it("never up because of a failed service: exit 1, and the services it holds down are named", () => {
    const dir = tempTree({ "estate.yaml": TIMED });
    const r = runCli(["drill", dir, "--cold", "--fail", "db"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("    api: needs db, which stays down");
    expect(r.stdout).toContain("✖ NEVER UP: 1 service of 1 never comes up from a cold start.");
  });
});

describe("RTO per tier in the config (SPEC §4.3)", () => {
  it("rto: {tier: duration} applies to services without their own rto; exceeding it is exit 1", () => {
    const dir = tempTree({ "estate.yaml": TIMED, "catch22.config.yaml": "rto:\n  0: 10m\n  1: 1h\n" });
    const r = runCli(["drill", "--fail", "db"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("      db: RTO 10m, back at 15m");
    const json = JSON.parse(runCli(["drill", "--fail", "db", "-f", "json"], { cwd: dir }).stdout);
    expect(json.rtoExceeded).toEqual([{ service: "db", rto: 600, back: 900 }]);
    expect(json.waves).toEqual([{ rollback: ["db"], recovered: ["api"], endsAfter: 900 }]);
  });

  it("within every RTO: exit 0", () => {
    const dir = tempTree({ "estate.yaml": TIMED, "catch22.config.yaml": "rto: {0: 30m, 1: 2h}\n" });
    expect(runCli(["drill", "--fail", "db"], { cwd: dir }).code).toBe(0);
  });

  it("a bad tier or duration is a config error with its position (exit 2)", () => {
    const dir = tempTree({ "estate.yaml": TIMED, "catch22.config.yaml": "rto:\n  5: 10m\n  1: 10\n" });
    const r = runCli(["drill", "--fail", "db"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`catch22.config.yaml:2:3`);
    expect(r.stderr).toContain('expected a tier 0..3 as a key of "rto"');
    expect(r.stderr).toContain("(give it a unit: 10s, 10m or 10h)");
    expect(path.basename(dir)).toMatch(/catch22-test-/);
  });
});
