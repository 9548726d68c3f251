// SPEC §2, §8: an estate with api entries gives the same detector results and drills as the same estate with each api
// entry replaced by its resolved plain or anyOf entry (resolved by the brute-force reading of §8), and api-unprovided
// reports exactly the (service, api@version) pairs with no provider.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServiceProvides } from "../../src/api/providers.js";
import { simulate } from "../../src/drill/simulate.js";
import { compile } from "../../src/graph/compiled.js";
import { resolveApiEntries } from "../../src/load/resolve-api.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration, Entry, Finding } from "../../src/model/types.js";
import { estateArb } from "../helpers/arbitrary.js";
import { analyse } from "../helpers/estate.js";
import { bruteProviders, LABELS, VERSIONS } from "../reference/api-brute.js";
import { bruteFindings } from "../reference/brute.js";

const RUNS = 500;
const TIMEOUT = 120_000;
const APIS = ["a", "b"];

interface ApiSpec {
  /** Which declaration gets it (an index modulo the count). */
  decl: number;
  kind: "runtime" | "rollback";
  api: string;
  version: string | undefined;
  soft: boolean;
}
interface ProvideSpec {
  decl: number;
  api: string;
  versions: string[] | undefined;
}

const apiArb: fc.Arbitrary<ApiSpec> = fc.record({
  decl: fc.nat(20),
  kind: fc.constantFrom("runtime" as const, "rollback" as const),
  api: fc.constantFrom(...APIS),
  version: fc.option(fc.constantFrom(...VERSIONS), { nil: undefined }),
  soft: fc.nat(5).map((n) => n === 0),
});
const provideArb: fc.Arbitrary<ProvideSpec> = fc.record({
  decl: fc.nat(20),
  api: fc.constantFrom(...APIS),
  versions: fc.option(fc.subarray([...LABELS], { minLength: 1 }), { nil: undefined }),
});

/** The estate with `provides` and api entries added; api entries are placed on lines of their own (past every other). */
function withApis(decls: Declaration[], apis: ApiSpec[], provides: ProvideSpec[]): Declaration[] {
  const out = decls.map((d) => ({ ...d, runtime: [...d.runtime], ...(d.rollback ? { rollback: [...d.rollback] } : {}) }));
  for (const p of provides) {
    const d = out[p.decl % out.length] as Declaration;
    d.provides = [...(d.provides ?? []), p.versions === undefined ? { api: p.api } : { api: p.api, versions: p.versions }];
  }
  apis.forEach((a, k) => {
    const d = out[a.decl % out.length] as Declaration;
    const e: Entry = {
      kind: a.kind,
      names: [],
      anyOf: false,
      soft: a.soft,
      namePos: [],
      api: { name: a.api, ...(a.version !== undefined ? { version: a.version } : {}), pos: { file: "a.yaml", line: 1000 + k, column: 9 } },
    };
    if (a.kind === "runtime") d.runtime.push(e);
    else d.rollback = [...(d.rollback ?? []), e];
  });
  return out;
}

/** Each api entry replaced by the plain or anyOf entry of its brute-force providers (dropped when it has none). */
function replaced(decls: Declaration[]): Declaration[] {
  const provides: ServiceProvides[] = decls.filter((d) => d.provides).map((d) => ({ service: d.name, provides: d.provides ?? [] }));
  const swap = (owner: string, list: Entry[]): Entry[] =>
    list.flatMap((e) => {
      if (!e.api) return [e];
      const by = bruteProviders(provides, { owner, api: e.api.name, ...(e.api.version !== undefined ? { version: e.api.version } : {}) });
      const at = e.api.pos;
      if (by.length === 0) return [];
      return [{ kind: e.kind, names: by, anyOf: by.length > 1, soft: e.soft, namePos: by.map(() => at) }];
    });
  return decls.map((d) => ({ ...d, runtime: swap(d.name, d.runtime), ...(d.rollback ? { rollback: swap(d.name, d.rollback) } : {}) }));
}

/** What the SPEC defines about a finding, with its locations; the api naming of steps left out. */
function key(f: Pick<Finding, "rule" | "services" | "path" | "impacted" | "locations"> & { missing?: string }): string {
  return JSON.stringify([
    f.rule,
    f.services,
    f.path.map((s) => [s.from, s.to, s.kind]),
    f.impacted,
    f.missing ?? null,
    f.locations.map((p) => `${p.file}:${p.line}:${p.column}`),
  ]);
}

const caseArb = fc.tuple(estateArb, fc.array(apiArb, { maxLength: 8 }), fc.array(provideArb, { maxLength: 6 }));

describe("api entries resolved in the load stage (SPEC §2, §8) against their brute-force replacement", () => {
  it(
    "every detector finds the same as on the estate with plain and anyOf entries in their place; api-unprovided lists each unprovided (service, api@version)",
    () => {
      fc.assert(
        fc.property(caseArb, ([decls, apis, provides]) => {
          const estate = withApis(decls, apis, provides);
          const fast = analyse(resolveApiEntries(estate));
          const plain = replaced(estate);
          const others = fast.filter((f) => f.rule !== "api-unprovided");
          expect(others.map(key).sort()).toEqual(analyse(plain).map(key).sort());
          // shared-fate has its own brute force (test/reference/outage.ts), checked in its property test.
          const brute = others.filter((f) => f.rule !== "shared-fate");
          expect(brute.map(key).sort()).toEqual(bruteFindings(plain).map(key).sort());
          // api-unprovided: one per (X, api@version) with no brute-force provider, soft entries included.
          const sp: ServiceProvides[] = estate.filter((d) => d.provides).map((d) => ({ service: d.name, provides: d.provides ?? [] }));
          const want = new Set<string>();
          for (const d of estate)
            for (const e of [...d.runtime, ...(d.rollback ?? [])]) {
              if (!e.api) continue;
              const ref = e.api.version === undefined ? e.api.name : `${e.api.name}@${e.api.version}`;
              const by = bruteProviders(sp, {
                owner: d.name,
                api: e.api.name,
                ...(e.api.version !== undefined ? { version: e.api.version } : {}),
              });
              if (by.length === 0) want.add(`${d.name} ${ref}`);
            }
          const got = fast.filter((f) => f.rule === "api-unprovided").map((f) => `${f.services[0]} ${f.missing}`);
          expect(got.sort()).toEqual([...want].sort());
          expect(new Set(got).size).toBe(got.length);
          // Each step over an api entry names it, and only such steps.
          for (const f of fast)
            f.path.forEach((s) => {
              if (s.api !== undefined) expect(s.providers).toContain(s.to);
            });
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§4 the warm drill of any failure set is the same as on the replaced estate",
    () => {
      fc.assert(
        fc.property(caseArb, fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }), ([decls, apis, provides], fail) => {
          const estate = withApis(decls, apis, provides);
          const a = compile(buildEstate(resolveApiEntries(estate)));
          const b = compile(buildEstate(replaced(estate)));
          const failed = [...new Set(fail.map((i) => i % a.n))];
          expect(simulate(a, failed)).toEqual(simulate(b, failed));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
