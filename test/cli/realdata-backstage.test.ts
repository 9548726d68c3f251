// Real Backstage catalogs nobody here wrote (../shared/realdata, provenance in its README): every kind catch22 does not read is passed over and listed, never an error.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ROOT, runCli } from "../helpers/cli.js";

const READ = ["component", "resource", "api"];
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const candidates = [process.env.CATCH22_REALDATA, path.resolve(ROOT, "../shared/realdata"), path.resolve(ROOT, "../../shared/realdata")];
const REALDATA = candidates.find((c): c is string => c !== undefined && fs.existsSync(path.join(c, "adapters/cases.json")));

/** The kinds of the Backstage documents under `dir` that catch22 does not read, walked as the CLI walks. */
function otherKinds(dir: string): Set<string> {
  const kinds = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith(".") && e.name !== "node_modules") stack.push(full);
      } else if (/\.ya?ml$/i.test(e.name)) {
        for (const doc of parseAllDocuments(fs.readFileSync(full, "utf8"))) {
          const v = doc.toJS?.({ maxAliasCount: -1 }) as { apiVersion?: unknown; kind?: unknown } | null;
          if (typeof v?.apiVersion === "string" && /^backstage\.io\/v1(alpha1|beta1)$/.test(v.apiVersion) && typeof v.kind === "string") {
            if (!READ.includes(v.kind.toLowerCase())) kinds.add(v.kind);
          }
        }
      }
    }
  }
  return kinds;
}

describe.runIf(REALDATA !== undefined || process.env.CI === "true")("real Backstage catalogs (shared/realdata/adapters/backstage)", () => {
  if (REALDATA === undefined) {
    it("needs ../shared/realdata (set CATCH22_REALDATA)", () => {
      throw new Error("CI=true but no real-data directory was found");
    });
    return;
  }
  const cases = (
    JSON.parse(fs.readFileSync(path.join(REALDATA, "adapters/cases.json"), "utf8")) as { cases: Record<string, { paths: string[] }> }
  ).cases;
  for (const [name, c] of Object.entries(cases).filter(([n]) => n.startsWith("backstage/"))) {
    it(`${name}: other kinds are passed over and listed with -v; errors name a file; no stack trace`, { timeout: 60_000 }, () => {
      const dir = path.join(REALDATA, "adapters", name);
      const r = runCli(["check", ...c.paths, "-v", "--format", "json"], { cwd: dir });
      expect([0, 1, 2]).toContain(r.code);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toContain("unknown Backstage kind");
      for (const kind of otherKinds(dir)) expect(r.stderr, kind).toContain(`a Backstage ${kind} entity`);
      for (const line of r.stderr.split("\n").filter((l) => l.startsWith("error "))) expect(line).toMatch(/^error \S+(:\d+:\d+)?: /);
    });
  }
});
