// The fast manifest path against the full one (property): whenever the fast path reads a file, it gives exactly what js-yaml and the readers give.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readManifestsFast, StringTable } from "../../src/load/fast/manifest.js";
import { loadText } from "../../src/load/index.js";

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** Mostly values the fast path reads, sometimes one it must refuse (or read as the full path does). */
const mostly = (good: readonly string[], odd: readonly string[]) =>
  fc.oneof({ arbitrary: pick(good), weight: 40 }, { arbitrary: pick(odd), weight: 1 });

const NAMES = mostly(
  ["a", "b-1", "svc/x", "db.main", "x_y", "iam", "y", "ads-6/render-scheduler-51393", "1a", "2h"],
  ["x:y", "true", "False", "null", "Null", "123", "0", "012", "0x1f", "1e3", "yes"],
);
const LABELS = mostly(["team-a", "ads-6"], ["x y", "True", "7", "~"]);
const TEXTS = mostly(["Generated service 1", "a, b [c]", "x - y", "1h"], ["a: b", "trailing:", "5", "true", "-x", "x#y"]);
const TIERS = mostly(["0", "1", "3"], ["4", "-1", "1.5", "x", "03"]);
const DURATIONS = mostly(["30m", "1h30m", "90s", "0s"], ["90", "x", "1m30h"]);
const SPACE = ["", " ", "  "];

/** One requirement as written: a plain name, {service}, {anyOf} with soft and note, or a flow list's item. */
const entry = fc.oneof(
  NAMES.map((n) => ({ plain: n })),
  fc.record({
    head: fc.oneof(
      { arbitrary: NAMES.map((n) => `service: ${n}`), weight: 6 },
      { arbitrary: fc.array(NAMES, { minLength: 1, maxLength: 4 }).map((ns) => `anyOf: [${ns.join(", ")}]`), weight: 6 },
      { arbitrary: pick(["api: x", "version: v1", "service:", "anyOf: []", "unknown: 1"]), weight: 1 },
    ),
    soft: fc.option(mostly(["true", "false"], ["yes", "1", "~"]), { nil: undefined }),
    note: fc.option(TEXTS, { nil: undefined }),
  }),
);

/** A list of requirements under `key`, as block items (at the key's column or deeper) or inline. */
const list = (key: string) =>
  fc.oneof(
    {
      arbitrary: fc
        .record({ entries: fc.array(entry, { maxLength: 4 }), deeper: fc.boolean(), gap: pick(SPACE) })
        .map(({ entries, deeper, gap }) => {
          if (entries.length === 0) return [`${key}: []`];
          const ind = deeper ? "  " : "";
          const lines = [`${key}:`];
          for (const e of entries) {
            if ("plain" in e) lines.push(`${ind}- ${gap}${e.plain}`);
            else {
              const col = " ".repeat(ind.length + 2 + gap.length);
              lines.push(`${ind}- ${gap}${e.head}`);
              if (e.soft !== undefined) lines.push(`${col}soft: ${e.soft}`);
              if (e.note !== undefined) lines.push(`${col}note: ${e.note}`);
            }
          }
          return lines;
        }),
      weight: 8,
    },
    { arbitrary: fc.array(NAMES, { maxLength: 3 }).map((ns) => [`${key}: [${ns.join(", ")}]`]), weight: 3 },
    { arbitrary: pick([`${key}:`, `${key}: x`, "extends: backstage", "bogus: 1"]).map((l) => [l]), weight: 1 },
  );

/** A service's keys, in any order, some of them wrong. */
const serviceLines = fc
  .tuple(
    NAMES,
    fc.subarray(["owner", "system", "tier", "description", "zone", "rto", "aliases", "runtime", "rollback"]),
    fc.array(fc.tuple(LABELS, TIERS, TEXTS, NAMES, DURATIONS), { minLength: 1, maxLength: 1 }),
    list("runtime"),
    list("rollback"),
    fc.nat(),
  )
  .map(([name, keys, [[label, tier, text, zone, rto]], runtime, rollback, shift]) => {
    const parts: string[][] = [[`name: ${name}`]];
    for (const k of keys) {
      if (k === "runtime") parts.push(runtime);
      else if (k === "rollback") parts.push(rollback);
      else if (k === "owner" || k === "system") parts.push([`${k}: ${label}`]);
      else if (k === "tier") parts.push([`tier: ${tier}`]);
      else if (k === "description") parts.push([`description: ${text}`]);
      else if (k === "zone") parts.push([`zone: ${zone}`]);
      else if (k === "rto") parts.push([`rto: ${rto}`]);
      else if (k === "aliases") parts.push([`aliases: [${zone}, ${name}]`]);
      else parts.push([`${k}: ${label}`]);
    }
    // the name need not come first
    const at = shift % parts.length;
    return [...parts.slice(at), ...parts.slice(0, at)].flat();
  });

const documentText = fc.oneof(
  serviceLines.map((lines) => ["apiVersion: catch22/v1", "kind: Service", ...lines]),
  fc
    .array(serviceLines, { minLength: 1, maxLength: 3 })
    .map((services) => [
      "apiVersion: catch22/v1",
      "kind: ServiceList",
      "services:",
      ...services.flatMap((lines) => lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))),
    ]),
);

const JUNK = ["#", " #c", ":", "- ", "  ", "\t", '"', "'", "[", "]", ",", "---", "...", "&a ", "*a", "{", "é", "\r"];

/** Files of one to three documents, sometimes with one line changed, joined, indented, or broken. */
const fileText = fc
  .tuple(
    fc.array(documentText, { minLength: 1, maxLength: 2 }),
    fc.boolean(),
    fc.option(fc.tuple(fc.nat(), pick(["junk", "indent", "dedent", "delete", "duplicate", "blank", "comment"]), pick(JUNK), fc.nat()), {
      freq: 3,
    }),
  )
  .map(([docs, leading, mutation]) => {
    const lines = docs.flatMap((d, i) => (i === 0 ? d : ["---", ...d]));
    if (leading) lines.unshift("---");
    if (mutation) {
      const [at, how, junk, col] = mutation;
      const i = at % lines.length;
      const line = lines[i] as string;
      if (how === "junk") {
        const c = col % (line.length + 1);
        lines[i] = line.slice(0, c) + junk + line.slice(c);
      } else if (how === "indent") lines[i] = ` ${line}`;
      else if (how === "dedent") lines[i] = line.replace(/^ /, "");
      else if (how === "delete") lines.splice(i, 1);
      else if (how === "duplicate") lines.splice(i, 0, line);
      else if (how === "blank") lines.splice(i, 0, "");
      else lines.splice(i, 0, `${" ".repeat(col % 5)}# a comment`);
    }
    return `${lines.join("\n")}\n`;
  });

/** Every document index: the full path reads them all (with `documents` set, loadText never tries the fast path). */
const ALL = new Set(Array.from({ length: 100 }, (_, i) => i));

describe("the fast manifest path equals the full path (property)", () => {
  it("reads a file only when it gives the very declarations, keys in the same order, that js-yaml and the readers give without an error", () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(fileText, (text) => {
        runs++;
        const fast = readManifestsFast(text, "dir/f.yaml", new StringTable());
        if (fast === undefined) return;
        read++;
        const full = loadText(Buffer.from(text), { display: "dir/f.yaml", explicit: true }, undefined, { documents: ALL });
        expect(full.diagnostics).toEqual([]);
        expect(full.skipped).toEqual([]);
        expect(fast.documents).toBe(full.manifests);
        expect(JSON.stringify(fast.declarations)).toBe(JSON.stringify(full.declarations));
      }),
      { numRuns: 1500, seed: 14 },
    );
    // the generator must exercise the fast path, not only its refusals
    expect(read).toBeGreaterThan(runs / 10);
  });

  it("gives up on what it does not read, so that the full path reports it", () => {
    const t = new StringTable();
    const ok = "apiVersion: catch22/v1\nkind: Service\nname: a\nrollback: []\n";
    expect(readManifestsFast(ok, "f.yaml", t)?.declarations.map((d) => d.name)).toEqual(["a"]);
    for (const bad of [
      ok.replace("name: a", "name: 'a'"),
      ok.replace("name: a", "name: a # why"),
      ok.replace("name: a", "name: true"),
      ok.replace("name: a", "name: a\n  b"),
      ok.replace("rollback: []", "rollback: [a,]"),
      ok.replace("rollback: []", "rollback:"),
      ok.replace("kind: Service", "kind: Service\nkind: Service"),
      `${ok}---\n`,
      ok.replace("catch22/v1", "catch22/v2"),
      ok.replace("rollback: []", "extends: backstage"),
    ]) {
      expect(readManifestsFast(bad, "f.yaml", t)).toBeUndefined();
    }
  });
});
