// JUnit XML (check --format junit): well-formed, one suite per rule, one case per rule and subject, failures at the threshold.
import { describe, expect, it } from "vitest";
import { compareBaseline } from "../../src/baseline/baseline.js";
import { renderJunit } from "../../src/report/junit.js";
import { runCli } from "../helpers/cli.js";
import { declarations } from "../helpers/estate.js";
import { contextOf } from "../helpers/report.js";
import { childrenNamed, parseXml, type XmlElement } from "../helpers/xml.js";

const RULES = [
  "api-unprovided",
  "duplicate-service",
  "missing-dependency",
  "rollback-needs-broken",
  "rollback-undeclared",
  "runtime-cycle",
  "shared-fate",
  "undeclared-dependency",
  "undeclared-service",
  "unobserved-dependency",
];

function suites(xml: string): Map<string, XmlElement> {
  const root = parseXml(xml);
  expect(root.name).toBe("testsuites");
  return new Map(childrenNamed(root, "testsuite").map((s) => [s.attributes.name as string, s]));
}

/** The counts each suite declares agree with its cases; the root's with the suites. */
function checkCounts(xml: string): void {
  const root = parseXml(xml);
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const s of childrenNamed(root, "testsuite")) {
    const cases = childrenNamed(s, "testcase");
    const f = cases.filter((c) => childrenNamed(c, "failure").length > 0).length;
    const k = cases.filter((c) => childrenNamed(c, "skipped").length > 0).length;
    expect(Number(s.attributes.tests)).toBe(cases.length);
    expect(Number(s.attributes.failures)).toBe(f);
    expect(Number(s.attributes.skipped)).toBe(k);
    expect(s.attributes.errors).toBe("0");
    for (const c of cases) {
      expect(c.attributes.classname).toBe(`catch22.${s.attributes.name}`);
      expect(c.attributes.name).toBeTruthy();
    }
    tests += cases.length;
    failures += f;
    skipped += k;
  }
  expect(Number(root.attributes.tests)).toBe(tests);
  expect(Number(root.attributes.failures)).toBe(failures);
  expect(Number(root.attributes.skipped)).toBe(skipped);
}

describe("junit", { timeout: 60_000 }, () => {
  it("on the Tencent example: a suite per rule, the catch-22 as the one failure with its witness, the rest passing", () => {
    const r = runCli(["check", "examples/tencent-2024", "--format", "junit"]);
    expect(r.code).toBe(1);
    checkCounts(r.stdout);
    const s = suites(r.stdout);
    expect([...s.keys()]).toEqual(RULES);
    const [c] = childrenNamed(s.get("rollback-needs-broken") as XmlElement, "testcase");
    expect(c?.attributes).toMatchObject({ name: "cloud-api", file: "examples/tencent-2024/control-plane.yaml" });
    const [failure] = childrenNamed(c as XmlElement, "failure");
    expect(failure?.attributes.type).toBe("error");
    expect(failure?.attributes.message).toBe("Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api");
    expect(failure?.text).toContain("cloud-api ⇒ rollback-pipeline → cloud-api");
    expect(failure?.text).toContain("examples/tencent-2024/control-plane.yaml:54:10");
    for (const rule of RULES.filter((x) => x !== "rollback-needs-broken")) {
      expect(childrenNamed(s.get(rule) as XmlElement, "testcase").map((x) => x.attributes.name)).toEqual(["no findings"]);
    }
    const fixed = runCli(["check", "examples/tencent-2024-fixed", "--format", "junit"]);
    expect(fixed.code).toBe(0);
    expect(parseXml(fixed.stdout).attributes.failures).toBe("0");
  });

  it("escapes names and messages, so that a hostile note or name never breaks the XML", () => {
    const ctx = contextOf(
      declarations([
        { name: "a&b<c>", runtime: ["x\"y'z"], rollback: [] },
        { name: "p:q/r.s", runtime: ["p:q/r.s"], rollback: [] },
      ]),
    );
    const xml = renderJunit(ctx);
    checkCounts(xml);
    const missing = childrenNamed(suites(xml).get("missing-dependency") as XmlElement, "testcase");
    expect(missing[0]?.attributes.name).toBe("a&b<c> → x\"y'z");
    expect(childrenNamed(missing[0] as XmlElement, "failure")[0]?.attributes.message).toContain("x\"y'z");
  });

  it("fails only at the threshold: below it a finding passes with its text in system-out; baseline-known ones pass; off rules and ignores skip", () => {
    const decls = declarations([
      { name: "a", runtime: ["a"] },
      { name: "b", runtime: ["c"], rollback: [] },
    ]);
    const base = contextOf(decls);
    const known = compareBaseline(
      base.findings,
      [
        {
          fingerprint: (base.findings.find((f) => f.rule === "runtime-cycle") as { fingerprint: string }).fingerprint,
          rule: "runtime-cycle",
          services: ["a"],
        },
      ],
      "b.json",
    );
    const ctx = contextOf(decls, { overrides: { "duplicate-service": "off" }, baseline: known });
    const xml = renderJunit(ctx);
    checkCounts(xml);
    const s = suites(xml);
    const cycle = childrenNamed(s.get("runtime-cycle") as XmlElement, "testcase")[0] as XmlElement;
    expect(childrenNamed(cycle, "failure")).toEqual([]);
    expect(childrenNamed(cycle, "system-out")[0]?.text).toContain("known in the baseline");
    const undeclared = childrenNamed(s.get("rollback-undeclared") as XmlElement, "testcase")[0] as XmlElement;
    expect(childrenNamed(undeclared, "system-out")[0]?.text).toContain("info, below --fail-on error");
    expect(childrenNamed(childrenNamed(s.get("missing-dependency") as XmlElement, "testcase")[0] as XmlElement, "failure")).toHaveLength(1);
    const off = childrenNamed(s.get("duplicate-service") as XmlElement, "testcase")[0] as XmlElement;
    expect(childrenNamed(off, "skipped")[0]?.attributes.message).toBe("turned off in the config");
  });

  it("the structural check rejects XML that is not well-formed", () => {
    for (const bad of ["<a><b></a></b>", '<a x="1" x="2"/>', "<a>&nope;</a>", "<a>1 < 2</a>", "<a/><b/>", "<a>"]) {
      expect(() => parseXml(bad), bad).toThrow(/not well-formed/);
    }
  });
});
