// The data behind the web view: complete, and safe to embed in an HTML page.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel, jsonForScript } from "../../src/report/view-model.js";
import { runRules } from "../../src/rules/index.js";
import { declarations } from "../helpers/estate.js";

describe("jsonForScript", () => {
  it("leaves no <, >, & or line separator that could end a <script> element, and parses back to the same value", () => {
    const value = { d: "</script><script>alert(1)</script><!-- & \u2028\u2029 ]]>", n: [1, "<img src=x onerror=alert(1)>"] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("buildViewModel", () => {
  it("has one edge per (service, name, kind), hard winning over soft, anyOf and notes kept, undeclared names marked", () => {
    const decls = declarations([
      { name: "a", runtime: [{ service: "b", soft: true }, "b", { anyOf: ["c", "ghost"] }], rollback: ["a"] },
      { name: "b" },
      { name: "c" },
    ]);
    const e = buildEstate(decls);
    const g = compile(e);
    const findings = runRules(e, g);
    const m = buildViewModel(e, findings, summarize(g, findings), ["x"]);
    expect(m.edges).toEqual([
      { from: "a", to: "b", kind: "runtime", soft: false, anyOf: false },
      { from: "a", to: "c", kind: "runtime", soft: false, anyOf: true },
      { from: "a", to: "ghost", kind: "runtime", soft: false, anyOf: true, missing: true },
      { from: "a", to: "a", kind: "rollback", soft: false, anyOf: false },
    ]);
    expect(m.services.map((s) => [s.name, s.rollbackDeclared])).toEqual([
      ["a", true],
      ["b", false],
      ["c", false],
    ]);
    expect(m.findings.map((f) => f.rule)).toContain("rollback-needs-broken");
    expect(m.summary.services).toBe(3);
  });
});
