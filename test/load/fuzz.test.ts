// Fuzzing the loader with seeded mutants of real manifests (examples/, ../shared/realdata/adapters): every run ends 0/1/2 in seconds, no stack trace, and every exit 2 names a file.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { CLI, ROOT, tempTree } from "../helpers/cli.js";
import { REALDATA } from "../observed/realdata.js";

/** The manifests to mutate: the examples, and real Backstage and Compose files when ../shared is there. */
function sources(): string[] {
  const roots = [path.join(ROOT, "examples"), ...(REALDATA ? [path.join(REALDATA, "adapters")] : [])];
  const out: string[] = [];
  for (const root of roots.filter((r) => fs.existsSync(r))) {
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) stack.push(full);
        else if (/\.ya?ml$/.test(e.name) && fs.statSync(full).size < 64_000) out.push(full);
      }
    }
  }
  return out.sort();
}

/** A small seeded generator (mulberry32): the same mutants on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATIONS = ["flip", "delete-line", "duplicate-line", "indent", "dedent", "truncate", "insert"] as const;

function mutate(buf: Buffer, rnd: () => number): { bytes: Buffer; how: string } {
  const how = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)] as (typeof MUTATIONS)[number];
  const pick = (n: number) => Math.floor(rnd() * Math.max(1, n));
  if (how === "flip") {
    const b = Buffer.from(buf);
    for (let k = 0, n = 1 + pick(4); k < n && b.length > 0; k++) b[pick(b.length)] = pick(256);
    return { bytes: b, how };
  }
  if (how === "truncate") return { bytes: buf.subarray(0, pick(buf.length)), how };
  if (how === "insert") {
    const at = pick(buf.length);
    const junk = [":", "[", "{", "- ", "\t", "&a ", "*a", "<<: *a\n", "\0", '"', "\n  ", "---\n"][pick(12)] as string;
    return { bytes: Buffer.concat([buf.subarray(0, at), Buffer.from(junk), buf.subarray(at)]), how };
  }
  const lines = buf.toString("utf8").split("\n");
  const i = pick(lines.length);
  if (how === "delete-line") lines.splice(i, 1);
  else if (how === "duplicate-line") lines.splice(i, 0, lines[i] as string);
  else if (how === "indent") lines[i] = `  ${lines[i]}`;
  else lines[i] = (lines[i] as string).replace(/^ {1,2}/, "");
  return { bytes: Buffer.from(lines.join("\n")), how };
}

interface Mutant {
  name: string;
  rel: string;
  bytes: Buffer;
  how: string;
}

function mutants(count: number, seed: number): Mutant[] {
  const files = sources();
  const rnd = random(seed);
  const out: Mutant[] = [];
  for (let k = 0; k < count && files.length > 0; k++) {
    const src = files[Math.floor(rnd() * files.length)] as string;
    const { bytes, how } = mutate(fs.readFileSync(src), rnd);
    // Keep the base name (Compose is recognised by it) under a folder of the mutant's own.
    out.push({ name: `${k} ${how} ${path.relative(path.resolve(ROOT, ".."), src)}`, rel: `m${k}/${path.basename(src)}`, bytes, how });
  }
  return out;
}

describe("fuzz: mutated real manifests", { timeout: 120_000 }, () => {
  const list = mutants(150, 20261201);

  it("every mutant, walked and named, ends ok or with diagnostics that each name a file; never an exception", async () => {
    for (const m of list) {
      const dir = tempTree({ [m.rel]: m.bytes });
      for (const inputs of [["."], [m.rel]]) {
        const t = performance.now();
        let outcome: Awaited<ReturnType<typeof evaluate>>;
        try {
          outcome = await evaluate(inputs, { cwd: dir, config: { rules: {}, ignore: [] } });
        } catch (e) {
          throw new Error(`${m.name} (${inputs}): ${(e as Error).stack}`);
        }
        expect(performance.now() - t, m.name).toBeLessThan(10_000);
        if (outcome.ok) continue;
        expect(outcome.diagnostics.length, m.name).toBeGreaterThan(0);
        for (const d of outcome.diagnostics) expect(d.file, `${m.name}: ${d.message}`).not.toBe("");
        // A walk that found nothing names the files it passed over, the mutant among them.
        for (const d of outcome.diagnostics.filter((x) => x.message.startsWith("no catch22 manifests here"))) {
          expect(d.message, m.name).toContain(m.rel.split("/")[0] as string);
        }
      }
    }
  });

  it("a sample of mutants through the built CLI: exit 0, 1 or 2, no stack trace, every error line names a file", async () => {
    const sample = list.filter((_, i) => i % 15 === 0);
    const dir = tempTree(Object.fromEntries(sample.map((m) => [m.rel, m.bytes])));
    const runs = sample.map(
      (m) =>
        new Promise<void>((resolve) => {
          execFile(
            process.execPath,
            [CLI, "check", m.rel.split("/")[0] as string, "--top", "0"],
            { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, timeout: 30_000 },
            (e, _out, stderr) => {
              const code = e ? (e as { code?: number }).code : 0;
              expect([0, 1, 2], `${m.name}: ${stderr}`).toContain(code);
              expect(stderr, m.name).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
              if (code === 2)
                for (const l of stderr.split("\n").filter((x) => x.startsWith("error ")))
                  expect(l, m.name).toMatch(/^error [^:\s]+(:\d+:\d+)?: /);
              resolve();
            },
          );
        }),
    );
    await Promise.all(runs);
  });
});
