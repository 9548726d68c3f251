// Invalid input still gives a report file (SPEC §1): json diagnostics, SARIF manifest-invalid results, JUnit failing cases, ::error lines; exit 2.
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";

const BAD = "apiVersion: catch22/v1\nkind: Service\nname: x\nruntim: [a]\n";
let dir = "";

beforeAll(() => {
  dir = tempTree({ "m/bad.yaml": BAD, "m/ok.yaml": "apiVersion: catch22/v1\nkind: Service\nname: y\n" });
});

const check = (format: string, paths = ["m"]) => {
  const out = path.join(dir, `report.${format}`);
  fs.rmSync(out, { force: true });
  const r = runCli(["check", ...paths, "--format", format, "-o", out], { cwd: dir });
  return { ...r, text: fs.existsSync(out) ? fs.readFileSync(out, "utf8") : undefined };
};

describe("check on invalid input writes the format's error form", { timeout: 60_000 }, () => {
  it("json: diagnostics with file, line, column, message, and no findings; exit 2, stderr still has them", () => {
    const r = check("json");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.yaml:4:1");
    const report = JSON.parse(r.text as string);
    expect(report.schemaVersion).toBe(1);
    expect(report.findings).toEqual([]);
    expect(report.diagnostics).toEqual([{ file: "m/bad.yaml", line: 4, column: 1, message: expect.stringContaining("runtim") }]);
  });

  it("json: a diagnostic with no position has line and column null", () => {
    const r = check("json", ["nowhere"]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.text as string);
    expect(report.diagnostics).toEqual([{ file: "nowhere", line: null, column: null, message: expect.any(String) }]);
  });

  it("sarif: one manifest-invalid result per error at its file and line, no region without a position; valid SARIF", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
    ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/sarif-schema-2.1.0.json"), "utf8")));
    const r = check("sarif");
    expect(r.code).toBe(2);
    const log = JSON.parse(r.text as string);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const [result, ...rest] = log.runs[0].results;
    expect(rest).toEqual([]);
    expect(result.ruleId).toBe("manifest-invalid");
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe("manifest-invalid");
    expect(result.level).toBe("error");
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/m\/bad\.yaml$/);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 1 });
    const none = JSON.parse(check("sarif", ["nowhere"]).text as string);
    expect(validate(none) ? [] : validate.errors).toEqual([]);
    expect(none.runs[0].results[0].locations[0].physicalLocation.region).toBeUndefined();
  });

  it("junit: one failing test case per error", () => {
    const r = check("junit");
    expect(r.code).toBe(2);
    expect(r.text).toContain(`<testsuite name="manifest-invalid" tests="1" failures="1"`);
    expect(r.text).toMatch(
      /<testcase name="m\/bad\.yaml:4:1" classname="catch22\.manifest-invalid" file="m\/bad\.yaml" time="0"><failure /,
    );
  });

  it("github: one ::error line per error, file= only without a position", () => {
    const r = check("github");
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/^::error file=m\/bad\.yaml,line=4,col=1,title=manifest-invalid::.*runtim.*\n$/);
    expect(check("github", ["nowhere"]).text).toMatch(/^::error file=nowhere,title=manifest-invalid::/);
  });

  it("text and markdown write nothing to stdout (stderr has the errors)", () => {
    for (const format of ["text", "markdown"]) {
      const r = runCli(["check", "m", "--format", format], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("a command-line error writes no report", () => {
    const r = runCli(["check", "m", "--format", "json", "--top", "x"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("graph json writes the diagnostics too", () => {
    const r = runCli(["graph", "m"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).diagnostics).toHaveLength(1);
  });
});

describe("diff on invalid input", { timeout: 60_000 }, () => {
  it("json and github carry each side's errors, the base's marked; exit 2", () => {
    const ok = tempTree({ "ok.yaml": "apiVersion: catch22/v1\nkind: Service\nname: y\n" });
    const json = runCli(["diff", "--format", "json", path.join(dir, "m"), "--", ok]);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.introduced).toEqual([]);
    expect(report.diagnostics).toEqual([expect.objectContaining({ line: 4, column: 1, message: expect.stringMatching(/^in the base/) })]);
    const github = runCli(["diff", "--format", "github", ok, "--", path.join(dir, "m")]);
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(/^::error file=.*bad\.yaml,line=4,col=1,title=manifest-invalid::in the head/);
  });
});

describe("--format github on valid input", { timeout: 60_000 }, () => {
  it("check annotates each finding at its first location; diff only the introduced ones", () => {
    const r = runCli(["check", "examples/tencent-2024", "--format", "github"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=examples\/tencent-2024\/[^,]+,line=\d+,col=\d+,title=rollback-needs-broken::/m);
    const d = runCli(["diff", "--format", "github", "examples/tencent-2024-fixed", "--", "examples/tencent-2024"]);
    expect(d.code).toBe(1);
    expect(d.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/^::error file=.*title=rollback-needs-broken::Rolling back cloud-api/),
    ]);
  });
});
