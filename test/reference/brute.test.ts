// The reference implementation itself, on cases small enough to check by hand.
import { describe, expect, it } from "vitest";
import { declarations, type ServiceSpec } from "../helpers/estate.js";
import {
  bruteCatch22s,
  bruteCores,
  bruteDown,
  bruteDrill,
  bruteFindings,
  bruteModel,
  bruteNeverUp,
  modelFromRequirements,
  sorted,
} from "./brute.js";

const model = (specs: ServiceSpec[]) => bruteModel(declarations(specs));

describe("reference implementation (brute force)", () => {
  it("§2 requirements: soft entries and requirements naming an undeclared service are dropped; duplicates merge", () => {
    const m = model([
      { name: "a", runtime: ["b", { service: "c", soft: true }, { anyOf: ["b", "ghost"] }, { anyOf: ["c", "b", "c"] }], rollback: [] },
      { name: "b", rollback: ["a"] },
      { name: "c" },
      { name: "b", runtime: ["c"] },
    ]);
    expect(m.services).toEqual(["a", "b", "c"]);
    expect(m.rt.get("a")?.map((q) => q.names)).toEqual([["b"], ["b", "c"]]);
    expect(m.rt.get("b")?.map((q) => q.names)).toEqual([["c"]]);
    expect(m.rb.get("b")?.map((q) => q.names)).toEqual([["a"]]);
  });

  it("§2 Down(F): an anyOf goes down only when all its alternatives are down", () => {
    const m = model([
      { name: "x" },
      { name: "y" },
      { name: "p", runtime: [{ anyOf: ["x", "y"] }] },
      { name: "q", runtime: ["p"] },
      { name: "r", runtime: ["x"] },
    ]);
    expect(sorted(bruteDown(m, ["x"]))).toEqual(["r", "x"]);
    expect(sorted(bruteDown(m, ["x", "y"]))).toEqual(["p", "q", "r", "x", "y"]);
  });

  it("§3 cold start, cores, cycle and impacted", () => {
    const m = model([
      { name: "a", runtime: ["b"] },
      { name: "b", runtime: ["a"] },
      { name: "c", runtime: ["a", "d"] },
      { name: "d" },
      { name: "e", runtime: [{ anyOf: ["a", "d"] }] },
    ]);
    expect(sorted(bruteNeverUp(m))).toEqual(["a", "b", "c"]);
    const cores = bruteCores(m);
    expect(cores.map((c) => [c.members, c.cycle, c.impacted])).toEqual([[["a", "b"], ["a", "b", "a"], ["c"]]]);
  });

  it("§3 rollback-needs-broken: the shortest witness, through requirements wholly inside Down", () => {
    const m = model([
      { name: "x", rollback: ["c"] },
      { name: "c", runtime: [{ anyOf: ["x", "standby"] }, "b"] },
      { name: "b", runtime: ["x"] },
      { name: "standby" },
    ]);
    expect(bruteCatch22s(m).map((c) => c.path)).toEqual([["x", "c", "b", "x"]]);
  });

  it("findings: one per rule subject", () => {
    const decls = declarations([
      { name: "a", runtime: ["ghost", "a"] },
      { name: "a", rollback: ["a"] },
    ]);
    expect(
      bruteFindings(decls).map((f) => [f.rule, f.services, f.path.map((s) => `${s.from}${s.kind === "rollback" ? "=>" : "->"}${s.to}`)]),
    ).toEqual([
      ["duplicate-service", ["a"], []],
      ["missing-dependency", ["a"], ["a->ghost"]],
      ["runtime-cycle", ["a"], ["a->a"]],
      ["rollback-needs-broken", ["a"], ["a=>a"]],
    ]);
  });

  it("§4 drill: the Tencent shape is stuck, with its blast radius", () => {
    const m = model([
      { name: "cloud-api", runtime: ["config-store"], rollback: ["rollback-pipeline"] },
      { name: "config-store", rollback: [] },
      { name: "rollback-pipeline", runtime: ["cloud-api"], rollback: [] },
      { name: "tke", runtime: ["cloud-api"], rollback: [] },
    ]);
    expect(bruteDrill(m, ["cloud-api"])).toEqual({
      failed: ["cloud-api"],
      blastRadius: ["cloud-api", "rollback-pipeline", "tke"],
      waves: [],
      stuck: ["cloud-api", "rollback-pipeline", "tke"],
      stuckRoots: ["cloud-api"],
      blockedBy: [{ root: "cloud-api", requirements: [["rollback-pipeline"]] }],
    });
  });

  it("§4 drill: waves in order, each with what comes back after it", () => {
    // a's rollback needs c, which runs on b; b rolls back freely. Wave 1 rolls back b (c comes back),
    // wave 2 rolls back a (d comes back).
    const m = model([
      { name: "a", rollback: ["c"] },
      { name: "b", rollback: [] },
      { name: "c", runtime: ["b"], rollback: [] },
      { name: "d", runtime: ["a"], rollback: [] },
      { name: "e", rollback: [] },
    ]);
    expect(bruteDrill(m, ["a", "b"])).toEqual({
      failed: ["a", "b"],
      blastRadius: ["a", "b", "c", "d"],
      waves: [
        { rollback: ["b"], recovered: ["c"] },
        { rollback: ["a"], recovered: ["d"] },
      ],
      stuck: [],
      stuckRoots: [],
      blockedBy: [],
    });
  });

  it("§4 drill: a model can be given as plain requirement lists", () => {
    const m = modelFromRequirements(["api", "deploy"], new Map([["deploy", [["api"]]]]), new Map([["api", [["deploy"]]]]));
    expect(bruteDrill(m, ["api"]).stuckRoots).toEqual(["api"]);
    expect(bruteDrill(m, ["deploy"]).waves).toEqual([{ rollback: ["deploy"], recovered: [] }]);
  });

  it("§4 drill: roots that block each other stay stuck together", () => {
    const m = model([
      { name: "a", rollback: ["b"] },
      { name: "b", rollback: ["a"] },
      { name: "c", rollback: [] },
    ]);
    const r = bruteDrill(m, ["a", "b", "c"]);
    expect(r.waves).toEqual([{ rollback: ["c"], recovered: [] }]);
    expect(r.stuckRoots).toEqual(["a", "b"]);
    expect(r.stuck).toEqual(["a", "b"]);
  });
});
