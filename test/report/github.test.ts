// `--format github` (SPEC §5): one workflow command per finding or input error, escaped so that no input forges a command.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/types.js";
import { escapeData, escapeProperty, renderGithub } from "../../src/report/github.js";
import { analyse, declarations } from "../helpers/estate.js";

const finding = (over: Partial<Finding>): Finding => ({
  rule: "missing-dependency",
  severity: "error",
  fingerprint: "f",
  message: "api needs db, which no manifest declares",
  services: ["api"],
  path: [{ from: "api", to: "db", kind: "runtime" }],
  impacted: [],
  locations: [{ file: "services/api.yaml", line: 7, column: 5 }],
  missing: "db",
  ...over,
});

describe("escaping of workflow commands", () => {
  it("writes %, CR and LF in a message as %25, %0D, %0A, and keeps : and ,", () => {
    expect(escapeData("100% down\r\nnext: a, b")).toBe("100%25 down%0D%0Anext: a, b");
  });

  it("writes : and , in a property value as %3A and %2C, besides %, CR and LF", () => {
    expect(escapeProperty("team/api:v2,x%\ny")).toBe("team/api%3Av2%2Cx%25%0Ay");
  });

  it("escapes % first, so an input that spells %0A stays literal text", () => {
    expect(escapeData("%0A")).toBe("%250A");
    expect(escapeProperty("%3A")).toBe("%253A");
  });

  it("shows other control characters escaped (no raw ESC or BEL reaches the log)", () => {
    expect(escapeData("a\u001b[2Jb\u0007")).toBe("a\\u001b[2Jb\\u0007");
  });

  it("a name with a line break cannot start a command of its own", () => {
    const out = renderGithub([finding({ message: "api needs x\n::error file=evil.yaml::forged" })]);
    expect(out.split("\n").filter(Boolean)).toHaveLength(1);
    expect(out).toContain("x%0A::error file=evil.yaml::forged");
  });
});

describe("renderGithub", () => {
  it("one ::error line at the finding's first location, the rule as title", () => {
    expect(renderGithub([finding({})])).toBe(
      "::error file=services/api.yaml,line=7,col=5,title=missing-dependency::api needs db, which no manifest declares\n",
    );
  });

  it("::warning for warnings and ::notice for info", () => {
    const out = renderGithub([finding({ severity: "warning" }), finding({ severity: "info" })]);
    expect(out.split("\n").map((l) => l.split(" ")[0])).toEqual(["::warning", "::notice", ""]);
  });

  it("escapes : and , in the file name, but not in the message", () => {
    const out = renderGithub([finding({ locations: [{ file: "a:b,c.yaml", line: 1, column: 2 }] })]);
    expect(out).toBe("::error file=a%3Ab%2Cc.yaml,line=1,col=2,title=missing-dependency::api needs db, which no manifest declares\n");
  });

  it("a finding with no location has a title only", () => {
    expect(renderGithub([finding({ locations: [] })])).toBe("::error title=missing-dependency::api needs db, which no manifest declares\n");
  });

  it("a catch-22's message ends with its witness chain, at the rollback entry", () => {
    const decls = declarations([
      { name: "api", runtime: ["pipeline"], rollback: ["pipeline"] },
      { name: "pipeline", runtime: ["api"], rollback: [] },
    ]);
    const found = analyse(decls).filter((f) => f.rule === "rollback-needs-broken");
    const out = renderGithub(found);
    const first = found[0]?.locations[0];
    expect(out).toMatch(new RegExp(`^::error file=estate\\.yaml,line=${first?.line},col=${first?.column},title=rollback-needs-broken::`));
    expect(out).toContain(": api ⇒ pipeline → api\n");
  });

  it("input errors come first as manifest-invalid errors; one with no position has file= only", () => {
    const out = renderGithub(
      [finding({})],
      [
        { file: "a.yaml", line: 3, column: 9, message: 'unknown key "runtim" (did you mean "runtime"?)' },
        { file: "missing/dir", line: 0, column: 0, message: "no such file or directory" },
        { file: "gone.yaml", line: null, column: null, message: "cannot read it (EACCES)" },
      ],
    );
    expect(out.split("\n")).toEqual([
      '::error file=a.yaml,line=3,col=9,title=manifest-invalid::unknown key "runtim" (did you mean "runtime"?)',
      "::error file=missing/dir,title=manifest-invalid::no such file or directory",
      "::error file=gone.yaml,title=manifest-invalid::cannot read it (EACCES)",
      "::error file=services/api.yaml,line=7,col=5,title=missing-dependency::api needs db, which no manifest declares",
      "",
    ]);
  });

  it("nothing at all when there is nothing to annotate", () => {
    expect(renderGithub([])).toBe("");
  });
});
