// catch22.config.yaml: every key read, every mistake reported with its line and column and a "did you mean".
import { describe, expect, it } from "vitest";
import { isDate, parseConfig } from "../../src/config/config.js";
import { active, applyIgnores, matches } from "../../src/config/ignore.js";
import { analyse, declarations } from "../helpers/estate.js";

const parse = (text: string) => parseConfig(text, "catch22.config.yaml", "/repo");

describe("parseConfig", () => {
  it("reads paths, failOn, rule levels and ignore entries", () => {
    const r = parse(`paths: [manifests, more/x.yaml]
failOn: warning
rules:
  rollback-undeclared: "off"
  missing-dependency: warning
ignore:
  - rule: rollback-needs-broken
    services: [cloud-api]
    reason: OPS-1234, break-glass console in progress
    until: 2026-12-31
`);
    expect(r).toEqual({
      ok: true,
      config: {
        file: "catch22.config.yaml",
        dir: "/repo",
        paths: ["manifests", "more/x.yaml"],
        failOn: "warning",
        rules: { "rollback-undeclared": "off", "missing-dependency": "warning" },
        ignore: [
          {
            rule: "rollback-needs-broken",
            services: ["cloud-api"],
            reason: "OPS-1234, break-glass console in progress",
            until: "2026-12-31",
            pos: { file: "catch22.config.yaml", line: 7, column: 5 },
          },
        ],
      },
    });
    expect(parse("paths: manifests\nrules:\n  runtime-cycle: off\n")).toMatchObject({
      ok: true,
      config: { paths: ["manifests"], rules: { "runtime-cycle": "off" } },
    });
    expect(parse("")).toMatchObject({ ok: true, config: { rules: {}, ignore: [] } });
    expect(parse("# only a comment\n")).toMatchObject({ ok: true });
  });

  it("reports every mistake, in position order, with what was expected and a did-you-mean", () => {
    const r = parse(`failOn: errors
rules:
  runtime-cycel: error
  manifest-invalid: off
  rollback-undeclared: loud
ignore:
  - rule: rollback-needs-broken
    services: []
    untill: 2026-01-01
  - rule: runtime-cycle
    services: [a, "bad name"]
    reason: ""
    until: 2026-02-30
  - just text
pathz: [x]
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      `1:9: expected "failOn" to be one of error, warning, info, never, got the text "errors" (did you mean "error"?)`,
      `3:3: unknown rule "runtime-cycel" in "rules" (did you mean "runtime-cycle"?); the rules are: api-unprovided, duplicate-service, missing-dependency, rollback-needs-broken, rollback-undeclared, runtime-cycle, shared-fate, undeclared-dependency, undeclared-service, unobserved-dependency`,
      "4:3: manifest-invalid cannot be configured: input errors always stop the run (exit code 2)",
      `5:24: expected the level of rollback-undeclared to be one of off, info, warning, error, got the text "loud"`,
      `7:5: an ignore entry needs "reason": why the risk is accepted (a ticket, a decision)`,
      `8:15: expected "services" to be a non-empty list of service names, got a list`,
      `9:5: unknown key "untill" in an ignore entry (did you mean "until"?); expected one of: rule, services, reason, until`,
      `11:19: invalid service name "bad name": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit`,
      `12:13: expected "reason" to be non-empty text, got the text ""`,
      `13:12: expected "until" to be a date written YYYY-MM-DD, got the text "2026-02-30"`,
      '14:5: expected an ignore entry (a mapping with rule, services and reason), got the text "just text"',
      `15:1: unknown key "pathz" in the config (did you mean "paths"?); expected one of: paths, failOn, rules, ignore, observed, rto`,
    ]);
  });

  it("reports YAML syntax errors and a config that is not a mapping", () => {
    const syntax = parse("rules: [\n");
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.diagnostics[0]?.line).toBeGreaterThan(0);
    const list = parse("- a\n- b\n");
    expect(list.ok ? [] : list.diagnostics.map((d) => d.message)).toEqual([
      "expected the config to be a mapping of paths, failOn, rules, ignore, observed, rto; got a list",
    ]);
  });

  it("accepts only real calendar dates for until", () => {
    expect(isDate("2024-02-29")).toBe(true);
    expect(isDate("2023-02-29")).toBe(false);
    expect(isDate("2024-1-1")).toBe(false);
    expect(isDate("2024-13-01")).toBe(false);
  });
});

describe("ignore entries", () => {
  const findings = analyse(
    declarations([
      { name: "a", runtime: ["b"] },
      { name: "b", runtime: ["a"], rollback: [] },
      { name: "c", rollback: [] },
    ]),
  );
  const entry = (services: string[], until?: string) => ({
    rule: "runtime-cycle",
    services,
    reason: "r",
    ...(until ? { until } : {}),
    pos: { file: "c.yaml", line: 1, column: 1 },
  });

  it("match a finding of their rule when every service of the finding is listed", () => {
    const cycle = findings.find((f) => f.rule === "runtime-cycle");
    expect(cycle?.services).toEqual(["a", "b"]);
    expect(matches(entry(["a", "b", "z"]), cycle as never)).toBe(true);
    expect(matches(entry(["a"]), cycle as never)).toBe(false);
  });

  it("apply through their until day and no longer after it: the finding counts again and is marked expired", () => {
    expect(active(entry(["a"], "2026-05-01"), "2026-05-01")).toBe(true);
    expect(active(entry(["a"], "2026-05-01"), "2026-05-02")).toBe(false);
    const live = applyIgnores(findings, [entry(["a", "b"], "2026-05-01")], "2026-05-01");
    expect(live.ignored.map((i) => i.finding.rule)).toEqual(["runtime-cycle"]);
    expect(live.kept.map((f) => f.rule)).toEqual(["rollback-undeclared"]);
    const expired = applyIgnores(findings, [entry(["a", "b"], "2026-05-01")], "2026-05-02");
    expect(expired.ignored).toEqual([]);
    expect(expired.kept.map((f) => f.rule)).toEqual(["rollback-undeclared", "runtime-cycle"]);
    expect(expired.expired.map((i) => i.entry.until)).toEqual(["2026-05-01"]);
    expect(applyIgnores(findings, [entry(["zz"])], "2026-01-01").unused).toHaveLength(1);
  });
});
