// The rule table is the list of rules: in rule id order (manifest-invalid first among the metadata), so every listing derived from it is too.
import { expect, it } from "vitest";
import { ruleMetas, rules } from "../../src/rules/index.js";
import { byCodeUnit } from "../../src/util/order.js";

it("lists the rules in rule id order, and their metadata with manifest-invalid first, then the same order", () => {
  const ids = rules.map((r) => r.meta.id);
  expect(ids).toEqual([...ids].sort(byCodeUnit));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ruleMetas.map((m) => m.id)).toEqual(["manifest-invalid", ...ids]);
});
