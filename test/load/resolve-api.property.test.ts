// The api resolve pass (src/load/resolve-api.ts, its memoised and lazily read index in src/api/providers.ts) against the
// straightforward resolution: each entry resolved on its own by the SPEC §8 brute force, copied with a spread, on random
// estates of provides, versions and ranges (a service declared twice, self-providers, apis nobody provides, entries sharing
// api@version, apis one `provides` entry provides, long label lists); copying, and filling a load's own declarations in place.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiRef } from "../../src/api/ref.js";
import { resolveApiEntries } from "../../src/load/resolve-api.js";
import type { Declaration, Entry } from "../../src/model/types.js";
import { bruteIsRange, bruteProvided, bruteProviders, LABELS, VERSIONS } from "../reference/api-brute.js";

const RUNS = 400;
const TIMEOUT = 60_000;
const NAMES = ["s0", "s1", "s2", "s3", "s4", "s5", "s6"];
// the last is provided by nobody; with up to 30 provides entries over five apis, some have one and some several
const APIS = ["a", "b", "c", "d", "e", "f"];

// labels as a reader merges them (distinct), or a long list with repeats (past the one-provider shortcut's few labels)
const labelsArb = fc.oneof(
  fc.subarray([...LABELS], { minLength: 1 }),
  fc.array(fc.constantFrom(...LABELS), { minLength: 9, maxLength: 12 }),
);
const provisionArb = fc.record(
  { api: fc.constantFrom(...APIS.slice(0, 5)), versions: fc.option(labelsArb, { nil: undefined }) },
  { requiredKeys: ["api"] },
);
const entryArb = fc.record({
  kind: fc.constantFrom("runtime" as const, "rollback" as const),
  api: fc.constantFrom(...APIS),
  version: fc.option(fc.constantFrom(...VERSIONS), { nil: undefined }),
  soft: fc.boolean(),
  note: fc.option(fc.constantFrom("why", "because"), { nil: undefined }),
  plain: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
});
// Names repeat: a service declared twice provides the union of its declarations.
const declArb = fc.record({
  name: fc.constantFrom(...NAMES),
  provides: fc.array(provisionArb, { maxLength: 3 }),
  entries: fc.array(entryArb, { maxLength: 5 }),
  rollback: fc.boolean(),
});

type DeclSpec = typeof declArb extends fc.Arbitrary<infer T> ? T : never;

function declarations(specs: DeclSpec[]): Declaration[] {
  return specs.map((s, i) => {
    const d: Declaration = { name: s.name, pos: { file: `f${i}.yaml`, line: 1, column: 7 }, runtime: [], origin: "catch22" };
    if (s.rollback) d.rollback = [];
    s.entries.forEach((x, k) => {
      const pos = { file: `f${i}.yaml`, line: 2 + k, column: 9 };
      // a plain entry among the api entries, as a manifest mixes them
      const e: Entry =
        x.plain !== undefined
          ? { kind: x.kind, names: [x.plain], anyOf: false, soft: x.soft, namePos: [pos] }
          : {
              kind: x.kind,
              names: [],
              anyOf: false,
              soft: x.soft,
              namePos: [],
              api: { name: x.api, ...(x.version !== undefined ? { version: x.version } : {}), pos },
            };
      if (x.note !== undefined) e.note = x.note;
      if (x.kind === "runtime") d.runtime.push(e);
      else {
        d.rollback ??= [];
        d.rollback.push(e);
      }
    });
    if (s.provides.length > 0)
      d.provides = s.provides.map((p) => (p.versions === undefined ? { api: p.api } : { api: p.api, versions: p.versions }));
    return d;
  });
}

/** Each api entry resolved on its own, as the SPEC words it, copied by spreading (the resolve pass before its index). */
function straightforward(decls: readonly Declaration[]): Declaration[] {
  const sp = decls.filter((d) => d.provides && d.provides.length > 0).map((d) => ({ service: d.name, provides: d.provides ?? [] }));
  const one = (owner: string, e: Entry): Entry => {
    if (e.api === undefined) return e;
    const ref = { owner, api: e.api.name, ...(e.api.version !== undefined ? { version: e.api.version } : {}) };
    const by = bruteProviders(sp, ref);
    const at = e.api.pos;
    if (by.length > 0) return { ...e, names: by, anyOf: by.length > 1, namePos: by.map(() => at), api: { ...e.api } };
    const provided = bruteProvided(sp, e.api.name);
    const missing = apiRef(e.api.name, e.api.version);
    return {
      ...e,
      names: [],
      anyOf: false,
      namePos: [],
      api: { ...e.api, unprovided: { missing, provided, message: expect.any(String) } },
    };
  };
  return decls.map((d) => {
    const has = [...d.runtime, ...(d.rollback ?? [])].some((e) => e.api !== undefined);
    if (!has) return d;
    const copy: Declaration = { ...d, runtime: d.runtime.map((e) => one(d.name, e)) };
    if (d.rollback) copy.rollback = d.rollback.map((e) => one(d.name, e));
    return copy;
  });
}

describe("the api resolve pass against the straightforward resolution", () => {
  it(
    "the same declarations, keys in the same order; the input untouched; shared provider lists frozen; a second pass gives the same",
    () => {
      fc.assert(
        fc.property(fc.array(declArb, { minLength: 1, maxLength: 10 }), (specs) => {
          const input = declarations(specs);
          const before = JSON.stringify(input);
          const got = resolveApiEntries(input);
          const want = straightforward(input);
          expect(got).toEqual(want);
          // key order too: JSON outputs and the fingerprints are written from these objects
          const shape = (ds: Declaration[]) =>
            ds.map((d) => [Object.keys(d), ...[...d.runtime, ...(d.rollback ?? [])].map((e) => Object.keys(e).join(","))]);
          expect(shape(got)).toEqual(shape(want));
          expect(JSON.stringify(input)).toBe(before);
          for (let i = 0; i < input.length; i++) if (got[i] !== input[i]) expect(want[i]).not.toBe(input[i]);
          for (const d of got)
            for (const e of [...d.runtime, ...(d.rollback ?? [])]) {
              if (e.api === undefined) continue;
              if (e.names.length > 0) expect(Object.isFrozen(e.names)).toBe(true);
              const u = e.api.unprovided;
              if (u === undefined) continue;
              const others = u.provided.some((p) => p.service !== d.name);
              expect(u.message.includes("is not a semver range")).toBe(
                e.api.version !== undefined && others && !bruteIsRange(e.api.version),
              );
            }
          expect(JSON.stringify(resolveApiEntries(input))).toBe(JSON.stringify(got));
          // A load's own declarations: the same objects back, their api entries filled in place, equal to the copies.
          const own = declarations(specs);
          const entriesOf = (ds: Declaration[]) => ds.flatMap((d) => [...d.runtime, ...(d.rollback ?? [])]);
          const ownEntries = entriesOf(own);
          const filled = resolveApiEntries(own, true);
          expect(filled).toEqual(want);
          expect(shape(filled)).toEqual(shape(want));
          for (let i = 0; i < own.length; i++) expect(filled[i]).toBe(own[i]);
          const after = entriesOf(filled);
          for (let k = 0; k < after.length; k++) expect(after[k]).toBe(ownEntries[k]);
          for (const e of after) if (e.api !== undefined && e.names.length > 0) expect(Object.isFrozen(e.names)).toBe(true);
          expect(JSON.stringify(resolveApiEntries(filled, true))).toBe(JSON.stringify(got));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
