// Every format of check, on the examples: listed in --help, deterministic, and the graph formats independent of declaration order.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formats } from "../../src/report/index.js";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";

/** The Tencent example with its documents in reverse order, in files of other names. */
function reordered(): string {
  const docs = fs
    .readdirSync(path.join(ROOT, "examples/tencent-2024"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(ROOT, "examples/tencent-2024", f), "utf8").split(/^---$/m));
  const dir = tempTree({ "m/z.yaml": docs.slice(0, 2).reverse().join("\n---\n"), "m/a.yaml": docs.slice(2).reverse().join("\n---\n") });
  return dir;
}

describe("check --format", { timeout: 60_000 }, () => {
  it("lists every format in --help", () => {
    const help = runCli(["check", "--help"]).stdout;
    for (const f of formats) expect(help).toContain(f.id);
  });

  it("dot, mermaid and graph json do not depend on the order of files and documents", () => {
    const dir = reordered();
    for (const [cmd, format] of [
      ["check", "dot"],
      ["check", "mermaid"],
      ["graph", "json"],
    ] as const) {
      const here = runCli([cmd, "tencent-2024", "--format", format], { cwd: path.join(ROOT, "examples") });
      const there = runCli([cmd, "m", "--format", format], { cwd: dir });
      expect(there.stdout, format).toBe(here.stdout);
      expect(there.stdout.length).toBeGreaterThan(500);
    }
  });

  it("each format writes the same bytes twice, to stdout and to -o FILE", () => {
    const dir = tempTree({});
    for (const f of formats.filter((x) => !["text", "json"].includes(x.id))) {
      const file = path.join(dir, `report.${f.id}`);
      const out = runCli(["check", "examples/tencent-2024", "--format", f.id]);
      const written = runCli(["check", "examples/tencent-2024", "--format", f.id, "-o", file]);
      expect(out.code, f.id).toBe(1);
      expect(written.code, f.id).toBe(1);
      expect(fs.readFileSync(file, "utf8"), f.id).toBe(out.stdout);
    }
  });
});
