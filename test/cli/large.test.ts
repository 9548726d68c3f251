// Past ~125,000 items `push(...list)` and `Math.max(...list)` overflowed the stack: each large input ends with a report or a clear message.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, tempTree } from "../helpers/cli.js";

/** The built CLI, asynchronously: a long synchronous spawn starves the test worker's RPC. */
function runCli(args: string[], options: { cwd: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 },
      (e, stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const N = 130_000;
let dir = "";

beforeAll(() => {
  // One ServiceList whose services form one 130k-member runtime cycle; a file of 130k documents;
  // an estate of 130k services without rollback (130k findings for a baseline) and a small one.
  const list = ["apiVersion: catch22/v1", "kind: ServiceList", "services:"];
  for (let i = 0; i < N; i++) list.push(`  - name: s${i}`, `    runtime: [s${(i + 1) % N}]`, "    rollback: []");
  const docs: string[] = [];
  for (let i = 0; i < N; i++) docs.push("---", "apiVersion: catch22/v1", "kind: Service", `name: d${i}`, "rollback: []");
  const stale = ["apiVersion: catch22/v1", "kind: ServiceList", "services:"];
  for (let i = 0; i < N; i++) stale.push(`  - name: m${i}`);
  dir = tempTree({
    "cycle/list.yaml": `${list.join("\n")}\n`,
    "docs/many.yaml": `${docs.join("\n")}\n`,
    "stale/list.yaml": `${stale.join("\n")}\n`,
    "small/a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nrollback: []\n",
  });
}, 120_000);

const noOverflow = (r: { stderr: string; stdout: string }) => {
  expect(r.stderr).not.toMatch(/call stack|internal error/);
  expect(r.stdout).not.toMatch(/call stack/);
};

describe("large inputs end with a report, never a stack overflow", { timeout: 180_000 }, () => {
  for (const format of ["text", "markdown", "mermaid"]) {
    it(`a 130k-service ServiceList that is one 130k-member cycle, as ${format}`, async () => {
      const out = path.join(dir, `cycle.${format}`);
      const r = await runCli(["check", "cycle", "--format", format, "--top", "0", "-o", out], { cwd: dir });
      noOverflow(r);
      expect(r.code).toBe(1);
      expect(fs.readFileSync(out, "utf8")).toContain("s129999");
    });
  }

  it("a file of 130k documents", async () => {
    const r = await runCli(["check", "docs", "--top", "0"], { cwd: dir });
    noOverflow(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("130000 services");
  });

  it("a baseline with 130k stale entries", async () => {
    const base = path.join(dir, "base.json");
    const w = await runCli(
      ["check", "stale", "--write-baseline", base, "--format", "json", "--top", "0", "-o", path.join(dir, "stale.json")],
      {
        cwd: dir,
      },
    );
    noOverflow(w);
    expect(JSON.parse(fs.readFileSync(base, "utf8")).findings).toHaveLength(N);
    for (const format of ["text", "markdown", "json"]) {
      const out = path.join(dir, `small.${format}`);
      const r = await runCli(["check", "small", "--baseline", base, "--format", format, "-o", out], { cwd: dir });
      noOverflow(r);
      expect(r.code).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(0);
    }
  });
});
