// docs/api-contracts.md: its matching table says what the code does, cell by cell.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { labelMatches } from "../../src/api/match.js";

const DOC = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/api-contracts.md"), "utf8");

describe("docs/api-contracts.md", () => {
  it("the matching table agrees with labelMatches in every cell", () => {
    const rows = DOC.split("\n").filter((l) => l.startsWith("| "));
    const header = (rows[0] as string)
      .split("|")
      .slice(2, -1)
      .map((c) => c.trim().replaceAll("`", ""));
    expect(header).toEqual(["v1", "v2", "1.4.0", "2.0.1", "v2.1", "v1beta1", "release-2"]);
    // The doc holds one table: the header, then a row per entry version.
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThanOrEqual(10);
    for (const row of body) {
      const cells = row
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const first = cells[0] as string;
      const version = first === "none" ? undefined : (/^`([^`]*)`/.exec(first)?.[1] as string);
      header.forEach((label, i) => {
        expect(cells[i + 1] === "✔", `${first} × ${label}`).toBe(labelMatches(label, version));
      });
    }
  });
});
