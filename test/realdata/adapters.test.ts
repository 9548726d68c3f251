// Every adapter over the real Backstage catalogs and Compose projects in ../shared/realdata/adapters: the counts its README expects, no stack trace.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "../helpers/cli.js";
import { REALDATA } from "../observed/realdata.js";

const BASE = path.join(REALDATA ?? path.resolve(ROOT, "../shared/realdata"), "adapters");
const present = fs.existsSync(path.join(BASE, "cases.json"));
if (!present) {
  if (process.env.CI === "true") throw new Error(`${BASE} is absent: the real-data tests must run in CI`);
  console.warn(`skipping the real-data adapter tests: ${BASE} is absent`);
}

interface Expectation {
  services?: number;
  edges?: number;
  exit: number;
}

/** The README's table: "N services, M runtime edges; …; exit K", or "exit 2". */
function expectations(): Map<string, { paths: string[]; want: Expectation }> {
  const cases = JSON.parse(fs.readFileSync(path.join(BASE, "cases.json"), "utf8")).cases as Record<string, { paths: string[] }>;
  const readme = fs.readFileSync(path.join(BASE, "README.md"), "utf8").split("\n");
  const out = new Map<string, { paths: string[]; want: Expectation }>();
  for (const [name, c] of Object.entries(cases)) {
    const row = readme.find((l) => l.startsWith(`| ${name} (`)) ?? "";
    const said = row.split(" | ").pop() ?? "";
    const counts = /(\d+) services, (\d+) runtime edges/.exec(said);
    const exit = /exit (\d)/.exec(said);
    out.set(name, {
      paths: c.paths,
      want: { exit: Number(exit?.[1] ?? -1), ...(counts ? { services: Number(counts[1]), edges: Number(counts[2]) } : {}) },
    });
  }
  return out;
}

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

function noCrash(r: { code: number; stderr: string }): void {
  expect([0, 1, 2]).toContain(r.code);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
}

describe.skipIf(!present)("real Backstage catalogs and Compose projects (../shared/realdata/adapters)", { timeout: 120_000 }, () => {
  const cases = present ? expectations() : new Map();
  for (const [name, { paths, want }] of cases) {
    it(`${name}: ${want.services ?? "no"} services, ${want.edges ?? "-"} runtime edges, exit ${want.exit}`, async () => {
      const r = await run(["check", ...paths, "--format", "json", "--top", "0"], path.join(BASE, name));
      noCrash(r);
      expect(r.code).toBe(want.exit);
      if (want.exit === 2) {
        // Every error names a file (and a line where there is one).
        const errors = r.stderr.split("\n").filter((l) => l.startsWith("error "));
        expect(errors.length).toBeGreaterThan(0);
        for (const l of errors) expect(l).toMatch(/^error [^:\s]+(:\d+:\d+)?: /);
      } else {
        const summary = JSON.parse(r.stdout).summary;
        expect([summary.services, summary.edges.runtime]).toEqual([want.services, want.edges]);
      }
    });
  }

  it("Sentry self-hosted: all 236 depends_on edges, most of them brought in by merge keys", async () => {
    const r = await run(
      ["check", "self-hosted/docker-compose.yml", "--format", "json", "--top", "0"],
      path.join(BASE, "compose/sentry-self-hosted"),
    );
    expect(JSON.parse(r.stdout).summary.edges.runtime).toBe(236);
  });

  it("a walk over the whole folder, and every Compose file in it named at once, end 0, 1 or 2 with no stack trace", async () => {
    noCrash(await run(["check", ".", "--top", "0"], BASE));
    const compose: string[] = [];
    const stack = ["compose"];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      for (const e of fs.readdirSync(path.join(BASE, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) stack.push(rel);
        else if (/\.ya?ml$/.test(e.name)) compose.push(rel);
      }
    }
    const r = await run(["check", ...compose.sort(), "--top", "0"], BASE);
    noCrash(r);
    expect(r.code).toBe(2);
  });
});
