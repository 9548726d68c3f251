// The overview of a large estate (src/view/overview.ts): its aggregated edges are a brute-force count over the
// whole view model, its systems hold every service once, and each system's slice has every edge with an end in it.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEstate, writeEstate } from "../../src/bench/generate.js";
import type { ViewModel } from "../../src/report/view-model.js";
import { analysisPayload } from "../../src/server/index.js";
import { buildOverview, NO_SYSTEM, UNDECLARED } from "../../src/view/overview.js";
import { searchServices } from "../../src/view/search.js";
import { lazyThreshold } from "../../src/view/threshold.js";
import { NAMES, randomEstate, SYSTEMS, viewOf } from "../helpers/view.js";

/** The overview's claims, checked against the whole model by counting. */
function checkAgainstBruteForce(model: ViewModel): void {
  const { overview, slice } = buildOverview(model);
  const sys = (name: string) => {
    const s = model.services.find((x) => x.name === name);
    return s ? (s.system ?? NO_SYSTEM) : UNDECLARED;
  };
  // Every aggregate is the number of declared edges between its two systems of its kind and softness.
  for (const a of overview.edges) {
    const members = model.edges.filter((e) => sys(e.from) === a.from && sys(e.to) === a.to && e.kind === a.kind && e.soft === a.soft);
    expect(a.count).toBe(members.length);
    expect(a.anyOf).toBe(members.some((e) => e.anyOf));
  }
  expect(overview.edges.reduce((s, a) => s + a.count, 0)).toBe(model.edges.length);
  expect(overview.edgeCount).toBe(model.edges.length);
  // Every service in exactly one system, in name order within it.
  const listed = overview.systems.flatMap((s) => s.services);
  expect(listed.slice().sort()).toEqual(model.services.map((s) => s.name).sort());
  for (const s of overview.systems) {
    expect(s.services).toEqual(
      model.services
        .filter((x) => (x.system ?? NO_SYSTEM) === s.name)
        .map((x) => x.name)
        .sort(),
    );
    // Each service's owner, by index into the overview's owners.
    expect(s.owners.map((i) => overview.owners[i])).toEqual(
      s.services.map((n) => model.services.find((x) => x.name === n)?.owner ?? "(no owner)"),
    );
    // Each service's zone, by index into the overview's zones (present only when some service has one).
    const zoneOf = (n: string) => model.services.find((x) => x.name === n)?.zone;
    if (overview.zones === undefined) expect(s.services.every((n) => zoneOf(n) === undefined) && s.zones === undefined).toBe(true);
    else expect(s.zones?.map((i) => (i < 0 ? undefined : overview.zones?.[i]))).toEqual(s.services.map(zoneOf));
    const sl = slice(s.name);
    expect(sl?.services.map((x) => x.name).sort()).toEqual(s.services);
    const want = model.edges.filter((e) => sys(e.from) === s.name || (!e.missing && sys(e.to) === s.name));
    expect(sl?.edges.length).toBe(want.length);
    expect(new Set(sl?.edges)).toEqual(new Set(want));
  }
  expect(overview.findings).toEqual(model.findings);
  const zones = [...new Set(model.services.flatMap((s) => (s.zone === undefined ? [] : [s.zone])))].sort();
  expect(overview.zones).toEqual(zones.length > 0 ? zones : undefined);
  expect(overview.owners).toEqual([...new Set(model.services.map((s) => s.owner ?? "(no owner)"))].sort());
}

describe("the overview (src/view/overview.ts)", () => {
  it("aggregates exactly the declared edges between each pair of systems, by kind and softness, on random estates", () => {
    fc.assert(
      fc.property(
        randomEstate,
        fc.array(fc.constantFrom(...SYSTEMS), { minLength: NAMES.length, maxLength: NAMES.length }),
        fc.array(fc.constantFrom("team-a", "team-b", undefined), { minLength: NAMES.length, maxLength: NAMES.length }),
        fc.array(fc.constantFrom("z1", "z2", undefined), { minLength: NAMES.length, maxLength: NAMES.length }),
        (specs, systems, owners, zones) => {
          checkAgainstBruteForce(
            viewOf(
              specs,
              (n) => systems[NAMES.indexOf(n)],
              (n) => ({ owner: owners[NAMES.indexOf(n)], zone: zones[NAMES.indexOf(n)] }),
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("aggregates a generated realistic estate of 600 services exactly", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "catch22-overview-")), "estate");
    await writeEstate(dir, generateEstate({ services: 600, seed: 3 }));
    const payload = await analysisPayload([dir], { rules: {}, ignore: [] });
    if (!payload.ok) throw new Error("the generated estate does not load");
    const model = payload.model;
    expect(new Set(model.services.map((s) => s.system)).size).toBeGreaterThan(3);
    checkAgainstBruteForce(model);
  });

  it("has no slice for a system no service is in", () => {
    const { slice } = buildOverview(viewOf([{ name: "a", rollback: [] }], () => "s1"));
    expect(slice("s1")?.services.map((s) => s.name)).toEqual(["a"]);
    expect(slice("nope")).toBeUndefined();
  });
});

describe("the search the server answers for the overview (src/view/search.ts)", () => {
  it("finds names containing the query, case-insensitive, in name order, up to max; api: searches apis", () => {
    const model = {
      services: ["alpha-db", "beta-API", "gamma-db"].map((name) => ({ name, runtime: [], rollback: [] })),
    } as unknown as ViewModel;
    expect(searchServices(model, "DB", 10)).toEqual(["alpha-db", "gamma-db"]);
    expect(searchServices(model, "db", 1)).toEqual(["alpha-db"]);
    expect(searchServices(model, "  ", 10)).toEqual([]);
    expect(searchServices(model, "api:", 10)).toEqual([]);
  });
});

describe("the lazy threshold (src/view/threshold.ts)", () => {
  it("is 10,000 services unless CATCH22_LAZY_ABOVE names another non-negative integer", () => {
    expect(lazyThreshold({})).toBe(10_000);
    expect(lazyThreshold({ CATCH22_LAZY_ABOVE: "500" })).toBe(500);
    expect(lazyThreshold({ CATCH22_LAZY_ABOVE: "0" })).toBe(0);
    expect(lazyThreshold({ CATCH22_LAZY_ABOVE: "-1" })).toBe(10_000);
    expect(lazyThreshold({ CATCH22_LAZY_ABOVE: "lots" })).toBe(10_000);
    expect(lazyThreshold({ CATCH22_LAZY_ABOVE: "" })).toBe(10_000);
  });
});
