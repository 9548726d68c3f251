// SPEC §3 shared-fate, case by case: which anyOf share one fate, their common causes, and the witness path.
import { describe, expect, it } from "vitest";
import type { Compiled } from "../../src/graph/compiled.js";
import { findSharedFate } from "../../src/graph/shared-fate.js";
import { declarations, type ServiceSpec } from "../helpers/estate.js";
import { compiled, namesOf } from "../helpers/outage.js";

function fates(specs: ServiceSpec[], zones: Record<string, string> = {}) {
  const g: Compiled = compiled(declarations(specs));
  return findSharedFate(
    g,
    g.names.map((n) => zones[n]),
  ).map((f) => ({
    service: g.names[f.service],
    kind: f.kind,
    alternatives: namesOf(g, f.alternatives),
    causes: f.causes.map((c) => (c.kind === "zone" ? `zone=${c.zone}` : g.names[c.service])),
    path: namesOf(g, f.path),
    lines: f.locations.map((p) => p.line),
  }));
}

describe("shared-fate (SPEC §3)", () => {
  it("two out-of-band paths that both run over the backbone share its fate (Meta 2021): the cause is the backbone", () => {
    const found = fates([
      { name: "admin", runtime: [{ anyOf: ["oob-a", "oob-b"] }] },
      { name: "oob-a", runtime: ["backbone"] },
      { name: "oob-b", runtime: ["backbone"] },
      { name: "backbone" },
    ]);
    expect(found).toEqual([
      {
        service: "admin",
        kind: "runtime",
        alternatives: ["oob-a", "oob-b"],
        causes: ["backbone"],
        path: ["admin", "oob-a", "backbone"],
        lines: [3, 7],
      },
    ]);
  });

  it("a farther cause is left out: the backbone's power takes it down, so only the backbone is named", () => {
    const found = fates([
      { name: "x", runtime: [{ anyOf: ["a", "b"] }] },
      { name: "a", runtime: ["backbone"] },
      { name: "b", runtime: ["backbone"] },
      { name: "backbone", runtime: ["power"] },
      { name: "power" },
    ]);
    expect(found.map((f) => f.causes)).toEqual([["backbone"]]);
  });

  it("two units that take each other down are both causes (neither is strictly closer)", () => {
    const found = fates([
      { name: "x", runtime: [{ anyOf: ["a", "b"] }] },
      { name: "a", runtime: ["c1"] },
      { name: "b", runtime: ["c2"] },
      { name: "c1", runtime: ["c2"] },
      { name: "c2", runtime: ["c1"] },
    ]);
    expect(found.map((f) => [f.causes, f.path])).toEqual([
      [
        ["c1", "c2"],
        ["x", "a", "c1"],
      ],
    ]);
  });

  it("an alternative whose failure takes the others down is itself the common cause", () => {
    const found = fates([{ name: "x", runtime: [{ anyOf: ["a", "b"] }] }, { name: "a" }, { name: "b", runtime: ["a"] }]);
    expect(found.map((f) => [f.causes, f.path])).toEqual([[["a"], ["x", "a"]]]);
  });

  it("two resolvers in one zone share its fate: the cause is the zone, the path stops at a member of it", () => {
    const found = fates([{ name: "app", runtime: [{ anyOf: ["dns-a", "dns-b"] }] }, { name: "dns-a" }, { name: "dns-b" }], {
      "dns-a": "z1",
      "dns-b": "z1",
      app: "z2",
    });
    expect(found.map((f) => [f.causes, f.path])).toEqual([[["zone=z1"], ["app", "dns-a"]]]);
  });

  it("a runtime-only anyOf does not count the zone that holds X (X fails with it anyway); as a rollback requirement it does", () => {
    const zones = { "dns-a": "z1", "dns-b": "z1", app: "z1" };
    expect(fates([{ name: "app", runtime: [{ anyOf: ["dns-a", "dns-b"] }] }, { name: "dns-a" }, { name: "dns-b" }], zones)).toEqual([]);
    const rollback = fates([{ name: "app", rollback: [{ anyOf: ["dns-a", "dns-b"] }] }, { name: "dns-a" }, { name: "dns-b" }], zones);
    expect(rollback.map((f) => [f.kind, f.causes])).toEqual([["rollback", ["zone=z1"]]]);
  });

  it("a zone that a service's failure takes down whole is closer than that service; a service inside the zone that takes it down is as close", () => {
    const specs: ServiceSpec[] = [
      { name: "app", runtime: [{ anyOf: ["dns-a", "dns-b"] }] },
      { name: "dns-a", runtime: ["net"] },
      { name: "dns-b", runtime: ["net"] },
      { name: "net" },
    ];
    expect(fates(specs, { "dns-a": "z1", "dns-b": "z1", net: "z2" }).map((f) => f.causes)).toEqual([["zone=z1"]]);
    expect(fates(specs, { "dns-a": "z1", "dns-b": "z1", net: "z1" }).map((f) => f.causes)).toEqual([["zone=z1", "net"]]);
  });

  it("one finding when q is both a runtime and a rollback requirement of X; its first edge is the runtime one", () => {
    const found = fates([
      { name: "x", runtime: [{ anyOf: ["a", "b"] }], rollback: [{ anyOf: ["b", "a"] }] },
      { name: "a", runtime: ["hub"] },
      { name: "b", runtime: ["hub"] },
      { name: "hub" },
    ]);
    expect(found.map((f) => [f.kind, f.causes, f.path, f.lines])).toEqual([["runtime", ["hub"], ["x", "a", "hub"], [3, 9]]]);
  });

  it("X itself is never a unit: an anyOf whose members run on X has no common cause", () => {
    expect(
      fates([
        { name: "x", runtime: [{ anyOf: ["a", "b"] }] },
        { name: "a", runtime: ["x"] },
        { name: "b", runtime: ["x"] },
      ]),
    ).toEqual([]);
  });

  it("with X left out, the unit X hid becomes the cause (x's rollback needs a or b, both on x, x on base)", () => {
    const found = fates([
      { name: "x", runtime: ["base"], rollback: [{ anyOf: ["a", "b"] }] },
      { name: "a", runtime: ["x"] },
      { name: "b", runtime: ["x"] },
      { name: "base" },
    ]);
    expect(found.map((f) => [f.causes, f.path])).toEqual([[["base"], ["x", "a", "x", "base"]]]);
  });

  it("an anyOf whose alternatives have their own stacks shares no fate; a soft entry takes no part", () => {
    expect(
      fates([
        { name: "x", runtime: [{ anyOf: ["a", "b"] }] },
        { name: "a", runtime: ["stack-a", { service: "hub", soft: true }] },
        { name: "b", runtime: ["stack-b", { service: "hub", soft: true }] },
        { name: "stack-a" },
        { name: "stack-b" },
        { name: "hub" },
      ]),
    ).toEqual([]);
  });

  it("an anyOf naming an undeclared service is dropped (SPEC §2), and a one-member requirement is not redundancy", () => {
    expect(fates([{ name: "x", runtime: [{ anyOf: ["a", "ghost"] }, "a"] }, { name: "a", runtime: ["hub"] }, { name: "hub" }])).toEqual([]);
  });

  it("services are sorted by name, zones first as zone=<value>, the zone cause listing its services", () => {
    const g = compiled(
      declarations([
        { name: "x", runtime: [{ anyOf: ["a", "b"] }] },
        { name: "a", runtime: ["c"] },
        { name: "b", runtime: ["c"] },
        { name: "c" },
      ]),
    );
    const [f] = findSharedFate(
      g,
      g.names.map((n) => (n === "c" ? "zc" : undefined)),
    );
    expect(f?.causes).toEqual([
      { kind: "zone", zone: "zc", services: [g.estate.ids.get("c")] },
      { kind: "service", service: g.estate.ids.get("c") },
    ]);
  });
});
