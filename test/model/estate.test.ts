// SPEC §1–§2: several declarations of one name are one service; each fact merges by its rule in the facts table (first that has it, or the union).
import { describe, expect, it } from "vitest";
import { buildEstate } from "../../src/model/estate.js";
import { FACT_KEYS, SERVICE_FACTS, type ServiceFacts } from "../../src/model/facts.js";
import type { Declaration } from "../../src/model/types.js";
import { declarations } from "../helpers/estate.js";

const decl = (line: number, facts: ServiceFacts, file = "a.yaml"): Declaration => ({
  name: "svc",
  pos: { file, line, column: 7 },
  runtime: [],
  origin: "catch22",
  ...facts,
});

/** One value of each fact, and a second one unlike it. */
const SAMPLES: { [K in keyof typeof SERVICE_FACTS]: [NonNullable<ServiceFacts[K]>, NonNullable<ServiceFacts[K]>] } = {
  description: ["first", "second"],
  owner: ["team-a", "team-b"],
  system: ["cp", "dp"],
  tier: [0, 2],
  zone: ["eu-west-1a", "eu-west-1b"],
  region: ["eu-west-1", "us-east-1"],
  aliases: [
    ["a1", "shared"],
    ["shared", "b1"],
  ],
  recovery: [{ rollback: 1200 }, { start: 60 }],
  rto: [1800, 60],
  provides: [[{ api: "pay", versions: ["v1"] }], [{ api: "pay", versions: ["v2", "v1"] }, { api: "id" }]],
};

describe("estate merge over the facts table", () => {
  it("takes each first-wins fact from the first declaration in source order that has it, whatever the read order", () => {
    for (const key of FACT_KEYS.filter((k) => SERVICE_FACTS[k].merge === "first")) {
      const [one, two] = SAMPLES[key];
      const early = decl(1, {});
      const middle = decl(5, { [key]: one });
      const late = decl(9, { [key]: two });
      for (const order of [
        [early, middle, late],
        [late, middle, early],
      ]) {
        const s = buildEstate(order).services[0];
        expect(s?.[key], key).toEqual(one);
      }
    }
  });

  it("unites aliases and provides across declarations (versions merged per api, no repeats)", () => {
    const s = buildEstate([
      decl(9, { aliases: SAMPLES.aliases[1], provides: SAMPLES.provides[1] }),
      decl(1, { aliases: SAMPLES.aliases[0], provides: SAMPLES.provides[0] }),
    ]).services[0];
    expect(s?.aliases).toEqual(["a1", "shared", "b1"]);
    expect(s?.provides).toEqual([{ api: "pay", versions: ["v1", "v2"] }, { api: "id" }]);
  });

  it("a provided api without versions (any version) wins over listed versions in the union", () => {
    const s = buildEstate([decl(1, { provides: [{ api: "pay", versions: ["v1"] }] }), decl(2, { provides: [{ api: "pay" }] })]).services[0];
    expect(s?.provides).toEqual([{ api: "pay" }]);
  });

  it("every fact of the table has a merge rule the estate applies (a sample per fact)", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...FACT_KEYS].sort());
    const one = buildEstate([decl(1, Object.fromEntries(FACT_KEYS.map((k) => [k, SAMPLES[k][0]])))]).services[0];
    for (const key of FACT_KEYS) expect(one?.[key], key).toEqual(SAMPLES[key][0]);
  });
});

describe("buildEstate with an earlier estate (serve's parse cache)", () => {
  it("reuses a service whose declarations are the same objects, builds the others afresh, and equals a fresh build", () => {
    const before = declarations([
      { name: "a", runtime: ["b"], rollback: [] },
      { name: "b", runtime: [] },
      { name: "c", runtime: ["a"], file: "other.yaml" },
      { name: "c", rollback: ["b"], file: "third.yaml" },
    ]);
    const first = buildEstate(before);
    // "b" edited (a new object), "c" keeps both its declarations, "d" is new.
    const [edited] = declarations([{ name: "b", runtime: ["a"] }]);
    const after = [before[0], edited, before[2], before[3], ...declarations([{ name: "d", file: "d.yaml" }])] as typeof before;
    const next = buildEstate(after, first);
    expect(next).toEqual(buildEstate(after));
    const byName = (e: typeof first, n: string) => e.services[e.ids.get(n) as number];
    expect(byName(next, "a")).toBe(byName(first, "a"));
    expect(byName(next, "c")).toBe(byName(first, "c"));
    expect(byName(next, "b")).not.toBe(byName(first, "b"));
  });
});
