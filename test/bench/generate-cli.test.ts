// Tests of the bench command lines: the generator's options come from the shape table, bad values exit 2.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { generateEstate, SHAPES } from "../../src/bench/generate.js";
import { generateProgram, runGenerate } from "../../src/bench/generate-command.js";
import { oneShape, positiveIntegers, shapeList } from "../../src/bench/options.js";
import { shapes } from "../../src/bench/shapes/index.js";
import { ROOT, tempTree } from "../helpers/cli.js";

async function generate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runGenerate(["node", "generate-cli", ...args], {
    writeOut: (t) => {
      stdout += t;
    },
    writeErr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe("generate-cli", () => {
  it("offers exactly the table's shapes as --shape choices, realistic by default, and describes each in --help", async () => {
    const shape = generateProgram().options.find((o) => o.long === "--shape");
    expect(shape?.argChoices).toEqual([...SHAPES]);
    expect(shape?.defaultValue).toBe("realistic");
    const help = await generate("--help");
    expect(help.code).toBe(0);
    for (const s of shapes) expect(help.stdout).toContain(`  ${s.id} (at least ${s.minServices} services): ${s.description}`);
  });

  it("writes the estate generateEstate makes, and says what it wrote", async () => {
    const dir = path.join(tempTree({}), "estate");
    const r = await generate("--services", "90", "--seed=-3", "--shape", "distinct-rollback", "--docs-per-file", "7", "--out", dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^90 services \(distinct-rollback, seed -3\): 14 files, \d+ bytes in /);
    const files = generateEstate({ services: 90, seed: -3, shape: "distinct-rollback", docsPerFile: 7 });
    for (const f of files) expect(fs.readFileSync(path.join(dir, f.path), "utf8")).toBe(f.text);
  });

  it.each([
    [["--shape", "spiral"], /argument 'spiral' is invalid\. Allowed choices are realistic, star, chain, cycle, distinct-rollback/],
    [["--services", "ten"], /'--services <n>' argument 'ten' is invalid\. expected an integer/],
    [["--seed", "1.5"], /'--seed <s>' argument '1.5' is invalid\. expected an integer/],
    [["--services", "99999999999999999999"], /out of range/],
    [["--docs-per-file", "0"], /'--docs-per-file <n>' argument '0' is invalid\. expected a positive integer/],
    [["--services", "10"], /^generate-cli: services must be an integer >= 40 for shape realistic, got 10\n$/],
    [["--frobnicate"], /unknown option '--frobnicate'/],
  ])("refuses %j with a clear message and exit code 2, writing nothing", async (args, message) => {
    const dir = path.join(tempTree({}), "estate");
    const r = await generate(...args, "--out", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("needs --out", async () => {
    const r = await generate("--services", "100");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--out <dir>' not specified");
  });
});

describe("bench option values", () => {
  it("reads comma-separated sizes and shapes, and refuses anything else", () => {
    expect(positiveIntegers("1000, 10000")).toEqual([1000, 10000]);
    expect(() => positiveIntegers("1000,")).toThrow(/"" is not one/);
    expect(() => positiveIntegers("0")).toThrow(/"0" is not one/);
    expect(shapeList("star,chain")).toEqual(["star", "chain"]);
    expect(shapeList("")).toEqual([]);
    expect(() => shapeList("star,spiral")).toThrow(/unknown shape "spiral"; expected some of realistic, star/);
    expect(oneShape("wide-anyof")).toBe("wide-anyof");
    expect(() => oneShape("star,chain")).toThrow(/expected one shape of realistic, star/);
    expect(() => oneShape("")).toThrow(/expected one shape/);
  });
});

describe("npm run bench (the built dist/bench/run.js)", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, "dist/bench/run.js"), ...args], { encoding: "utf8", timeout: 30_000 });

  it("shows its options with --help instead of starting to measure", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--sizes <list>[\s\S]*--runs <n>[\s\S]*--shapes <list>[\s\S]*--dir <dir>/);
  });

  it("refuses an unknown shape or a size too small for a shape, before writing any estate, with exit code 2", () => {
    const dir = path.join(tempTree({}), "cache");
    const bad = run("--shapes", "star,spiral", "--dir", dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown shape "spiral"');
    const small = run("--sizes", "60", "--shapes", "distinct-rollback", "--dir", dir);
    expect(small.status).toBe(2);
    expect(small.stderr).toBe("bench: shape distinct-rollback needs at least 80 services, not 60\n");
    expect(fs.existsSync(dir)).toBe(false);
  });
});
