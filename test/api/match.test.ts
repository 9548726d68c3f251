// SPEC §8 matching table: which provided labels serve which entry versions, read with npm's semver.
import { describe, expect, it } from "vitest";
import { compileVersion, isVersionRange, labelMatches, labelVersion, readLabel } from "../../src/api/match.js";

const LABELS = ["v1", "v2", "1.4.0", "2.0.1", "v2.1", "v2.3", "v1beta1", "release-2"] as const;
// One row per entry version; a column per label above. "none" is an entry without `version`.
const TABLE: [version: string | undefined, matches: string[]][] = [
  ["v1", ["v1", "1.4.0"]],
  ["v2", ["v2", "2.0.1", "v2.1", "v2.3"]],
  ["^1.2", ["1.4.0"]],
  ["^1.4", ["1.4.0"]],
  [">=2 <3", ["v2", "2.0.1", "v2.1", "v2.3"]],
  ["~2.1", ["v2.1"]],
  ["1.4.0", ["1.4.0"]],
  ["2.0.1", ["2.0.1"]],
  [undefined, [...LABELS]],
  // Not ranges: only an equal label.
  ["v1beta1", ["v1beta1"]],
  ["release-2", ["release-2"]],
  ["=>2", []],
  // semver's grammar, not ours: x is a wildcard, so ">=x" is "*", every numeric label.
  [">=x", ["v1", "v2", "1.4.0", "2.0.1", "v2.1", "v2.3"]],
];

describe("SPEC §8 label matching", () => {
  for (const [version, matches] of TABLE) {
    it(`an entry with ${version === undefined ? "no version" : `version "${version}"`} is served by ${matches.join(", ") || "no label"}`, () => {
      expect(LABELS.filter((l) => labelMatches(l, version))).toEqual(matches);
      const compiled = compileVersion(version);
      expect(LABELS.filter((l) => compiled.matches(readLabel(l)))).toEqual(matches);
      expect(compiled.isRange).toBe(version === undefined || isVersionRange(version));
    });
  }

  it("a label of the form v?N[.N[.N]] stands for a version number: v1 is 1.0.0, v2.3 is 2.3.0", () => {
    expect(labelVersion("v1")).toBe("1.0.0");
    expect(labelVersion("v2.3")).toBe("2.3.0");
    expect(labelVersion("1.4.0")).toBe("1.4.0");
    expect(labelVersion("0")).toBe("0.0.0");
    for (const other of ["v1beta1", "release-2", "V1", "v01", "1.2.3.4", "v1.", "1.4.0-rc.1", " v1", "vv1", "99999999999999999999"]) {
      expect(labelVersion(other), other).toBeNull();
    }
  });

  it("a label of another form matches only an equal version, even one that reads as a range", () => {
    expect(labelMatches("V1", "v1")).toBe(false);
    expect(labelMatches("v01", "v1")).toBe(false);
    expect(labelMatches("1.4.0-rc.1", ">=1")).toBe(false);
    expect(labelMatches("1.4.0-rc.1", "1.4.0-rc.1")).toBe(true);
  });

  it("an equal label matches even when the version is not a range", () => {
    expect(labelMatches("=>2", "=>2")).toBe(true);
    expect(labelMatches("v2", "=>2")).toBe(false);
  });

  it("v1.0.0 and v1 are the same version number, so each serves the other's range", () => {
    expect(labelMatches("v1.0.0", "v1")).toBe(true);
    expect(labelMatches("v1", "1.0.0")).toBe(true);
    expect(labelMatches("v1", "v1.0.1")).toBe(false);
  });

  it("semver ranges of every shape npm reads: x-ranges, hyphens, unions, ~>", () => {
    expect(labelMatches("v1.7", "1.x")).toBe(true);
    expect(labelMatches("v3", "1 - 2")).toBe(false);
    expect(labelMatches("v2.9", "1 - 2")).toBe(true);
    expect(labelMatches("v3", "v1 || v3")).toBe(true);
    expect(labelMatches("v1.9", "~>1")).toBe(true);
  });

  it("tells a semver range from a version that is not one", () => {
    for (const r of ["v1", "^1.2", ">=2 <3", "~2.1", "1.4.0", ">=x", "1.x", "*"]) expect(isVersionRange(r), r).toBe(true);
    for (const r of ["=>2", "v1beta1", "release-2", "latest", "V1", "1.2.3.4"]) expect(isVersionRange(r), r).toBe(false);
  });
});
