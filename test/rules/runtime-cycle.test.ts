// runtime-cycle (SPEC §3): cold-start deadlock cores, their canonical cycle and the services waiting on them.
import { describe, expect, it } from "vitest";
import type { Declaration } from "../../src/model/types.js";
import { declarations, findingsOf, pathOf, posOf } from "../helpers/estate.js";

const RULE = "runtime-cycle";

function d(decls: Declaration[], name: string): Declaration {
  return decls.find((x) => x.name === name) as Declaration;
}

describe("§3 runtime-cycle", () => {
  it("two services that need each other: one core, its cycle from the first member, each step's entry", () => {
    const decls = declarations([
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "a", runtime: ["b"], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: RULE,
      severity: "error",
      message: "a and b can never cold-start: each waits on another (a → b → a)",
      services: ["a", "b"],
      path: pathOf("a->b->a"),
      impacted: [],
      locations: [posOf(d(decls, "a"), "runtime", 0), posOf(d(decls, "b"), "runtime", 0)],
    });
  });

  it("a self-loop is a core of one member", () => {
    const decls = declarations([
      { name: "dns", runtime: ["config", "dns"], rollback: [] },
      { name: "config", rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      message: "dns can never cold-start: it needs itself to be up (dns → dns)",
      services: ["dns"],
      path: pathOf("dns->dns"),
      impacted: [],
      locations: [posOf(d(decls, "dns"), "runtime", 1)],
    });
  });

  it("services that never come up but are in no core are impacted, not members", () => {
    const decls = declarations([
      { name: "a", runtime: ["b"], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "c", runtime: ["a"], rollback: [] },
      { name: "d", runtime: ["c", "ok"], rollback: [] },
      { name: "ok", rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.services).toEqual(["a", "b"]);
    expect(findings[0]?.impacted).toEqual(["c", "d"]);
    expect(findings[0]?.message).toBe("a and b can never cold-start: each waits on another (a → b → a); 2 more services wait on them");
  });

  it("a core reached through another core: the upstream core's waiters are impacted by both, core members by neither", () => {
    // e → c ⇄ d → a ⇄ b
    const decls = declarations([
      { name: "a", runtime: ["b"], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "c", runtime: ["d", "a"], rollback: [] },
      { name: "d", runtime: ["c"], rollback: [] },
      { name: "e", runtime: ["c"], rollback: [] },
    ]);
    const findings = findingsOf(decls, RULE);
    expect(findings.map((f) => [f.services, f.path, f.impacted])).toEqual([
      [["a", "b"], pathOf("a->b->a"), ["e"]],
      [["c", "d"], pathOf("c->d->c"), ["e"]],
    ]);
    expect(findings[0]?.message).toBe("a and b can never cold-start: each waits on another (a → b → a); 1 more service waits on them");
  });

  it("an anyOf runtime requirement with one alternative up: no deadlock", () => {
    const decls = declarations([
      { name: "a", runtime: [{ anyOf: ["b", "standby"] }], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "standby", rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("an anyOf whose alternatives all wait on the core: every alternative is a blocking edge", () => {
    const decls = declarations([
      { name: "a", runtime: [{ anyOf: ["c", "b"] }], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "c", runtime: ["a"], rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.services).toEqual(["a", "b", "c"]);
    expect(f?.path).toEqual(pathOf("a->b->a"));
    expect(f?.locations).toEqual([posOf(d(decls, "a"), "runtime", 0, 1), posOf(d(decls, "b"), "runtime", 0)]);
  });

  it("a met requirement is not blocking, even when its service is in the core's SCC of the full graph", () => {
    // a needs anyOf [b, up]: met; the hard graph has a ⇄ b, but nothing deadlocks.
    const decls = declarations([
      { name: "a", runtime: [{ anyOf: ["b", "up"] }], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "up", rollback: [] },
      { name: "x", runtime: ["y"], rollback: [] },
      { name: "y", runtime: ["x", "a"], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE).map((f) => f.services)).toEqual([["x", "y"]]);
  });

  it("soft entries are ignored", () => {
    const decls = declarations([
      { name: "a", runtime: [{ service: "b", soft: true }], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("a requirement naming an undeclared service is always met", () => {
    const decls = declarations([
      { name: "a", runtime: [{ anyOf: ["b", "ghost"] }], rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)).toEqual([]);
  });

  it("the path is a shortest cycle through the first member, even when a longer one has smaller names", () => {
    const decls = declarations([
      { name: "a", runtime: ["b", "z"], rollback: [] },
      { name: "b", runtime: ["c"], rollback: [] },
      { name: "c", runtime: ["a"], rollback: [] },
      { name: "z", runtime: ["a"], rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.services).toEqual(["a", "b", "c", "z"]);
    expect(f?.path).toEqual(pathOf("a->z->a"));
  });

  it("ties between shortest cycles are broken by the names along them, not the written order", () => {
    const decls = declarations([
      { name: "a", runtime: ["q", "p"], rollback: [] },
      { name: "q", runtime: ["s"], rollback: [] },
      { name: "p", runtime: ["t", "s"], rollback: [] },
      { name: "s", runtime: ["a"], rollback: [] },
      { name: "t", runtime: ["a"], rollback: [] },
    ]);
    expect(findingsOf(decls, RULE)[0]?.path).toEqual(pathOf("a->p->s->a"));
  });

  it("the first member in plain string order: upper case before lower case", () => {
    const decls = declarations([
      { name: "api", runtime: ["Zeta"], rollback: [] },
      { name: "Zeta", runtime: ["api"], rollback: [] },
    ]);
    const [f] = findingsOf(decls, RULE);
    expect(f?.services).toEqual(["Zeta", "api"]);
    expect(f?.path).toEqual(pathOf("Zeta->api->Zeta"));
  });

  it("a core declared across duplicate declarations (their requirements are merged)", () => {
    const decls = declarations([
      { name: "a", rollback: [] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "a", runtime: ["b"], file: "other.yaml" },
    ]);
    expect(findingsOf(decls, RULE).map((f) => f.path)).toEqual([pathOf("a->b->a")]);
  });

  it("long member lists are shortened in the message", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const decls = declarations(names.map((n, i) => ({ name: n, runtime: [names[(i + 1) % names.length] as string], rollback: [] })));
    const [f] = findingsOf(decls, RULE);
    expect(f?.message).toBe("a, b, c, d, e, f and 2 more can never cold-start: each waits on another (a → b → c → d → e → f → g → h → a)");
  });
});
