// rollback-needs-broken (SPEC §3): X's rollback needs something that X's failure takes down.
import { describe, expect, it } from "vitest";
import type { Declaration } from "../../src/model/types.js";
import { declarations, findingsOf, pathOf, posOf } from "../helpers/estate.js";

const RULE = "rollback-needs-broken";

/** The declaration of `name` (the first, if declared twice). */
function d(decls: Declaration[], name: string): Declaration {
  return decls.find((x) => x.name === name) as Declaration;
}

describe("§3 rollback-needs-broken", () => {
  it("the Tencent shape: cloud-api's rollback goes through rollback-pipeline, which runs on cloud-api", () => {
    const decls = declarations([
      { name: "cloud-api", runtime: ["config-store"], rollback: ["rollback-pipeline"] },
      { name: "config-store", rollback: [] },
      { name: "rollback-pipeline", runtime: ["cloud-api"], rollback: [] },
      { name: "tke", runtime: ["cloud-api"], rollback: [] },
      { name: "cls", runtime: ["cloud-api", "tke"], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: RULE,
      severity: "error",
      message: "Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api",
      services: ["cloud-api"],
      path: pathOf("cloud-api=>rollback-pipeline->cloud-api"),
      impacted: [],
      locations: [posOf(d(decls, "cloud-api"), "rollback", 0), posOf(d(decls, "rollback-pipeline"), "runtime", 0)],
    });
  });

  it("a rollback pushed through the service itself: a one-step rollback path", () => {
    const decls = declarations([
      { name: "cloud-api", rollback: ["deploy", { service: "cloud-api" }] },
      { name: "deploy", rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.message).toBe("Rolling back cloud-api needs cloud-api, which is down when cloud-api fails");
    expect(f?.path).toEqual(pathOf("cloud-api=>cloud-api"));
    expect(f?.locations).toEqual([posOf(d(decls, "cloud-api"), "rollback", 1)]);
  });

  it("a longer chain of reasons: the rollback needs c, which is down because b is, because x is", () => {
    const decls = declarations([
      { name: "x", rollback: ["c"] },
      { name: "b", runtime: ["x"], rollback: [] },
      { name: "c", runtime: ["b"], rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.message).toBe("Rolling back x needs c, which is down when x fails");
    expect(f?.path).toEqual(pathOf("x=>c->b->x"));
    expect(f?.locations).toEqual([
      posOf(d(decls, "x"), "rollback", 0),
      posOf(d(decls, "c"), "runtime", 0),
      posOf(d(decls, "b"), "runtime", 0),
    ]);
  });

  it("the needed service is fine when X fails: no finding (the safe direction of a dependency)", () => {
    const decls = declarations([
      { name: "app", runtime: ["deploy"], rollback: ["deploy"] },
      { name: "deploy", rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("an anyOf rollback with one alternative outside Down({X}): no finding", () => {
    const decls = declarations([
      { name: "cloud-api", rollback: [{ anyOf: ["rollback-pipeline", "break-glass"] }] },
      { name: "rollback-pipeline", runtime: ["cloud-api"], rollback: [] },
      { name: "break-glass", rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("an anyOf rollback with every alternative inside Down({X}): one finding naming the alternatives", () => {
    const decls = declarations([
      { name: "x", rollback: [{ anyOf: ["pipeline", "console"] }] },
      { name: "console", runtime: ["pipeline"], rollback: [] },
      { name: "pipeline", runtime: ["x"], rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.message).toBe("Rolling back x needs one of console or pipeline, and all of them are down when x fails");
    // The shortest witness goes through pipeline (console is one step further away).
    expect(f?.path).toEqual(pathOf("x=>pipeline->x"));
    expect(f?.locations).toEqual([posOf(d(decls, "x"), "rollback", 0, 0), posOf(d(decls, "pipeline"), "runtime", 0)]);
  });

  it("an anyOf runtime requirement with one alternative up does not propagate the failure", () => {
    const decls = declarations([
      { name: "x", rollback: ["pipeline"] },
      { name: "pipeline", runtime: [{ anyOf: ["x", "x-standby"] }], rollback: [] },
      { name: "x-standby", rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("a runtime step comes only from a requirement wholly inside Down({X}): the witness avoids a half-down anyOf", () => {
    // c needs anyOf [x, standby] (no reason: standby is up) and b, which needs x.
    const decls = declarations([
      { name: "x", rollback: ["c"] },
      { name: "c", runtime: [{ anyOf: ["x", "standby"] }, "b"], rollback: [] },
      { name: "b", runtime: ["x"], rollback: [] },
      { name: "standby", rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.path).toEqual(pathOf("x=>c->b->x"));
    expect(f?.locations).toEqual([
      posOf(d(decls, "x"), "rollback", 0),
      posOf(d(decls, "c"), "runtime", 1),
      posOf(d(decls, "b"), "runtime", 0),
    ]);
  });

  it("soft entries are ignored, in runtime and in rollback", () => {
    const decls = declarations([
      { name: "x", rollback: ["c", { service: "x", soft: true }] },
      { name: "c", runtime: [{ service: "x", soft: true }], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("a requirement naming an undeclared service is always met: no finding from it", () => {
    const decls = declarations([{ name: "x", rollback: [{ anyOf: ["x", "ghost"] }] }]);
    expect(findingsOf(decls, RULE)).toEqual([]);
    expect(findingsOf(decls, "missing-dependency").map((f) => f.missing)).toEqual(["ghost"]);
  });

  it("several witnesses: the shortest, then the smallest names along it, whatever the written order", () => {
    const decls = declarations([
      { name: "x", rollback: ["far", "q", "p"] },
      { name: "far", runtime: ["mid"], rollback: [] },
      { name: "mid", runtime: ["x"], rollback: [] },
      { name: "q", runtime: ["x"], rollback: [] },
      { name: "p", runtime: ["x"], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.path).toEqual(pathOf("x=>p->x"));
    expect(findings[0]?.message).toBe("Rolling back x needs p, which runs on x");
  });

  it("ties inside the runtime part of the witness are broken by names too", () => {
    const decls = declarations([
      { name: "x", rollback: ["top"] },
      { name: "top", runtime: ["n2", "n1"], rollback: [] },
      { name: "n2", runtime: ["x"], rollback: [] },
      { name: "n1", runtime: ["x"], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)[0]?.path).toEqual(pathOf("x=>top->n1->x"));
  });

  it("one finding per service, however many of its rollback requirements are inside Down", () => {
    const decls = declarations([
      { name: "x", rollback: ["x", "a", "b"] },
      { name: "a", runtime: ["x"], rollback: ["a"] },
      { name: "b", runtime: ["a"], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings.map((f) => [f.services, f.path])).toEqual([
      [["a"], pathOf("a=>a")],
      [["x"], pathOf("x=>x")],
    ]);
    expect(findings.every((f) => f.impacted.length === 0)).toBe(true);
  });

  it("names that mean something to JavaScript objects are ordinary names", () => {
    const decls = declarations([
      { name: "constructor", rollback: ["toString"] },
      { name: "toString", runtime: ["hasOwnProperty"], rollback: [] },
      { name: "hasOwnProperty", runtime: ["constructor"], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)[0]?.path).toEqual(pathOf("constructor=>toString->hasOwnProperty->constructor"));
  });

  it("§5 the message does not depend on the written order of the rollback entries", () => {
    // Two rollback requirements of x lie inside Down({x}) and both contain x: [x] and anyOf [x, b].
    const message = (rollback: ({ anyOf: string[] } | string)[]) =>
      findingsOf(
        declarations([
          { name: "x", rollback },
          { name: "b", runtime: ["x"], rollback: [] },
        ]),
        RULE,
      )[0]?.message;
    expect(message([{ anyOf: ["x", "b"] }, "x"])).toBe(message(["x", { anyOf: ["x", "b"] }]));
  });
});
