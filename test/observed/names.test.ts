// SPEC §7 "Names" and "The rules" by example: the cases a user relies on, and the input errors.
import { describe, expect, it } from "vitest";
import { compareObserved, type DriftService } from "../../src/observed/drift.js";
import { compileNameRules, mapObservedTraffic, ObservedNames, suggestFor } from "../../src/observed/names.js";

const services = [
  { name: "productpage", aliases: ["bookinfo/productpage-v1"] },
  { name: "reviews", aliases: ["reviews-v1", "reviews-v2"] },
  { name: "ratings", aliases: [] },
  { name: "ratings.prod", aliases: [] },
];

describe("observed names (SPEC §7)", () => {
  const rules = compileNameRules([
    { match: "^bookinfo/(.*)-v\\d+$", to: "$1" },
    { match: "^(.*)-[0-9a-f]{9,10}-[a-z0-9]{5}$", to: "$1" },
    { match: "^bookinfo/(.*)$", to: "$1-v1" },
  ]).rules;
  const names = new ObservedNames(services, rules);
  const to = (n: string) => names.resolve(n);

  it("takes the declared name first, then an alias", () => {
    expect(to("ratings")).toEqual({ kind: "service", service: "ratings" });
    expect(to("reviews-v2")).toEqual({ kind: "service", service: "reviews" });
    expect(to("bookinfo/productpage-v1")).toEqual({ kind: "service", service: "productpage" });
  });
  it("then the first matching rule, its result mapped as a name or an alias", () => {
    expect(to("bookinfo/ratings-v1")).toEqual({ kind: "service", service: "ratings" });
    expect(to("reviews-6f6cfc45b-d9pnv")).toEqual({ kind: "service", service: "reviews" });
    // The first rule matches, its result is no name: no further rule is tried (the third would give reviews-v1).
    expect(to("bookinfo/reviews-v9")).toEqual({ kind: "service", service: "reviews" });
    expect(to("bookinfo/details-v1")).toEqual({ kind: "none" });
  });
  it("does not apply a second rule to a rule's result", () => {
    const only = new ObservedNames(
      services,
      compileNameRules([
        { match: "^x-(.*)$", to: "bookinfo/$1-v1" },
        { match: "^bookinfo/(.*)-v1$", to: "$1" },
      ]).rules,
    );
    expect(only.resolve("x-ratings")).toEqual({ kind: "none" });
  });
  it("maps a name to none when nothing matches", () => {
    expect(to("unknown")).toEqual({ kind: "none" });
  });
  it("reports a name that maps to two services as an input error naming both", () => {
    const two = new ObservedNames([
      { name: "a", aliases: ["shared"] },
      { name: "b", aliases: ["shared"] },
    ]);
    expect(two.resolve("shared")).toEqual({ kind: "ambiguous", services: ["a", "b"] });
    const t = mapObservedTraffic([{ file: "deps.json", edges: [{ from: "shared", to: "a", calls: 1, line: 7 }] }], two);
    expect(t.diagnostics).toEqual([
      { file: "deps.json", line: 7, column: 0, message: 'observed name "shared" maps to two services, a and b' },
    ]);
    expect(t.edges).toEqual([]);
  });
  it("reports an invalid regular expression at its rule", () => {
    const r = compileNameRules([{ match: "(", to: "x", pos: { file: "catch22.config.yaml", line: 4, column: 12 } }]);
    expect(r.rules).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: "catch22.config.yaml", line: 4, column: 12 });
    expect(r.diagnostics[0]?.message).toContain("invalid regular expression");
  });
  it("suggests the closest declared name or alias, and the service it stands for", () => {
    const plain = new ObservedNames(services);
    expect(suggestFor("bookinfo/productpage-v2", plain)).toEqual({ candidate: "bookinfo/productpage-v1", service: "productpage" });
    expect(suggestFor("istio/ratings", plain)).toEqual({ candidate: "ratings", service: "ratings" });
    expect(suggestFor("reviewz", plain)).toEqual({ candidate: "reviews", service: "reviews" });
    expect(suggestFor("zzzzzzzz", plain)).toBeUndefined();
  });
});

describe("drift (SPEC §7 rules)", () => {
  const pos = (line: number) => ({ file: "m.yaml", line, column: 3 });
  const estate: DriftService[] = [
    {
      name: "payments",
      pos: pos(1),
      entries: [
        { kind: "runtime", soft: false, form: "plain", names: ["db"], pos: pos(4) },
        { kind: "runtime", soft: false, form: "plain", names: ["fraud"], pos: pos(5) },
        { kind: "rollback", soft: true, form: "plain", names: ["deploy"] },
        { kind: "runtime", soft: false, form: "api", names: ["identity"] },
      ],
    },
    { name: "ledger", pos: pos(10), entries: [{ kind: "runtime", soft: false, form: "anyOf", names: ["db", "db-replica"] }] },
    { name: "db", entries: [] },
    { name: "db-replica", entries: [] },
    { name: "fraud", entries: [] },
    { name: "deploy", entries: [] },
    { name: "identity", entries: [] },
    { name: "quiet", entries: [{ kind: "runtime", soft: false, form: "plain", names: ["db"] }] },
  ];
  const names = new ObservedNames(estate.map((s) => ({ name: s.name, aliases: s.name === "ledger" ? ["ledger-svc"] : [] })));
  const traffic = mapObservedTraffic(
    [
      {
        file: "traces/deps.json",
        edges: [
          { from: "payments", to: "ledger-svc", calls: 1204 },
          { from: "payments", to: "db", calls: 10 },
          { from: "payments", to: "deploy", calls: 1 },
          { from: "payments", to: "identity", calls: 2 },
          { from: "ledger", to: "db-replica", calls: 3 },
          { from: "ledger-svc", to: "ledger", calls: 99 },
          { from: "payments", to: "paymnets", calls: 5 },
          { from: "fraud", to: "fraud", calls: 5 },
        ],
      },
      {
        file: "metrics.prom",
        edges: [
          { from: "payments", to: "ledger", calls: 6, line: 3 },
          { from: "paymnets", to: "ledger", calls: null },
        ],
      },
    ],
    names,
  );
  const drift = compareObserved(estate, traffic, names);

  it("finds X → Y that no entry of X names (soft, anyOf and api entries count), located at X's name, calls added over files", () => {
    expect(drift.undeclaredDependencies).toEqual([
      { service: "payments", dependency: "ledger", calls: 1210, observedIn: ["metrics.prom", "traces/deps.json"], location: pos(1) },
    ]);
    expect(drift.hardAdditions).toEqual([{ service: "payments", requirement: ["ledger"] }]);
  });
  it("reports a name that maps to none with its calls and a suggestion, and leaves its traffic out of the other rules", () => {
    expect(drift.undeclaredServices).toEqual([
      {
        name: "paymnets",
        calls: 5,
        observedIn: ["metrics.prom", "traces/deps.json"],
        first: { file: "traces/deps.json", line: 0 },
        suggestion: { candidate: "payments", service: "payments" },
      },
    ]);
  });
  it("finds a hard plain runtime entry whose ends were both observed but never the call, at the entry", () => {
    // fraud appears only in a self-call (dropped), quiet not at all: neither is an observed end.
    expect(drift.unobservedDependencies).toEqual([]);
    const more = mapObservedTraffic(
      [
        {
          file: "f",
          edges: [...traffic.edges, { from: "fraud", to: "db", calls: 1, observedIn: [] }].map(({ from, to, calls }) => ({
            from,
            to,
            calls,
          })),
        },
      ],
      names,
    );
    const d = compareObserved(estate, more, names);
    expect(d.unobservedDependencies).toEqual([{ service: "payments", dependency: "fraud", calls: 0, observedIn: ["f"], location: pos(5) }]);
  });
  it("counts the drift summary", () => {
    expect(drift.summary).toEqual({ observedEdges: 5, matched: 4, undeclared: 1, unobserved: 0, unknownNames: 1 });
  });
});
