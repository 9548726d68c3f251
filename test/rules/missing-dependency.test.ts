// missing-dependency (SPEC §3): an entry, soft ones too, names a service that no manifest declares.
import { describe, expect, it } from "vitest";
import type { Declaration } from "../../src/model/types.js";
import { declarations, findingsOf, pathOf, posOf } from "../helpers/estate.js";

const RULE = "missing-dependency";

function d(decls: Declaration[], name: string): Declaration {
  return decls.find((x) => x.name === name) as Declaration;
}

describe("§3 missing-dependency", () => {
  it("a runtime entry naming an undeclared service, with a did-you-mean", () => {
    const decls = declarations([
      { name: "api", runtime: ["config-stor"], rollback: [] },
      { name: "config-store", rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: RULE,
      severity: "error",
      message: "api needs config-stor (runtime), which no manifest declares; did you mean config-store?",
      services: ["api"],
      path: pathOf("api->config-stor"),
      impacted: [],
      missing: "config-stor",
      locations: [posOf(d(decls, "api"), "runtime", 0)],
    });
  });

  it("a rollback entry, without a suggestion when nothing is close", () => {
    const decls = declarations([{ name: "api", rollback: ["deploy-pipeline"] }]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.message).toBe("api needs deploy-pipeline (rollback), which no manifest declares");
    expect(f?.path).toEqual(pathOf("api=>deploy-pipeline"));
  });

  it("soft entries and anyOf alternatives count too", () => {
    const decls = declarations([
      { name: "api", runtime: [{ service: "metrics", soft: true }, { anyOf: ["api", "dns-secondary"] }], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings.map((f) => [f.missing, f.locations])).toEqual([
      ["dns-secondary", [posOf(d(decls, "api"), "runtime", 1, 1)]],
      ["metrics", [posOf(d(decls, "api"), "runtime", 0)]],
    ]);
  });

  it("one finding per (service, name): the first occurrence in source order gives the location", () => {
    const decls = declarations([
      { name: "api", runtime: ["ghost", { anyOf: ["ghost", "ghost"] }], rollback: ["ghost"] },
      { name: "api", runtime: ["ghost"], file: "z.yaml" },
      { name: "web", runtime: ["ghost"], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings.map((f) => [f.services, f.missing, f.locations])).toEqual([
      [["api"], "ghost", [posOf(d(decls, "api"), "runtime", 0)]],
      [["web"], "ghost", [posOf(d(decls, "web"), "runtime", 0)]],
    ]);
  });

  it("names that mean something to JavaScript objects are ordinary (undeclared) names", () => {
    const decls = declarations([{ name: "api", runtime: ["toString", "constructor", "__proto__", "hasOwnProperty"], rollback: [] }]);
    expect(findingsOf(decls, RULE).map((f) => f.missing)).toEqual(["__proto__", "constructor", "hasOwnProperty", "toString"]);
  });

  it("a declared service is never missing, however it is named", () => {
    const decls = declarations([
      { name: "constructor", runtime: ["toString"], rollback: [] },
      { name: "toString", rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("§5 the path's kind does not depend on whether `runtime` or `rollback` is written first", () => {
    // The same service needs the undeclared ghost at runtime and for rollback; two declarations
    // of it, in either order (equivalently: the `rollback` key written before `runtime`).
    const kind = (first: "runtime" | "rollback") => {
      const a = { name: "api", runtime: ["ghost"] };
      const b = { name: "api", rollback: ["ghost"] };
      const decls = declarations(first === "runtime" ? [a, b] : [b, a]);
      return findingsOf(decls, RULE).map((f) => [f.path, f.message]);
    };
    expect(kind("rollback")).toEqual(kind("runtime"));
  });
});
