// --fail names and patterns (SPEC §4): `*` within one /-separated part, `**` across, unknown names with a did-you-mean.
import { describe, expect, it } from "vitest";
import { globMatcher, type Selectable, selectServices } from "../../src/drill/select.js";

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
    expect(globMatcher("a+(b)*")("a+(b)x")).toBe(true);
    expect(globMatcher("a.b")("axb")).toBe(false);
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

  it("a pattern that would make a backtracking matcher run for ever is matched in linear time", () => {
    const name = "a".repeat(60);
    const t0 = performance.now();
    const r = selectServices([name, "b"], ["*a*a*a*a*a*a*a*aX"]);
    expect(r.ok).toBe(false);
    expect(globMatcher("*a*a*a*a*a*a*a*a")(name)).toBe(true);
    expect(globMatcher("**a**a**a**a**a**a**aX")(`${name}/${name}`)).toBe(false);
    // Exponential backtracking takes minutes here; the automaton takes well under a second.
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("`*` and `**` may match nothing, `*` never a /", () => {
    expect(globMatcher("a*b")("ab")).toBe(true);
    expect(globMatcher("a/**/b")("a//b")).toBe(true);
    expect(globMatcher("a*b")("a/b")).toBe(false);
    expect(globMatcher("a**b")("a/x/b")).toBe(true);
    expect(globMatcher("")("")).toBe(true);
    expect(globMatcher("")("a")).toBe(false);
  });
});

const ESTATE: Selectable[] = [
  { name: "api", zone: "eu-1a", region: "eu-1", system: "shop", owner: "web-team", tier: 0 },
  { name: "db", zone: "eu-1b", region: "eu-1", system: "shop", owner: "data", tier: 1 },
  { name: "dns", zone: "eu-1a", region: "eu-1", system: "net", tier: 0 },
  { name: "mail", region: "us-2", system: "comms", owner: "web-team" },
];
const sel = (...terms: string[]) => {
  const s = selectServices(ESTATE, terms);
  return s.ok ? s.ids.map((i) => ESTATE[i]?.name) : s.errors;
};

describe("--fail failure-domain selectors (SPEC §4.1)", () => {
  it("zone=, region=, system=, owner= select every service with that value", () => {
    expect(sel("zone=eu-1a")).toEqual(["api", "dns"]);
    expect(sel("region=eu-1")).toEqual(["api", "db", "dns"]);
    expect(sel("system=shop")).toEqual(["api", "db"]);
    expect(sel("owner=web-team")).toEqual(["api", "mail"]);
  });

  it("tier= compares the number as written", () => {
    expect(sel("tier=0")).toEqual(["api", "dns"]);
    expect(sel("tier=1")).toEqual(["db"]);
  });

  it("values may be patterns; `region=**` is everything that declares a region", () => {
    expect(sel("zone=eu-*")).toEqual(["api", "db", "dns"]);
    expect(sel("region=**")).toEqual(["api", "db", "dns", "mail"]);
  });

  it("selectors and names add up, each service once", () => {
    expect(sel("zone=eu-1b", "mail", "system=shop")).toEqual(["api", "db", "mail"]);
  });

  it("a selector that selects nothing is an error with a did-you-mean over the values that exist", () => {
    expect(sel("zone=eu-1c", "tier=3", "sytem=shop", "owner=nobody*")).toEqual([
      'the selector "zone=eu-1c" selects no service (did you mean "zone=eu-1a"?)',
      'the selector "tier=3" selects no service (did you mean "tier=0"?)',
      '"sytem=" is not a selector (did you mean "system="?); the selectors are zone=, region=, system=, owner=, tier=',
      'the selector "owner=nobody*" selects no service; the owner values are data, web-team',
    ]);
    expect(selectServices(["a"], ["zone=x"])).toEqual({
      ok: false,
      errors: ['the selector "zone=x" selects nothing: no service declares a zone'],
    });
  });
});
