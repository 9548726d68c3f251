// --fail names and patterns (SPEC §4): `*` within one /-separated part, `**` across, unknown names with a did-you-mean.
import { describe, expect, it } from "vitest";
import { patternRegExp, selectServices } from "../../src/drill/select.js";

const NAMES = ["a.b", "ab", "pay/api", "pay/db", "pay/eu/api", "payments", "web"];
const pick = (...terms: string[]) => {
  const s = selectServices(NAMES, terms);
  return s.ok ? s.ids.map((i) => NAMES[i]) : s.errors;
};

describe("--fail selection", () => {
  it("`*` matches within one part of a name, never across a /", () => {
    expect(pick("pay/*")).toEqual(["pay/api", "pay/db"]);
    expect(pick("*")).toEqual(["a.b", "ab", "payments", "web"]);
    expect(pick("pay*")).toEqual(["payments"]);
  });

  it("`**` matches across parts", () => {
    expect(pick("pay/**")).toEqual(["pay/api", "pay/db", "pay/eu/api"]);
    expect(pick("**/api")).toEqual(["pay/api", "pay/eu/api"]);
    expect(pick("**")).toEqual(NAMES);
  });

  it("other characters of a pattern are literal (a dot is a dot)", () => {
    expect(pick("a.*")).toEqual(["a.b"]);
    expect(patternRegExp("a+(b)*").test("a+(b)x")).toBe(true);
  });

  it("names and patterns add up, each service once, in name order", () => {
    expect(pick("web", "pay/*", "pay/api")).toEqual(["pay/api", "pay/db", "web"]);
  });

  it("every unknown name and every empty pattern is reported, with a did-you-mean where one is close", () => {
    expect(pick("wep", "pey/*", "zzz/**", "web")).toEqual([
      'no service is named "wep" (did you mean "web"?)',
      'the pattern "pey/*" matches no service (did you mean "pay/*"?)',
      'the pattern "zzz/**" matches no service',
    ]);
  });
});
