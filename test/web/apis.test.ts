// The page's APIs (SPEC §8): providers and consumers of each api, and the `api:` search over them.
import { describe, expect, it } from "vitest";
import { analyzePaths } from "../../src/analyze.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel } from "../../src/report/view-model.js";
import { apiMatches, apiQuery, apiUses } from "../../web/panels/apis.js";

function model(paths: string[]) {
  const r = analyzePaths(paths);
  if (!r.ok) throw new Error("input errors");
  const { estate, graph, findings } = r.analysis;
  return buildViewModel(estate, findings, summarize(graph, findings), paths);
}

describe("the web view's APIs", () => {
  const m = model(["examples/tencent-2024"]);

  it("lists each api's providers with their versions and its consumers with the version they name", () => {
    const u = apiUses(m).get("cloud-api");
    expect(u?.providers).toEqual([{ service: "cloud-api", versions: ["v1", "v2"] }]);
    expect(u?.consumers.map((c) => `${c.service} ${c.ref}`)).toContain("scf cloud-api@v1");
    expect(u?.consumers.map((c) => `${c.service} ${c.ref}`)).toContain("rollback-pipeline cloud-api@v2");
  });

  it("api:<name> finds the providers and consumers of the apis whose name contains it", () => {
    expect(apiQuery("api:Cloud")).toBe("cloud");
    expect(apiQuery("cloud")).toBeUndefined();
    expect(apiMatches(apiUses(m), "cloud")).toEqual([
      "api-gateway",
      "cdb",
      "cloud-api",
      "cls",
      "cvm",
      "rollback-pipeline",
      "scf",
      "tke",
      "web-console",
    ]);
    expect(apiMatches(apiUses(m), "nothing")).toEqual([]);
  });

  it("draws the resolved edges with their api", () => {
    expect(m.edges.find((e) => e.from === "scf" && e.to === "cloud-api")).toMatchObject({ kind: "runtime", api: "cloud-api@v1" });
    expect(m.services.find((s) => s.name === "scf")?.runtime[0]).toMatchObject({ api: "cloud-api@v1", names: ["cloud-api"] });
  });
});
