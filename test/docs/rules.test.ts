// docs/rules: one page per rule of SPEC §3's table, and every built rule's metadata points at its page with a one-sentence fix.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderSarif } from "../../src/report/sarif.js";
import { ruleMetas } from "../../src/rules/index.js";
import { ROOT } from "../helpers/cli.js";
import { contextOf } from "../helpers/report.js";

/** The rule ids of SPEC §3's table, built or not. */
const SPEC_RULES = [
  "manifest-invalid",
  "duplicate-service",
  "missing-dependency",
  "runtime-cycle",
  "rollback-needs-broken",
  "rollback-undeclared",
  "shared-fate",
  "api-unprovided",
  "undeclared-dependency",
  "undeclared-service",
  "unobserved-dependency",
];

const page = (id: string) => path.join(ROOT, "docs/rules", `${id}.md`);

describe("docs/rules", () => {
  it.each(SPEC_RULES)("%s has a page: what, why, how to fix (before/after), how to ignore", (id) => {
    const text = fs.readFileSync(page(id), "utf8");
    expect(text.startsWith(`# \`${id}\`\n`)).toBe(true);
    for (const heading of ["## What it finds", "## Why it matters", "## How to fix", "## How to ignore"]) {
      expect(text, heading).toContain(`\n${heading}\n`);
    }
    expect(text).toMatch(/Before[^\n]*:\n\n```yaml\n/);
    expect(text).toMatch(/After[^\n]*:\n\n```yaml\n/);
    expect(text).toContain("(../configuration.md)");
  });

  it("the index lists every page", () => {
    const index = fs.readFileSync(path.join(ROOT, "docs/rules/README.md"), "utf8");
    for (const id of SPEC_RULES) expect(index).toContain(`[\`${id}\`](${id}.md)`);
    expect(fs.readdirSync(path.join(ROOT, "docs/rules")).sort()).toEqual([...SPEC_RULES.map((id) => `${id}.md`), "README.md"].sort());
  });

  it.each(ruleMetas.map((m) => [m.id, m] as const))("%s's metadata has a one-sentence fix and its page as docs", (id, meta) => {
    expect(SPEC_RULES).toContain(id);
    expect(meta.docs).toBe(`docs/rules/${id}.md`);
    expect(fs.existsSync(path.join(ROOT, meta.docs))).toBe(true);
    expect(meta.fix).toMatch(/^[A-Z`].*\.$/);
    expect(meta.fix.split(/\.\s/)).toHaveLength(1);
  });

  it("SARIF's helpUri of every rule points at its page in the repository", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const repo = (pkg.repository.url as string).replace(/^git\+/, "").replace(/\.git$/, "");
    const rules = JSON.parse(renderSarif(contextOf([]))).runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.map((r) => r.helpUri)).toEqual(rules.map((r) => `${repo}/blob/main/docs/rules/${r.id}.md`));
  });
});
