// The report context's sections: a format reads what it declares, and only SARIF asks for the repository root (git runs for no other).
import { describe, expect, it } from "vitest";
import { formats } from "../../src/report/index.js";
import { declarations } from "../helpers/estate.js";
import { contextOf } from "../helpers/report.js";

describe("report context", () => {
  it("asks for the repository root only when a format needs it (SARIF), once, whatever the format is called", () => {
    const asked: string[] = [];
    // html inlines the built app (dist/web), which the sources under test have not: its type reads no `where`.
    for (const format of formats.filter((f) => f.id !== "html")) {
      let calls = 0;
      const ctx = contextOf(declarations([{ name: "a", runtime: ["b"], rollback: ["a"] }]), {
        where: {
          cwd: "/repo/sub",
          repoRoot: () => {
            calls++;
            return "/repo";
          },
        },
      });
      const out = format.render(ctx);
      if (calls > 0) asked.push(format.id);
      expect(calls).toBeLessThanOrEqual(1);
      if (format.id === "sarif") expect(out).toContain('"uri": "sub/estate.yaml"');
    }
    expect(asked).toEqual(["sarif"]);
  });
});
