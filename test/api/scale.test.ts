// Resolving every api entry of a 100,000-service estate stays near-linear: provides are indexed by api once, matches memoised per (api, version).
import { describe, expect, it } from "vitest";
import { apiDiffIndex, introducedApiUnprovided } from "../../src/api/diff.js";
import { type ApiEntryRef, apiProviders, apiUnprovided, indexProvides, type ServiceProvides } from "../../src/api/providers.js";

const LABELS = ["v1", "v2", "v3", "1.4.0", "2.0.1", "v1beta1"];
const VERSIONS = [undefined, "v1", "v2", "^1.2", ">=2 <3", "~2.1", "=>2"];

/** A deterministic estate: n services, n/100 apis each provided by a few services, 0.45 api entries per service (10% of ~4.5 entries). */
function estateOf(n: number): { provides: ServiceProvides[]; entries: ApiEntryRef[] } {
  // mulberry32: an LCG's low bits would leave most apis unused.
  let seed = 42;
  const rnd = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % k;
  };
  const apis = Math.max(1, Math.floor(n / 100));
  const provides: ServiceProvides[] = [];
  for (let i = 0; i < n; i++) {
    const own = i % 40 === 0 ? [{ api: `api-${rnd(apis)}`, versions: [LABELS[rnd(6)] as string, LABELS[rnd(6)] as string] }] : [];
    provides.push({ service: `svc-${i}`, provides: own });
  }
  const entries: ApiEntryRef[] = [];
  for (let i = 0; i < Math.floor(n * 0.45); i++) {
    const version = VERSIONS[rnd(VERSIONS.length)];
    const e: ApiEntryRef = { owner: `svc-${rnd(n)}`, api: `api-${rnd(apis)}` };
    entries.push(version === undefined ? e : { ...e, version });
  }
  return { provides, entries };
}

describe("api resolution at scale", () => {
  it("resolves the 45,000 api entries of a 100,000-service estate once per distinct api@version, in well under the bound", () => {
    const { provides, entries } = estateOf(100_000);
    const t0 = performance.now();
    const index = indexProvides(provides);
    let unprovided = 0;
    for (const e of entries) if (apiProviders(index, e).length === 0 && apiUnprovided(index, e).missing !== "") unprovided++;
    const ms = performance.now() - t0;
    expect(unprovided).toBeGreaterThan(0);
    // The work is per distinct (api, version), never per entry times providers; versions compile once for all apis.
    // An api is read at its first lookup, so one nobody looks up has no memo at all, nor has one that one
    // `provides` entry with two labels provides (its labels are tested per entry, each verdict memoised).
    const several = (e: ApiEntryRef) => (index.apis.get(e.api)?.services.length ?? 0) > 1;
    const pairs = new Set(entries.filter(several).map((e) => `${e.api}\0${e.version ?? ""}`));
    let memo = 0;
    for (const w of index.apis.values()) memo += w.read?.matched.size ?? 0;
    expect(memo).toBe(pairs.size);
    expect(index.versions.size).toBeLessThanOrEqual(VERSIONS.length);
    // a range is tested once per (version, label) of the whole estate, never per entry
    let verdicts = 0;
    for (const m of index.verdicts.values()) verdicts += m.size;
    expect(verdicts).toBeLessThanOrEqual(VERSIONS.length * LABELS.length);
    // ~0.1 s on an idle machine; the bound is for a loaded one (a per-entry scan of all providers takes minutes).
    expect(ms).toBeLessThan(5_000);
  }, 30_000);

  it("the diff notes of every unprovided entry of a 100,000-service estate: one index per side, counts memoised per api@version", () => {
    const { provides, entries } = estateOf(100_000);
    const head = provides.map((s) => ({
      service: s.service,
      provides: s.provides.map((p) => ({ api: p.api, versions: p.versions?.slice(1) ?? [] })),
    }));
    const t0 = performance.now();
    const index = apiDiffIndex(provides, head, entries);
    let notes = 0;
    for (const e of entries) if (apiProviders(index.head, e).length === 0 && introducedApiUnprovided(index, e).note !== "") notes++;
    expect(notes).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(5_000);
  }, 30_000);
});
