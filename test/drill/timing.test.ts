// SPEC §4.3 for the warm drill, case by case: wave durations, a root held down by another, RTOs by service and by tier.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/drill/simulate.js";
import { recoveryTimes, type ServiceTimes, warmTiming } from "../../src/drill/timing.js";
import { declarations, type ServiceSpec } from "../helpers/estate.js";
import { compiled, idsOf } from "../helpers/outage.js";

function warm(
  specs: ServiceSpec[],
  failed: string[],
  facts: Record<string, ServiceTimes>,
  tierRto?: Map<number, number> | Record<number, number>,
) {
  const g = compiled(declarations(specs));
  const t = warmTiming(
    simulate(g, idsOf(g, failed)),
    recoveryTimes(
      g.names.map((n) => facts[n] ?? {}),
      tierRto,
    ),
  );
  return { ...t, rtoExceeded: t.rtoExceeded.map((e) => ({ ...e, service: g.names[e.service] })) };
}

describe("warm drill timing (SPEC §4.3)", () => {
  it("a wave lasts its longest rollback plus the longest start of what it brings back, the root included", () => {
    const t = warm([{ name: "api", rollback: [] }, { name: "web", runtime: ["api"] }, { name: "other" }], ["api"], {
      api: { recovery: { rollback: 600, start: 120 } },
      web: { recovery: { start: 30 } },
      other: { recovery: { start: 999 } },
    });
    expect(t).toEqual({ waves: [{ duration: 720, endsAfter: 720 }], recoveryTime: 720, rtoExceeded: [], withoutRecoveryTimes: 0 });
  });

  it("a root rolled back but held down by another root comes back, and counts, in the later wave", () => {
    // Wave 1 rolls back a and c; a runs on b, whose rollback needs e (on c): b goes in wave 2, and a comes back with it.
    const t = warm(
      [
        { name: "a", runtime: ["b"], rollback: [] },
        { name: "b", rollback: ["e"] },
        { name: "c", rollback: [] },
        { name: "e", runtime: ["c"] },
      ],
      ["a", "b", "c"],
      {
        a: { recovery: { rollback: 10, start: 4 }, rto: 20 },
        b: { recovery: { rollback: 7, start: 1 }, tier: 0 },
        c: { recovery: { rollback: 3, start: 2 } },
        e: { recovery: { start: 6 } },
      },
      { 0: 30 },
    );
    expect(t.waves).toEqual([
      { duration: 16, endsAfter: 16 },
      { duration: 11, endsAfter: 27 },
    ]);
    expect(t.recoveryTime).toBe(27);
    expect(t.rtoExceeded).toEqual([{ service: "a", rto: 20, back: 27 }]);
  });

  it("stuck: no recovery time, and a stuck service with an RTO exceeds it with no back time; a service's own RTO overrides its tier's", () => {
    const t = warm(
      [{ name: "api", rollback: ["api"] }, { name: "web", runtime: ["api"] }, { name: "db" }],
      ["api"],
      { api: { tier: 0, rto: 5000 }, web: { tier: 1 }, db: { tier: 0 } },
      new Map([
        [0, 60],
        [1, 120],
      ]),
    );
    expect(t.recoveryTime).toBeNull();
    expect(t.waves).toEqual([]);
    expect(t.rtoExceeded).toEqual([
      { service: "api", rto: 5000, back: null },
      { service: "web", rto: 120, back: null },
    ]);
    expect(t.withoutRecoveryTimes).toBe(2);
  });

  it("only the blast radius is checked and counted: services that never went down are not", () => {
    const t = warm([{ name: "a", rollback: [] }, { name: "b" }], ["a"], { a: { recovery: {} }, b: { rto: 0 } });
    expect([t.rtoExceeded, t.withoutRecoveryTimes, t.recoveryTime]).toEqual([[], 0, 0]);
  });
});
