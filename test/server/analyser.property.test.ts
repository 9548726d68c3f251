// serve's analyser without the server (src/server/analyser.ts): after any sequence of file edits, the page's model kept by the diffs, and the whole payload, equal a fresh analysis.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ViewModel, ViewPayload } from "../../src/report/view-model.js";
import { Analyser } from "../../src/server/analyser.js";
import { applyDiff } from "../../src/server/diff.js";
import { analysisPayload } from "../../src/server/index.js";
import { flowManifest } from "../helpers/flow-manifest.js";

const CONFIG = { rules: {}, ignore: [] };
const NAMES = ["a", "b", "c", "d", "e", "f", "g", "h"];
const name = fc.constantFrom(...NAMES);
const api = fc.constantFrom("p1", "p2");
/**
 * A runtime or rollback entry: a name, a soft one, an anyOf of two or three, or an api entry (SPEC §8),
 * whose providers change with an edit of another file's `provides` (serve copies its declaration on
 * every load, src/rules/reuse.ts relies on it).
 */
const entry = fc.oneof(
  { weight: 4, arbitrary: name },
  { weight: 1, arbitrary: name.map((n) => `{ service: ${n}, soft: true }`) },
  { weight: 2, arbitrary: fc.uniqueArray(name, { minLength: 2, maxLength: 3 }).map((ns) => `{ anyOf: [${ns.join(", ")}] }`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(api, fc.option(fc.constantFrom("v1", "v2", "^1"), { nil: undefined }))
      .map(([a, v]) => (v === undefined ? `{ api: ${a} }` : `{ api: ${a}, version: "${v}" }`)),
  },
);
const provision = fc
  .tuple(api, fc.option(fc.subarray(["v1", "v2", "1.2.0"], { minLength: 1 }), { nil: undefined }))
  .map(([a, vs]) => (vs === undefined ? `{ api: ${a} }` : `{ api: ${a}, versions: [${vs.join(", ")}] }`));
const svc = fc.record({
  name,
  runtime: fc.array(entry, { maxLength: 3 }),
  rollback: fc.option(fc.array(entry, { maxLength: 2 }), { nil: undefined }),
  zone: fc.option(fc.constantFrom("z1", "z2"), { nil: undefined, freq: 4 }),
  provides: fc.option(fc.array(provision, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 2 }),
});

const FILES = 5;
const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("write" as const),
      file: fc.nat(FILES - 1),
      services: fc.array(svc, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("delete" as const), file: fc.nat(FILES - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("bad" as const), file: fc.nat(FILES - 1) }) },
);
const start = fc.array(fc.array(svc, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: FILES });

describe("serve's analyser across edits", () => {
  it.each([
    ["rules reused for what an edit cannot change", 1],
    ["rules run whole", 0],
  ])(
    "the page's model (diffs applied) and the whole payload equal a fresh analysis after every edit (property, %s)",
    async (_, share) => {
      let stamp = 1_700_000_000;
      const write = (file: string, text: string) => {
        writeFileSync(file, text);
        // a new time for every write: the parse cache compares size and time first
        stamp += 10;
        utimesSync(file, stamp, stamp);
      };
      await fc.assert(
        fc.asyncProperty(start, fc.array(op, { minLength: 1, maxLength: 8 }), async (files, ops) => {
          const dir = mkdtempSync(join(tmpdir(), "catch22-analyser-"));
          try {
            for (const [i, services] of files.entries()) write(join(dir, `f${i}.yaml`), flowManifest(services));
            const analyser = new Analyser([dir], CONFIG, undefined, 0, share);
            await analyser.next();
            let page: ViewPayload = analyser.payload();
            // what the page applies a diff to: the last good model (an input error in between keeps it)
            let good = page.ok ? page.model : undefined;
            for (const o of ops) {
              const file = join(dir, `f${o.file}.yaml`);
              if (o.op === "write") write(file, flowManifest(o.services));
              else if (o.op === "bad") write(file, "apiVersion: catch22/v1\nkind: Service\nname: [unclosed\n");
              else rmSync(file, { force: true });
              // the file the watch names: the walk is skipped when it is one found before, still there
              const { change } = await analyser.next([file]);
              if (change && "diff" in change) {
                expect(good).toBeDefined();
                page = { ok: true, model: applyDiff(good as ViewModel, JSON.parse(JSON.stringify(change.diff))) };
              } else if (change && "error" in change) page = change.error;
              else if (change) page = analyser.payload();
              if (page.ok) good = page.model;
              const fresh = await analysisPayload([dir], CONFIG);
              if (page.ok || fresh.ok) expect(page).toEqual(fresh);
              expect(analyser.payload()).toEqual(fresh);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 100 },
      );
    },
    600_000,
  );
});
