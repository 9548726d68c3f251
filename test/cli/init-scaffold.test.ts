// `catch22 init` as a scaffolder (issue 15 item 7): no input gives a starter manifest and a commented config; catch22 input is said to be catch22 already.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

describe("catch22 init with no input", { timeout: 60_000 }, () => {
  it("writes a starter manifest and a commented catch22.config.yaml that check reads cleanly", () => {
    const dir = tempTree({});
    const r = runCli(["init"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("wrote my-service.yaml (a starter manifest) and catch22.config.yaml");
    const config = fs.readFileSync(path.join(dir, "catch22.config.yaml"), "utf8");
    expect(config).toContain("# rules:");
    expect(config).toContain("# ignore:");
    const check = runCli(["check"], { cwd: dir });
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("No findings in 1 service.");
  });

  it("-o DIR puts the manifest there and points the config's paths at it; never overwrites", () => {
    const dir = tempTree({});
    expect(runCli(["init", "-o", "manifests"], { cwd: dir }).code).toBe(0);
    expect(fs.existsSync(path.join(dir, "manifests/my-service.yaml"))).toBe(true);
    expect(fs.readFileSync(path.join(dir, "catch22.config.yaml"), "utf8")).toContain('paths:\n  - "manifests"\n');
    expect(runCli(["check"], { cwd: dir }).code).toBe(0);
    // Run again, the directory holds catch22 input: nothing is converted or written.
    expect(runCli(["init", "-o", "manifests"], { cwd: dir }).stdout).toContain("already holds catch22 manifests");
    const taken = tempTree({ "catch22.config.yaml": "failOn: never\n" });
    const r = runCli(["init"], { cwd: taken });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("never overwrites");
    expect(fs.readFileSync(path.join(taken, "catch22.config.yaml"), "utf8")).toBe("failOn: never\n");
  });
});

describe("catch22 init on catch22 input", { timeout: 60_000 }, () => {
  it("says the input is catch22 already and exits 0, writing nothing", () => {
    const out = path.join(tempTree({}), "out");
    const r = runCli(["init", "examples/tencent-2024", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "examples/tencent-2024 already holds catch22 manifests (17 services); nothing to convert. Run: catch22 check examples/tencent-2024\n",
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it("converting Backstage or Compose input still needs -o (or --out)", () => {
    const r = runCli(["init", "examples/backstage"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("init needs -o <dir>");
  });
});
