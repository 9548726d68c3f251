// The fast manifest path against the full one (property): whenever the fast path reads a file, it gives exactly what js-yaml and the readers give.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEstate, SHAPES } from "../../src/bench/generate.js";
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
/** Version labels: text the core schema keeps as text, and a few it does not (numbers, booleans, nulls, odd characters). */
const VERSIONS = mostly(
  ["v1", "v2", "^1", "~1.4", "^1.4.2", "1.x", "v1.10", "2.0.0-rc.1", "beta", "x+y"],
  ["1.10", "1", "true", "~", "null", "-1", ">=1", "1.x:", "^", ""],
);
/** A recovery mapping written inline: both parts, one, none, with odd spacing; sometimes wrong (keys, durations, form). */
const RECOVERY = fc.oneof(
  {
    arbitrary: fc
      .tuple(DURATIONS, DURATIONS, fc.boolean(), pick(SPACE), pick(SPACE), pick(SPACE), fc.nat(3))
      .map(([a, b, swap, s1, s2, s3, which]) => {
        const parts = [`rollback:${s2 || " "}${a}`, `start: ${b}`];
        if (swap) parts.reverse();
        const chosen = which === 0 ? parts.slice(0, 1) : which === 1 ? parts.slice(1) : parts;
        return `{${s1}${chosen.join(`${s3},${s2}`)}${s1}}`;
      }),
    weight: 30,
  },
  {
    arbitrary: pick([
      "{}",
      "{ }",
      "{rollback: 1m, rollback: 2m}",
      "{start: 1m, start: 1m}",
      "{rollback: 1m, stop: 2m}",
      "{rollback:1m}",
      "{rollback: 1m,}",
      "{rollback: 1m start: 2m}",
      "{rollback: }",
      "{rollback: 90}",
      "{rollback: '1m'}",
      '{rollback: "1m"}',
      "{rollback: [1m]}",
      "{rollback: {a: 1m}}",
      "{rollback: 1m} x",
      "{rollback: 1m",
      "rollback: 1m",
      "[1m]",
      "1m",
      "{rollback: 1m, start: 2m} # why",
      "{Rollback: 1m}",
      "{rollback: 1h30m, start: 0s}",
    ]),
    weight: 6,
  },
);
/** A `provides` list: block items of api and versions (either order, versions inline or absent), or a rarer form. */
const PROVIDES = fc.oneof(
  {
    arbitrary: fc
      .array(
        fc.record({
          api: NAMES,
          // absent a quarter of the time (any version); now and then empty
          versions: fc
            .option(fc.array(VERSIONS, { minLength: 1, maxLength: 3 }), { freq: 4, nil: undefined })
            .map((v) => (v?.[0] === "beta" ? [] : v)),
          versionsFirst: fc.boolean(),
          // now and then a key that does not belong, or a repeated one
          extra: fc.oneof(
            { arbitrary: fc.constant(undefined), weight: 20 },
            { arbitrary: pick(["note: x", "api: y", "versions: [v3]", "version: v1", "versions:"]), weight: 1 },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      )
      .chain((items) =>
        fc.boolean().map((deeper) => {
          const ind = deeper ? "  " : "";
          const lines = ["provides:"];
          for (const it of items) {
            const rows = [`api: ${it.api}`];
            if (it.versions !== undefined) rows.push(`versions: [${it.versions.join(", ")}]`);
            if (it.versionsFirst) rows.reverse();
            if (it.extra !== undefined) rows.push(it.extra);
            for (const [i, r] of rows.entries()) lines.push(`${ind}${i === 0 ? "- " : "  "}${r}`);
          }
          return lines;
        }),
      ),
    weight: 8,
  },
  {
    arbitrary: pick(["provides: []", "provides: [a]", "provides:", "provides: x", "provides:\n  - a", "provides:\n  - api:"]).map((l) =>
      l.split("\n"),
    ),
    weight: 1,
  },
);

/** One requirement as written: a plain name, {service}, {anyOf} with soft and note, or a flow list's item. */
const entry = fc.oneof(
  NAMES.map((n) => ({ plain: n })),
  fc.record({
    head: fc.oneof(
      { arbitrary: NAMES.map((n) => `service: ${n}`), weight: 6 },
      { arbitrary: NAMES.map((n) => `api: ${n}`), weight: 6 },
      { arbitrary: fc.array(NAMES, { minLength: 1, maxLength: 4 }).map((ns) => `anyOf: [${ns.join(", ")}]`), weight: 6 },
      {
        arbitrary: pick(["api:", "version: v1", "service:", "anyOf: []", "unknown: 1", "api: [x]", "api: x-api\n  service: y"]),
        weight: 1,
      },
    ),
    version: fc.option(VERSIONS, { nil: undefined }),
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
              const [head, more] = e.head.split("\n");
              lines.push(`${ind}- ${gap}${head}`);
              if (more !== undefined) lines.push(`${col}${more.trim()}`);
              // a version mostly with an api, sometimes where it does not belong
              if (e.version !== undefined && (e.head.startsWith("api") || e.version === "v2")) lines.push(`${col}version: ${e.version}`);
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
    fc.subarray([
      "owner",
      "system",
      "tier",
      "description",
      "zone",
      "region",
      "recovery",
      "rto",
      "aliases",
      "provides",
      "runtime",
      "rollback",
    ]),
    fc.array(fc.tuple(LABELS, TIERS, TEXTS, NAMES, DURATIONS, RECOVERY, PROVIDES), { minLength: 1, maxLength: 1 }),
    list("runtime"),
    list("rollback"),
    fc.nat(),
  )
  .map(([name, keys, [[label, tier, text, zone, rto, recovery, provides]], runtime, rollback, shift]) => {
    const parts: string[][] = [[`name: ${name}`]];
    for (const k of keys) {
      if (k === "runtime") parts.push(runtime);
      else if (k === "rollback") parts.push(rollback);
      else if (k === "owner" || k === "system") parts.push([`${k}: ${label}`]);
      else if (k === "tier") parts.push([`tier: ${tier}`]);
      else if (k === "description") parts.push([`description: ${text}`]);
      else if (k === "zone" || k === "region") parts.push([`${k}: ${zone}`]);
      else if (k === "recovery") parts.push([`recovery: ${recovery}`]);
      else if (k === "provides") parts.push(provides);
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

const JUNK = ["#", " #c", ":", "- ", "  ", "\t", '"', "'", "[", "]", ",", "---", "...", "&a ", "*a", "{", "}", "^", "~", "é", "\r"];

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

/** The full path's reading of `text`; the fast path's, when it reads it, must be the same, without an error. */
function sameAsFull(text: string, fast: ReturnType<typeof readManifestsFast>): void {
  if (fast === undefined) return;
  const full = loadText(Buffer.from(text), { display: "dir/f.yaml", explicit: true }, undefined, { documents: ALL });
  expect(full.diagnostics).toEqual([]);
  expect(full.skipped).toEqual([]);
  expect(fast.documents).toBe(full.manifests);
  expect(JSON.stringify(fast.declarations)).toBe(JSON.stringify(full.declarations));
}

describe("the fast manifest path equals the full path (property)", () => {
  it("reads a file only when it gives the very declarations, keys in the same order, that js-yaml and the readers give without an error", () => {
    let read = 0;
    let runs = 0;
    /** Files read that hold each of the newer forms, so that they are exercised, not only refused. */
    const forms = { recovery: 0, provides: 0, api: 0, version: 0 };
    fc.assert(
      fc.property(fileText, fc.boolean(), (text, withBytes) => {
        runs++;
        // with the bytes the text was decoded from (as loadText passes them), new strings are copied from those
        const fast = readManifestsFast(text, "dir/f.yaml", new StringTable(), withBytes ? Buffer.from(text) : undefined);
        if (fast === undefined) return;
        read++;
        for (const d of fast.declarations) {
          if (d.recovery) forms.recovery++;
          if (d.provides && d.provides.length > 0) forms.provides++;
          for (const e of [...d.runtime, ...(d.rollback ?? [])]) {
            if (e.api) forms.api++;
            if (e.api?.version !== undefined) forms.version++;
          }
        }
        sameAsFull(text, fast);
      }),
      { numRuns: 4000, seed: 14 },
    );
    // the generator must exercise the fast path, not only its refusals
    expect(read).toBeGreaterThan(runs / 20);
    for (const n of Object.values(forms)) expect(n).toBeGreaterThan(runs / 100);
  });

  it("reads recovery mappings, provides lists and api entries as the full path does, and gives up on their odd forms", () => {
    const doc = (lines: string) => `apiVersion: catch22/v1\nkind: Service\nname: a\n${lines}\n`;
    // [lines, whether the fast path reads them]: where it does, it must read them as the full path does
    const cases: [string, boolean][] = [
      ["recovery: {rollback: 17m, start: 140s}", true],
      ["recovery: {start: 140s, rollback: 1h30m}", true],
      ["recovery: {  rollback:   17m  ,start: 0s }  ", true],
      ["recovery: {start: 2m}", true],
      ["recovery: {}", true],
      ["recovery: { }", true],
      ["recovery: {rollback:1m}", false],
      ["recovery: {rollback: 1m start: 2m}", false],
      ["recovery: {rollback: 1m,}", false],
      ["recovery: {rollback: 1m, rollback: 2m}", false],
      ["recovery: {rollback: 1m, stop: 2m}", false],
      ["recovery: {rollback: 90}", false],
      ["recovery: {rollback: 1m30h}", false],
      ["recovery: {rollback: '1m'}", false],
      ["recovery: {rollback: 1m} # why", false],
      ["recovery: {rollback: 1m}\n  start: 2m", false],
      ["recovery:\n  rollback: 1m", false],
      ["description: a {b}", false],
      ["provides:\n  - api: x-api\n    versions: [v1, v2]", true],
      ["provides:\n- versions: [^1, ~1.4, 2.0.0-rc.1]\n  api: x-api\n- api: y\n- api: x-api\n  versions: [v1, ^1]", true],
      ["provides: []", true],
      ["provides:\n  - api: x\n    versions: [~]", false],
      ["provides:\n  - api: x\n    versions: [~1]", true],
      ["provides:\n  - api: x\n    versions: [1.10]", false],
      ["provides:\n  - api: x\n    versions: [true]", false],
      ["provides:\n  - api: x\n    versions: []", false],
      ["provides:\n  - api: x\n    versions: v1", false],
      ["provides:\n  - api: x\n    api: y", false],
      ["provides:\n  - api: x\n    note: y", false],
      ["provides:\n  - versions: [v1]", false],
      ["provides:\n  - x", false],
      ["provides: [x]", false],
      ["runtime:\n  - api: x-api\n    version: ^1\n    soft: true\n    note: degrades to cached data", true],
      ["runtime:\n  - api: x-api\n  - version: v1\n    api: y\n    note: n", true],
      ["rollback:\n  - note: n\n    api: x-api", true],
      ["runtime:\n  - api: x-api\n    version: ~", false],
      ["runtime:\n  - api: x-api\n    version: 1.10", false],
      ["runtime:\n  - api: x-api\n    version: ^", false],
      ["runtime:\n  - api: x-api\n    version: v1 x", false],
      ["runtime:\n  - api: x-api\n    version:", false],
      ["runtime:\n  - api: x-api\n    version: v1\n    version: v2", false],
      ["runtime:\n  - api: x-api\n    service: y", false],
      ["runtime:\n  - service: y\n    api: x-api", false],
      ["runtime:\n  - anyOf: [b, c]\n    api: x-api", false],
      ["runtime:\n  - service: y\n    version: v1", false],
      ["runtime:\n  - api: true", false],
      ["runtime:\n  - api: [x]", false],
      ["runtime:\n  - {service: y}", false],
    ];
    for (const [lines, read] of cases) {
      const text = doc(lines);
      const fast = readManifestsFast(text, "dir/f.yaml", new StringTable());
      expect({ lines, read: fast !== undefined }).toEqual({ lines, read });
      sameAsFull(text, fast);
    }
  });

  it("reads every file of the bench's generated shapes, each as the full path does", () => {
    // the shapes are what large estates look like; one falling back to the full path is a cliff in the bench
    // (the Backstage form is an adapter's: the full path's by design)
    for (const shape of SHAPES.filter((s) => !s.includes("backstage"))) {
      const strings = new StringTable();
      for (const f of generateEstate({ services: 400, seed: 3, shape })) {
        const fast = readManifestsFast(f.text, "dir/f.yaml", strings, Buffer.from(f.text));
        expect({ shape, path: f.path, read: fast !== undefined }).toEqual({ shape, path: f.path, read: true });
        sameAsFull(f.text, fast);
      }
    }
  });

  it("reads a file with a UTF-8 byte-order mark as without one: the bytes it copies from start past the mark", () => {
    const text =
      "apiVersion: catch22/v1\nkind: Service\nname: ads-6/render-scheduler-51393\ndescription: Generated service 51393\nruntime:\n  - identity-17/cart-web-46596\n";
    const plain = loadText(Buffer.from(text), { display: "f.yaml", explicit: true });
    const marked = loadText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { display: "f.yaml", explicit: true });
    expect(marked).toEqual(plain);
    // two marks: the text drops the second, and no name may be copied from bytes 3 ahead of it
    const twice = loadText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text)]), {
      display: "f.yaml",
      explicit: true,
    });
    expect(twice).toEqual(plain);
    expect(plain.declarations[0]?.description).toBe("Generated service 51393");
    expect(plain.declarations[0]?.runtime[0]?.names).toEqual(["identity-17/cart-web-46596"]);
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
