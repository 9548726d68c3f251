// The README's rule table is generated from the rule metadata; this keeps it from drifting.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { withRuleTable } from "../../src/docs/rule-table.js";
import { ROOT } from "../helpers/cli.js";

it("README's rule table matches the rules' metadata (run npm run docs after changing a rule)", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(readme).toBe(withRuleTable(readme));
});

it("README opens with the three-line quick start", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(readme).toContain("```\nnpm install\nnpx catch22 check examples/tencent-2024\nnpm test\n```");
});
