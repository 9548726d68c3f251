// Incremental serve (issue #14): the page's model, kept up by the diffs the server pushes, is always the model a full analysis gives.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEstate, writeEstate } from "../../src/bench/generate.js";
import type { ViewPayload } from "../../src/report/view-model.js";
import type * as ServerModule from "../../src/server/index.js";
import { flowManifest } from "../helpers/flow-manifest.js";
import { follow, raw, serve, wholeAnalysis } from "../helpers/serve.js";

// The built server, as `serve` runs it (the repository's config names no rules and no ignores).
const { analysisPayload } = (await import(`${process.cwd()}/dist/server/index.js`)) as typeof ServerModule;
const CONFIG = { rules: {}, ignore: [] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the page's state is the full analysis of the files as they are now; returns both. */
async function converged(dir: string, states: ViewPayload[], initial: () => ViewPayload | undefined) {
  let expected: ViewPayload | undefined;
  let shown: ViewPayload | undefined;
  for (let t = 0; t < 200; t++) {
    expected = await analysisPayload([dir], CONFIG);
    shown = states.at(-1) ?? initial();
    if (JSON.stringify(shown) === JSON.stringify(expected)) break;
    await sleep(100);
  }
  return { expected, shown };
}

const NAMES = ["a", "b", "c", "d", "e", "f", "g"];
const names = fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 });
const svc = fc.record({ name: fc.constantFrom(...NAMES), runtime: names, rollback: fc.option(names, { nil: undefined }) });
const op = fc.oneof(
  fc.record({ op: fc.constant("write" as const), file: fc.nat(3), services: fc.array(svc, { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant("delete" as const), file: fc.nat(3) }),
  fc.record({ op: fc.constant("bad" as const), file: fc.nat(3) }),
);

describe("incremental serve: diffs applied by the page equal a full re-analysis", { timeout: 600_000 }, () => {
  it("after any sequence of edits, creations, deletions and YAML errors (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 6 }), async (ops) => {
        const dir = mkdtempSync(join(tmpdir(), "catch22-incr-"));
        writeFileSync(join(dir, "f0.yaml"), flowManifest([{ name: "a", runtime: ["b"], rollback: ["a"] }]));
        const s = await serve([dir]);
        const f = follow(s.port);
        let initial: ViewPayload | undefined;
        try {
          await f.ready;
          initial = (await wholeAnalysis(s.port)).payload;
          for (const o of ops) {
            const file = join(dir, `f${o.file}.yaml`);
            if (o.op === "write") writeFileSync(file, flowManifest(o.services));
            else if (o.op === "bad") writeFileSync(file, "apiVersion: catch22/v1\nkind: Service\nname: [unclosed\n");
            else rmSync(file, { force: true });
            const { expected, shown } = await converged(dir, f.states, () => initial);
            expect(shown).toEqual(expected);
            // The server's whole payload is the same model.
            expect((await wholeAnalysis(s.port)).payload).toEqual(expected);
          }
        } finally {
          f.stop();
          await s.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 4 },
    );
  });

  it("pushes diffs, not the estate: a one-service edit of 40 services sends that service and its edges", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-incr-size-"));
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `s${i}`, runtime: [`s${(i + 1) % 40}`], rollback: [] }));
    writeFileSync(join(dir, "a.yaml"), flowManifest(many.slice(0, 20)));
    writeFileSync(join(dir, "b.yaml"), flowManifest(many.slice(20)));
    const s = await serve([dir]);
    const f = follow(s.port);
    try {
      await f.ready;
      writeFileSync(join(dir, "b.yaml"), flowManifest([...many.slice(20), { name: "s40", runtime: ["s0"], rollback: [] }]));
      for (let t = 0; t < 200 && f.changes.length === 0; t++) await sleep(50);
      const c = f.changes[0];
      expect(c && "diff" in c).toBe(true);
      if (!c || !("diff" in c)) return;
      // In plain string order s40 comes after s4: the 36th of the 41.
      expect(c.diff.services).toEqual({ remove: [], put: [[35, expect.objectContaining({ name: "s40" })]] });
      expect("put" in c.diff.edges && c.diff.edges.put.map(([, e]) => `${e.from}->${e.to}`)).toEqual(["s40->s0"]);
      expect(c.diff.head?.summary.services).toBe(41);
      await f.idle();
      expect(f.states.at(-1)).toEqual(await analysisPayload([dir], CONFIG));
    } finally {
      f.stop();
      await s.stop();
    }
  });

  it("a YAML error shows the error with its line; the next good edit recovers, as a diff of the last good model", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-incr-bad-"));
    writeFileSync(join(dir, "a.yaml"), flowManifest([{ name: "a", runtime: ["b"], rollback: [] }]));
    writeFileSync(join(dir, "b.yaml"), flowManifest([{ name: "b", runtime: [], rollback: [] }]));
    const s = await serve([dir]);
    const f = follow(s.port);
    try {
      await f.ready;
      writeFileSync(join(dir, "b.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: b\nruntime: [unclosed\n");
      for (let t = 0; t < 200 && f.states.length < 1; t++) await sleep(50);
      const bad = f.states[0];
      expect(bad?.ok).toBe(false);
      if (bad && !bad.ok) expect(bad.diagnostics[0]?.file).toMatch(/b\.yaml$/);
      writeFileSync(join(dir, "b.yaml"), flowManifest([{ name: "b", runtime: ["c"], rollback: [] }]));
      for (let t = 0; t < 200 && f.states.length < 2; t++) await sleep(50);
      const good = f.changes[1];
      expect(good && "diff" in good && good.base).toBe(1);
      expect(f.states[1]).toEqual(await analysisPayload([dir], CONFIG));
    } finally {
      f.stop();
      await s.stop();
    }
  });

  it("a file deleted takes its services away; a file created adds its own", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-incr-files-"));
    writeFileSync(join(dir, "a.yaml"), flowManifest([{ name: "a", runtime: ["b"], rollback: [] }]));
    writeFileSync(join(dir, "b.yaml"), flowManifest([{ name: "b", runtime: [], rollback: [] }]));
    const s = await serve([dir]);
    const f = follow(s.port);
    const names = () => {
      const last = f.states.at(-1);
      return last?.ok ? last.model.services.map((x) => x.name) : [];
    };
    try {
      await f.ready;
      unlinkSync(join(dir, "b.yaml"));
      for (let t = 0; t < 200 && f.states.length < 1; t++) await sleep(50);
      expect(names()).toEqual(["a"]);
      const last = f.states.at(-1);
      expect(last?.ok && last.model.edges.map((e) => [e.to, e.missing])).toEqual([["b", true]]);
      writeFileSync(join(dir, "c.yaml"), flowManifest([{ name: "c", runtime: ["a"], rollback: [] }]));
      for (let t = 0; t < 200 && f.states.length < 2; t++) await sleep(50);
      expect(names()).toEqual(["a", "c"]);
      expect(f.states.at(-1)).toEqual(await analysisPayload([dir], CONFIG));
    } finally {
      f.stop();
      await s.stop();
    }
  });

  it("answers requests while it re-analyses a large estate: the page, the last whole analysis, a status note", async () => {
    const dir = mkdtempSync(join(tmpdir(), "catch22-incr-busy-"));
    await writeEstate(dir, generateEstate({ services: 20_000, seed: 3, shape: "realistic" }));
    const s = await serve([dir]);
    const seen: string[] = [];
    const req = request({ host: "127.0.0.1", port: s.port, path: "/api/events" }, (res) => {
      res.on("data", (b: Buffer) => {
        for (const m of b.toString().matchAll(/event: (\w+)\ndata: (.{0,40})/g)) seen.push(`${m[1]} ${m[2]}`);
      });
    });
    req.on("error", () => {});
    req.end();
    try {
      await sleep(300);
      writeFileSync(join(dir, "extra.yaml"), flowManifest([{ name: "extra", runtime: ["service-mesh"], rollback: [] }]));
      for (let t = 0; t < 200 && !seen.some((e) => e.startsWith("status") && e.includes("true")); t++) await sleep(10);
      expect(seen.some((e) => e.startsWith("status") && e.includes("true"))).toBe(true);
      // While the worker analyses, this thread answers: the page, and the analysis it has (the one before the edit).
      const page = await raw(s.port, "GET", "/");
      const before = await wholeAnalysis(s.port);
      const changedYet = seen.some((e) => e.startsWith("change"));
      expect(page.status).toBe(200);
      if (!changedYet) expect(before.version).toBe(1);
      for (let t = 0; t < 600 && !seen.some((e) => e.startsWith("change")); t++) await sleep(50);
      expect(seen.some((e) => e.startsWith("change"))).toBe(true);
      const after = await wholeAnalysis(s.port);
      expect(after.version).toBe(2);
      expect(after.payload.ok && after.payload.model.services.some((x) => x.name === "extra")).toBe(true);
    } finally {
      req.destroy();
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
