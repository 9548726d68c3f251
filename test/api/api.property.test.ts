// SPEC §8 resolution against its brute-force reading (test/reference/api-brute.ts), on random estates of providers and api entries.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiDiffIndex, introducedApiUnprovided } from "../../src/api/diff.js";
import { isVersionRange, labelMatches } from "../../src/api/match.js";
import { type ApiEntryRef, apiProviders, apiUnprovided, indexProvides, type ServiceProvides } from "../../src/api/providers.js";
import { bruteIsRange, bruteMatch, bruteProvided, bruteProviders, LABELS, VERSIONS } from "../reference/api-brute.js";

const RUNS = 1000;
const TIMEOUT = 60_000;
const NAMES = ["s0", "s1", "s2", "s3", "s4", "s5"];
const APIS = ["a", "b", "c"];

const versionArb = fc.option(fc.constantFrom(...VERSIONS), { nil: undefined });
// A provides entry: some labels (at least one), or none for "any version".
const provisionArb = fc.record(
  { api: fc.constantFrom(...APIS.slice(0, 2)), versions: fc.option(fc.subarray([...LABELS], { minLength: 1 }), { nil: undefined }) },
  { requiredKeys: ["api"] },
);
// Names may repeat: a service declared twice provides the union.
const estateArb: fc.Arbitrary<ServiceProvides[]> = fc.array(
  fc.record({ service: fc.constantFrom(...NAMES), provides: fc.array(provisionArb, { maxLength: 3 }) }),
  { maxLength: 8 },
);
const entryArb: fc.Arbitrary<ApiEntryRef> = fc
  .record({ owner: fc.constantFrom(...NAMES), api: fc.constantFrom(...APIS), version: versionArb })
  .map(({ version, ...e }) => (version === undefined ? e : { ...e, version }));
const entriesArb = fc.array(entryArb, { minLength: 1, maxLength: 12 });

function clean(estate: ServiceProvides[]): ServiceProvides[] {
  // fast-check's optional keys come out as absent or undefined; the loader gives absent.
  return estate.map((s) => ({
    service: s.service,
    provides: s.provides.map((p) => (p.versions === undefined ? { api: p.api } : { api: p.api, versions: p.versions })),
  }));
}

describe("SPEC §8 api resolution against the brute force", () => {
  it(
    "§8 matching: a label serves a version exactly as the SPEC's words say, and the range test agrees",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...LABELS, ...VERSIONS), versionArb, (label, version) => {
          expect(labelMatches(label, version)).toBe(bruteMatch(label, version));
          if (version !== undefined) expect(isVersionRange(version)).toBe(bruteIsRange(version));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§2/§8 providers: the services other than the owner providing the api at a matching version, sorted, whatever the order of declarations",
    () => {
      fc.assert(
        fc.property(estateArb.map(clean), entriesArb, (estate, entries) => {
          const index = indexProvides(estate);
          const reversed = indexProvides([...estate].reverse());
          for (const e of entries) {
            const want = bruteProviders(estate, e);
            expect(apiProviders(index, e)).toEqual(want);
            expect(apiProviders(reversed, e)).toEqual(want);
            expect(apiProviders(index, e)).not.toContain(e.owner);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§3/§6 api-unprovided: missing is api@version, provided lists every service of that api with its merged versions",
    () => {
      fc.assert(
        fc.property(estateArb.map(clean), entriesArb, (estate, entries) => {
          const index = indexProvides(estate);
          for (const e of entries) {
            if (bruteProviders(estate, e).length > 0) continue;
            const u = apiUnprovided(index, e);
            expect(u.missing).toBe(e.version === undefined ? e.api : `${e.api}@${e.version}`);
            const provided = bruteProvided(estate, e.api);
            expect(u.provided).toEqual(provided);
            for (const p of provided) expect(u.message).toContain(p.service);
            const others = provided.some((p) => p.service !== e.owner);
            expect(u.message.includes("is not a semver range")).toBe(e.version !== undefined && others && !bruteIsRange(e.version));
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "§8 diff: an introduced api-unprovided says the change stopped serving it exactly when the base had a provider, and counts who is left without",
    () => {
      fc.assert(
        fc.property(estateArb.map(clean), estateArb.map(clean), entriesArb, (base, head, entries) => {
          const index = apiDiffIndex(base, head, entries);
          for (const e of entries) {
            if (bruteProviders(head, e).length > 0) continue;
            const d = introducedApiUnprovided(index, e);
            expect(d.providedInBase).toEqual(bruteProvided(base, e.api));
            expect(d.note.startsWith("this change stops serving")).toBe(bruteProviders(base, e).length > 0);
            const left = new Set(
              entries.filter((x) => x.api === e.api && x.version === e.version && bruteProviders(head, x).length === 0).map((x) => x.owner),
            );
            expect(d.note).toMatch(new RegExp(`; ${left.size} services? (still )?needs? it$`));
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
