// Large JSON and DOT reports are written piece by piece (src/cli/io.ts emitFormat): to a file and to a pipe,
// the text is byte for byte the one-string rendering, and each streaming format has its pieces.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { generateEstate, writeEstate } from "../../src/bench/generate.js";
import { formats, graphFormats } from "../../src/report/index.js";
import { CLI } from "../helpers/serve.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const tmp = mkdtempSync(join(tmpdir(), "catch22-stream-"));
const estate = join(tmp, "estate");
beforeAll(async () => {
  await writeEstate(estate, generateEstate({ services: 3000, seed: 3 }));
});

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });

describe("streamed reports", () => {
  it("the streaming formats are json and dot, in check and graph", () => {
    expect(formats.filter((f) => f.chunks).map((f) => f.id)).toEqual(["json", "dot"]);
    expect(graphFormats.filter((f) => f.chunks).map((f) => f.id)).toEqual(["json", "dot"]);
  });

  for (const [command, format] of [
    ["graph", "json"],
    ["graph", "dot"],
    ["check", "json"],
  ] as const) {
    it(`${command} --format ${format}: the file and the pipe hold the same text, a valid report of every service`, () => {
      const out = join(tmp, `${command}.${format}`);
      const file = run([command, estate, "--format", format, "-o", out, ...(command === "check" ? ["--fail-on", "never"] : [])]);
      expect(file.stderr).toBe("");
      expect(file.status).toBe(0);
      const piped = run([command, estate, "--format", format, ...(command === "check" ? ["--fail-on", "never"] : [])]);
      expect(piped.status).toBe(0);
      const text = readFileSync(out, "utf8");
      expect(piped.stdout).toBe(text);
      // Past one write (1 MB) for the graph: several writes join without a seam.
      expect(text.length).toBeGreaterThan(command === "graph" ? 1 << 20 : 100_000);
      if (format === "json") {
        const parsed = JSON.parse(text);
        // The pieces join to JSON.stringify's own text of what they describe.
        expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
        if (command === "graph") expect(parsed.nodes).toHaveLength(3000);
      } else {
        expect(text.startsWith("// catch22 service graph.")).toBe(true);
        expect(text.endsWith("}\n")).toBe(true);
        expect(text.match(/^ {4}"[^"]+" \[label=/gm)?.length).toBe(3000);
      }
    });
  }

  it("says so, exit 2, when -o cannot be written", () => {
    const r = run(["graph", estate, "--format", "json", "-o", join(tmp, "no/such/dir/x.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*x\.json: ENOENT/);
  });
});
