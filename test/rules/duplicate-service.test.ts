// duplicate-service (SPEC §2–§3): a name declared more than once is one service, and a finding.
import { describe, expect, it } from "vitest";
import { declarations, findingsOf, pathOf } from "../helpers/estate.js";

const RULE = "duplicate-service";

describe("§3 duplicate-service", () => {
  it("one finding per name, listing every declaration in source order", () => {
    const decls = declarations([
      { name: "api", rollback: [], file: "b.yaml" },
      { name: "web", rollback: [] },
      { name: "api", rollback: [], file: "a.yaml" },
      { name: "api", file: "a.yaml" },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: RULE,
      severity: "error",
      message: "api is declared 3 times (a.yaml:1:7, a.yaml:4:7, b.yaml:1:7); catch22 merges the declarations",
      services: ["api"],
      path: [],
      impacted: [],
      locations: [
        { file: "a.yaml", line: 1, column: 7 },
        { file: "a.yaml", line: 4, column: 7 },
        { file: "b.yaml", line: 1, column: 7 },
      ],
    });
  });

  it("several duplicated names: one finding each, sorted by name", () => {
    const decls = declarations([
      { name: "toString", rollback: [] },
      { name: "constructor", rollback: [] },
      { name: "toString", rollback: [], file: "x.yaml" },
      { name: "constructor", rollback: [], file: "x.yaml" },
    ]);
    expect(findingsOf(decls, RULE).map((f) => f.services)).toEqual([["constructor"], ["toString"]]);
  });

  it("the declarations are merged: requirements are the union of both (here, a catch-22 split across them)", () => {
    const decls = declarations([
      { name: "api", rollback: ["deploy"] },
      { name: "deploy", rollback: [] },
      { name: "deploy", runtime: ["api"], file: "deploy.yaml" },
    ]);
    expect(findingsOf(decls, "rollback-needs-broken").map((f) => f.path)).toEqual([pathOf("api=>deploy->api")]);
    expect(findingsOf(decls, RULE).map((f) => f.services)).toEqual([["deploy"]]);
  });

  it("no finding for names declared once", () => {
    expect(
      findingsOf(
        declarations([
          { name: "a", rollback: [] },
          { name: "b", rollback: [] },
        ]),
        RULE,
      ),
    ).toEqual([]);
  });
});
