// SPEC §4.2 and §4.3, case by case: the cold drill's waves, what never comes up and why, and the recovery time against RTOs.
import { describe, expect, it } from "vitest";
import { simulateCold } from "../../src/drill/cold.js";
import { coldTiming, recoveryTimes, type ServiceTimes } from "../../src/drill/timing.js";
import { declarations, type ServiceSpec } from "../helpers/estate.js";
import { compiled, idsOf, namesOf } from "../helpers/outage.js";

function cold(specs: ServiceSpec[], failed: string[] = []) {
  const g = compiled(declarations(specs));
  const r = simulateCold(g, idsOf(g, failed));
  return {
    g,
    r,
    waves: r.waves.map((w) => namesOf(g, w.up)),
    neverUp: namesOf(g, r.neverUp),
    blocked: r.blocked.map((b) => [g.names[b.service], b.requirements.map((q) => namesOf(g, q.services))]),
    cores: r.cores.map((c) => ({ services: namesOf(g, c.members), path: namesOf(g, c.cycle), impacted: namesOf(g, c.impacted) })),
  };
}

const estate: ServiceSpec[] = [
  { name: "dns-primary" },
  { name: "dns-secondary" },
  { name: "auth", runtime: ["config-store", { anyOf: ["dns-primary", "dns-secondary"] }] },
  { name: "config-store", runtime: ["auth"] },
  { name: "api", runtime: ["auth"] },
  { name: "web", runtime: [{ anyOf: ["dns-primary", "dns-secondary"] }] },
];

describe("cold drill (SPEC §4.2)", () => {
  it("starts from nothing: wave by wave, what never comes up, and the core that blocks it with its cycle", () => {
    const c = cold(estate);
    expect(c.waves).toEqual([["dns-primary", "dns-secondary"], ["web"]]);
    expect(c.neverUp).toEqual(["api", "auth", "config-store"]);
    expect(c.blocked).toEqual([
      ["api", [["auth"]]],
      ["auth", [["config-store"]]],
      ["config-store", [["auth"]]],
    ]);
    expect(c.cores).toEqual([{ services: ["auth", "config-store"], path: ["auth", "config-store", "auth"], impacted: ["api"] }]);
    expect(c.r.cores[0]?.locations.map((p) => p.line)).toEqual([7, 12]);
  });

  it("failed services stay down: an anyOf with one alternative failed comes up through the other; a requirement only on F blocks with no core", () => {
    const c = cold(estate, ["dns-primary"]);
    expect(c.waves).toEqual([["dns-secondary"], ["web"]]);
    const d = cold(estate, ["dns-primary", "dns-secondary"]);
    expect(d.waves).toEqual([]);
    expect(d.neverUp).toEqual(["api", "auth", "config-store", "web"]);
    expect(d.blocked).toContainEqual(["web", [["dns-primary", "dns-secondary"]]]);
    expect(d.blocked).toContainEqual(["auth", [["config-store"], ["dns-primary", "dns-secondary"]]]);
    // The core is in the graph on N: failed members are no edges.
    expect(d.cores.map((k) => k.services)).toEqual([["auth", "config-store"]]);
    const e = cold([{ name: "a", runtime: ["f"] }, { name: "f" }], ["f"]);
    expect([e.neverUp, e.cores]).toEqual([["a"], []]);
  });

  it("a service that needs itself is a core of one, its path the self-loop", () => {
    expect(cold([{ name: "a", runtime: ["a"] }]).cores).toEqual([{ services: ["a"], path: ["a", "a"], impacted: [] }]);
  });

  it("soft entries take no part: a soft cycle starts in one wave", () => {
    const c = cold([
      { name: "a", runtime: [{ service: "b", soft: true }] },
      { name: "b", runtime: [{ service: "a", soft: true }] },
    ]);
    expect([c.waves, c.neverUp]).toEqual([[["a", "b"]], []]);
  });
});

describe("cold drill timing (SPEC §4.3)", () => {
  const times = (g: ReturnType<typeof cold>["g"], facts: Record<string, ServiceTimes>, tierRto?: Map<number, number>) =>
    recoveryTimes(
      g.names.map((n) => facts[n] ?? {}),
      tierRto,
    );

  it("each wave lasts its longest start; services back at their wave's end; never-up services exceed their RTO with no back time", () => {
    const c = cold(estate);
    const t = coldTiming(
      c.r,
      times(
        c.g,
        {
          "dns-primary": { recovery: { start: 60 } },
          "dns-secondary": { recovery: { start: 90 }, rto: 60 },
          web: { recovery: { start: 30 }, tier: 0 },
          auth: { rto: 600 },
        },
        new Map([[0, 100]]),
      ),
    );
    expect(t.waves).toEqual([
      { duration: 90, endsAfter: 90 },
      { duration: 30, endsAfter: 120 },
    ]);
    expect(t.recoveryTime).toBeNull();
    const id = (n: string) => c.g.estate.ids.get(n);
    expect(t.rtoExceeded).toEqual([
      { service: id("auth"), rto: 600, back: null },
      { service: id("dns-secondary"), rto: 60, back: 90 },
      { service: id("web"), rto: 100, back: 120 },
    ]);
    expect(t.withoutRecoveryTimes).toBe(3);
  });

  it("the failed services are not checked: the recovery time is the last wave's end when every other service comes up", () => {
    const c = cold([{ name: "a" }, { name: "b", runtime: ["a"] }, { name: "f" }], ["f"]);
    const t = coldTiming(c.r, times(c.g, { a: { recovery: { start: 5 } }, b: { recovery: { start: 7 } }, f: { rto: 1 } }));
    expect([t.recoveryTime, t.rtoExceeded, t.withoutRecoveryTimes]).toEqual([12, [], 0]);
  });

  it("nothing left outside F: no waves and a recovery time of 0", () => {
    const c = cold([{ name: "a" }], ["a"]);
    expect(coldTiming(c.r, times(c.g, {}))).toEqual({ waves: [], recoveryTime: 0, rtoExceeded: [], withoutRecoveryTimes: 0 });
  });

  it("a service back exactly at its RTO has not exceeded it", () => {
    const c = cold([{ name: "a" }]);
    expect(coldTiming(c.r, times(c.g, { a: { recovery: { start: 60 }, rto: 60 } })).rtoExceeded).toEqual([]);
  });
});
