// The published package works outside the clone: `npm pack`, install the tarball in an empty folder, run `npx catch22`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempTree } from "../helpers/cli.js";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

/** The environment without what `npm test` sets for the repository's own package (it would leak into the nested npm). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", FORCE_COLOR: "" };
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle|config_(prefix|global|local))/i.test(k) || k === "INIT_CWD") continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "" };
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: "utf8", timeout: 170_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: `${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

describe(`the packed ${pkg.name} tarball, installed in an empty folder`, { timeout: 180_000 }, () => {
  let app = "";

  beforeAll(() => {
    const work = tempTree({ "app/package.json": `${JSON.stringify({ name: "consumer", private: true }, null, 2)}\n` });
    app = path.join(work, "app");
    // --ignore-scripts: `pretest` has built dist already; `prepare` would rebuild it while the
    // other test files of the run execute dist/cli/main.js.
    const packed = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(work, `${pkg.name}-${pkg.version}.tgz`);
    expect(fs.existsSync(tarball), packed.stdout).toBe(true);
    // The dependencies come from this machine's npm cache when they are there (--offline alone
    // fails on a cache that holds the tarballs but not every package document), else the registry.
    const installed = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], app);
    expect(installed.code, installed.stderr).toBe(0);
    fs.cpSync(path.join(ROOT, "examples/tencent-2024"), path.join(app, "tencent-2024"), { recursive: true });
  }, 180_000);

  it("ships the command catch22, the schema and the web app (and no sources or tests)", () => {
    const dir = path.join(app, "node_modules", pkg.name);
    expect(fs.existsSync(path.join(app, "node_modules/.bin/catch22"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "schema/catch22-v1.schema.json"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "dist/web/app.js"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "src"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "test"))).toBe(false);
  });

  it("`npx --no -- catch22 check` finds the Tencent catch-22 and exits 1", () => {
    const r = run("npx", ["--no", "--", "catch22", "check", "tencent-2024"], app);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("rollback-needs-broken (1 error)");
    expect(r.stdout).toContain("Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api");
  });

  it("writes the HTML report and SARIF from the installed package", () => {
    const html = run("npx", ["--no", "--", "catch22", "check", "tencent-2024", "--format", "html", "-o", "report.html"], app);
    expect(html.code, html.stderr).toBe(1);
    expect(fs.readFileSync(path.join(app, "report.html"), "utf8")).toContain("<script");
    const sarif = run("npx", ["--no", "--", "catch22", "check", "tencent-2024", "--format", "sarif"], app);
    expect(sarif.code, sarif.stderr).toBe(1);
    const driver = JSON.parse(sarif.stdout).runs[0].tool.driver;
    expect(driver.version).toBe(pkg.version);
    expect(driver.informationUri).toMatch(/^https:\/\/github\.com\//);
  });
});
