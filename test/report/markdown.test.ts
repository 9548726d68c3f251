// Markdown (check --format markdown): counts, a table of findings, witness chains, long parts collapsed, text escaped.
import { describe, expect, it } from "vitest";
import { COLLAPSE_ROWS, MAX_ROWS, renderMarkdown } from "../../src/report/markdown.js";
import { runCli } from "../helpers/cli.js";
import { declarations } from "../helpers/estate.js";
import { contextOf } from "../helpers/report.js";

/** The rows of the first Markdown table: cells split on unescaped pipes. */
function tableRows(md: string): string[][] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith("| "));
  const rows: string[][] = [];
  for (let i = start; i >= 0 && i < lines.length && (lines[i] as string).startsWith("|"); i++) {
    const line = lines[i] as string;
    const cells: string[] = [];
    let cell = "";
    for (let k = 1; k < line.length; k++) {
      const c = line[k] as string;
      if (c === "\\" && line[k + 1] === "|") {
        cell += "\\|";
        k++;
      } else if (c === "|") {
        cells.push(cell.trim());
        cell = "";
      } else cell += c;
    }
    rows.push(cells);
  }
  return rows;
}

describe("markdown", { timeout: 60_000 }, () => {
  it("on the Tencent example: the verdict with counts, one table row per finding, the witness chain with locations", () => {
    const r = runCli(["check", "examples/tencent-2024", "--format", "markdown"]);
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md.split("\n")[0]).toBe("## catch22");
    expect(md).toContain("✖ **1 finding at or above `--fail-on error`**: **1** error · **0** warnings · **0** info in 17 services");
    const rows = tableRows(md);
    expect(rows[0]).toEqual(["Severity", "Rule", "Subject", "Finding", "Location"]);
    expect(rows[1]?.every((c) => c === "---")).toBe(true);
    expect(rows.slice(2)).toEqual([
      [
        "✖ error",
        "`rollback-needs-broken`",
        "`cloud-api`",
        "Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api",
        "`examples/tencent-2024/control-plane.yaml:27:14`",
      ],
    ]);
    expect(md).toContain("- `rollback-needs-broken` `cloud-api`: `cloud-api ⇒ rollback-pipeline → cloud-api`");
    expect(md).toContain("  - `rollback-pipeline → cloud-api` at `examples/tencent-2024/control-plane.yaml:54:10`");
    expect(md).not.toContain("<details>");
    const clean = runCli(["check", "examples/tencent-2024-fixed", "--format", "markdown"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("✔ **Nothing at or above `--fail-on error`**: **0** errors · **1** warning");
    expect(tableRows(clean.stdout)).toHaveLength(3);
  });

  it("collapses long tables and chains into <details>, and caps the rows written", () => {
    const many = Array.from({ length: MAX_ROWS + 5 }, (_, i) => ({
      name: `s${String(i).padStart(3, "0")}`,
      runtime: [`s${String(i).padStart(3, "0")}`],
      rollback: [],
    }));
    const md = renderMarkdown(contextOf(declarations(many)));
    expect(md).toContain(`<details>\n<summary>${MAX_ROWS + 5} findings</summary>\n\n| Severity`);
    expect(md).toContain("<summary>Witness chains</summary>");
    expect(tableRows(md)).toHaveLength(2 + MAX_ROWS);
    expect(md).toContain("… and 5 more (the json and sarif formats list every finding).");
    const few = renderMarkdown(contextOf(declarations(many.slice(0, COLLAPSE_ROWS))));
    expect(few).not.toContain("<summary>10 findings</summary>");
  });

  it("escapes pipes, backticks and HTML in messages, so that every row keeps its cells", () => {
    const md = renderMarkdown(contextOf(declarations([{ name: "a|b", runtime: ["c<script>`x`"], rollback: [] }])));
    const rows = tableRows(md).slice(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(5);
    expect(rows[0]?.[3]).toContain("c\\<script\\>\\`x\\`");
    // Raw HTML appears only inside code spans, where Markdown shows it as text.
    expect(rows[0]?.[2]).toBe("`a\\|b` → `` c<script>`x` ``");
  });
});
