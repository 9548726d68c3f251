// rollback-undeclared (SPEC §1, §3): no `rollback` key means "not declared"; `rollback: []` means "needs nothing".
import { describe, expect, it } from "vitest";
import { declarations, findingsOf } from "../helpers/estate.js";

const RULE = "rollback-undeclared";

describe("§3 rollback-undeclared", () => {
  it("a service without a rollback key: an info finding at its name", () => {
    const decls = declarations([
      { name: "api", runtime: ["db"] },
      { name: "db", rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: RULE,
      severity: "info",
      message: "api does not declare what its rollback needs, so its recovery is unknown",
      services: ["api"],
      path: [],
      impacted: [],
      locations: [{ file: "estate.yaml", line: 1, column: 7 }],
    });
  });

  it("`rollback: []` declares that the rollback needs nothing: no finding", () => {
    expect(findingsOf(declarations([{ name: "api", rollback: [] }]), RULE)).toEqual([]);
  });

  it("a rollback with only soft entries is still declared", () => {
    expect(findingsOf(declarations([{ name: "api", rollback: [{ service: "api", soft: true }] }]), RULE)).toEqual([]);
  });

  it("a service declared twice: declared when any declaration has the key; otherwise one finding at the first declaration", () => {
    const some = declarations([{ name: "api" }, { name: "api", rollback: [], file: "b.yaml" }]);
    expect(findingsOf(some, RULE)).toEqual([]);
    const none = declarations([
      { name: "api", file: "b.yaml" },
      { name: "api", file: "a.yaml" },
    ]);
    const findings = findingsOf(none, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.locations).toEqual([{ file: "a.yaml", line: 1, column: 7 }]);
  });

  it("one finding per service, sorted by name (plain string order)", () => {
    const decls = declarations([{ name: "b" }, { name: "a" }, { name: "B" }, { name: "c", rollback: [] }]);
    expect(findingsOf(decls, RULE).map((f) => f.services[0])).toEqual(["B", "a", "b"]);
  });
});
