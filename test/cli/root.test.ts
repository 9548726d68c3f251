// catch22 at the repository root, as the docs show it: the root config's paths apply, and the documented commands read valid input.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

describe("catch22 at the repository root", { timeout: 60_000 }, () => {
  it("`catch22 check` with no path reads the root config's paths and analyses them (exit 0 or 1, never 2)", () => {
    const r = runCli(["check", "--format", "json"], { cwd: ROOT });
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.stdout).summary.services).toBeGreaterThan(0);
  });

  it("every `npx catch22 check` line of docs/adapters.md runs on valid input", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs/adapters.md"), "utf8");
    const commands = [...doc.matchAll(/^npx catch22 (check[^#\n]*?)\s*(?:#.*)?$/gm)].map((m) => (m[1] as string).split(/\s+/));
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const args of commands) {
      const r = runCli([...args, "--top", "0"], { cwd: ROOT });
      expect(r.stderr, args.join(" ")).toBe("");
      expect([0, 1], args.join(" ")).toContain(r.code);
    }
  });
});
