// Baselines: written deterministically, read back, compared by fingerprint (known, new, fixed).
import { describe, expect, it } from "vitest";
import { compareBaseline, parseBaseline, renderBaseline, statusOf } from "../../src/baseline/baseline.js";
import { analyse, declarations } from "../helpers/estate.js";

const findings = analyse(
  declarations([
    { name: "b", runtime: ["a", "ghost"] },
    { name: "a", runtime: ["b"], rollback: ["a"] },
  ]),
);

describe("baseline", () => {
  it("is sorted JSON, byte-identical whatever the order of the findings, one entry per fingerprint", () => {
    const text = renderBaseline(findings);
    expect(renderBaseline([...findings].reverse())).toBe(text);
    expect(renderBaseline([...findings, ...findings])).toBe(text);
    const data = JSON.parse(text);
    expect(data.schemaVersion).toBe(1);
    expect(data.findings.map((e: { rule: string }) => e.rule)).toEqual([...data.findings.map((e: { rule: string }) => e.rule)].sort());
    expect(data.findings.find((e: { rule: string }) => e.rule === "missing-dependency")).toMatchObject({
      services: ["b"],
      missing: "ghost",
    });
  });

  it("reads back what it writes, and compares: known findings, new ones, entries that no longer occur", () => {
    const read = parseBaseline(renderBaseline(findings.slice(1)), "b.json");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const gone = { fingerprint: "f".repeat(32), rule: "duplicate-service", services: ["old"] };
    const c = compareBaseline(findings, [...read.entries, gone], "b.json");
    expect(statusOf(c, findings[0] as never)).toBe("new");
    expect(findings.slice(1).every((f) => statusOf(c, f) === "known")).toBe(true);
    expect(c.fixed).toEqual([gone]);
  });

  it("rejects files that are not baselines, with positions", () => {
    const bad = parseBaseline('{"findings": [\n  {"rule": "x"}\n]}', "b.json");
    expect(bad.ok ? [] : bad.diagnostics).toEqual([
      { file: "b.json", line: 2, column: 3, message: 'expected each baseline entry to have a "fingerprint" (text), got a mapping' },
    ]);
    const json = parseBaseline('{"findings": [1', "b.json");
    expect(json.ok ? [] : json.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(["1:16"]);
    const other = parseBaseline('{"version": 2}', "b.json");
    expect(other.ok ? "" : other.diagnostics[0]?.message).toContain("not a baseline file");
    const version = parseBaseline('{"schemaVersion": 9, "findings": []}', "b.json");
    expect(version.ok ? "" : version.diagnostics[0]?.message).toContain("unsupported baseline schemaVersion");
  });
});
