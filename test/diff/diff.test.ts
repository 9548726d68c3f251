// diffFindings: matched by fingerprint, so a finding that only moved (new path, new line) is neither introduced nor resolved.
import { describe, expect, it } from "vitest";
import { diffFindings } from "../../src/diff/diff.js";
import { analyse, declarations } from "../helpers/estate.js";

describe("diffFindings", () => {
  it("introduced = head only, resolved = base only, unchanged = both, whatever moved in between", () => {
    const base = analyse(
      declarations([
        { name: "a", runtime: ["b"], rollback: ["a"] },
        { name: "b", runtime: [], rollback: [] },
      ]),
    );
    const head = analyse(
      declarations([
        { name: "x", rollback: [] },
        { name: "a", runtime: ["c"], rollback: ["c"] },
        { name: "c", runtime: ["a"], rollback: [] },
      ]),
    );
    const d = diffFindings(base, head);
    expect(d.unchanged.map((f) => `${f.rule} ${f.services}`)).toEqual(["rollback-needs-broken a"]);
    expect(d.unchanged[0]?.path).toHaveLength(2);
    expect(d.introduced.map((f) => `${f.rule} ${f.services}`)).toEqual(["runtime-cycle a,c"]);
    expect(diffFindings(head, base).resolved).toEqual(d.introduced);
    expect(diffFindings(head, head)).toEqual({ introduced: [], resolved: [], unchanged: head });
  });
});
