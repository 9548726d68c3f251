// {api, version} entries (SPEC §8) through every command: resolved to their providers, api-unprovided in every format, the Tencent diff.
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

const ESTATE = {
  "a.yaml": `apiVersion: catch22/v1
kind: Service
name: a
zone: z1
provides: [{api: pay, versions: [v1]}]
runtime:
  - api: id
    version: v2
  - b
rollback:
  - {api: deploy, soft: true}
---
apiVersion: catch22/v1
kind: Service
name: b
rollback:
  - api: deploy
  - api: pay
    version: ">=x"
---
apiVersion: catch22/v1
kind: Service
name: c
provides: [{api: pay, versions: [v1, v2]}]
runtime:
  - {api: pay, version: "^1"}
rollback: []
`,
};

describe("api entries through every command", () => {
  it("check: an entry nobody provides is an api-unprovided error in every format, located at its api scalar, soft ones included", () => {
    const dir = tempTree(ESTATE);
    for (const format of ["text", "json", "sarif", "junit", "markdown", "dot", "mermaid", "html"]) {
      const r = runCli(["check", ".", "--format", format], { cwd: dir });
      expect(r.stderr, format).toBe("");
      expect(r.code, format).toBe(1);
      if (format === "sarif") expect(r.stdout).toContain('"ruleId": "api-unprovided"');
      if (format === "junit" || format === "markdown" || format === "text")
        expect(r.stdout, format).toContain("a needs id@v2, but no service provides id");
    }
    const json = JSON.parse(runCli(["check", ".", "--format", "json"], { cwd: dir }).stdout);
    const unprovided = json.findings.filter((f: { rule: string }) => f.rule === "api-unprovided");
    expect(unprovided.map((f: { services: string[]; missing: string }) => `${f.services[0]} ${f.missing}`)).toEqual([
      "a deploy",
      "a id@v2",
      "b deploy",
    ]);
    expect(unprovided[1]).toMatchObject({
      severity: "error",
      path: [],
      locations: [{ file: "a.yaml", line: 7, column: 10 }],
      provided: [],
    });
    // `>=x` is a semver range (x is a wildcard), so a and c, which provide v1 labels, serve it.
    expect(json.findings.some((f: { missing?: string }) => f.missing === "pay@>=x")).toBe(false);
    // c's `pay@^1` is served by a (c itself is never its own provider): a plain requirement, an edge c → a.
    const graph = JSON.parse(runCli(["graph", ".", "--format", "json"], { cwd: dir }).stdout);
    expect(graph.edges.find((e: { key: string }) => e.key === "runtime:c->a").attributes).toMatchObject({ api: "pay@^1" });
    expect(graph.edges.find((e: { key: string }) => e.key === "rollback:b->a").attributes).toMatchObject({ api: "pay@>=x", anyOf: true });
    expect(graph.nodes.find((n: { key: string }) => n.key === "a").attributes).toMatchObject({
      zone: "z1",
      provides: [{ api: "pay", versions: ["v1"] }],
    });
    const drill = runCli(["drill", ".", "--fail", "a,b"], { cwd: dir });
    expect(drill.stderr).toBe("");
  }, 60_000);

  it("a version that is not a range matches only an equal label, and the message says it is not a range", () => {
    const dir = tempTree({
      "a.yaml": `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: p
    provides: [{api: pay, versions: [v1, v2]}]
  - name: q
    runtime: [{api: pay, version: "=>2"}]
`,
    });
    const json = JSON.parse(runCli(["check", ".", "--format", "json"], { cwd: dir }).stdout);
    const f = json.findings.find((x: { rule: string }) => x.rule === "api-unprovided");
    expect(f.message).toBe('q needs pay@=>2, but no service provides that label ("=>2" is not a semver range); provided: p v1, v2');
    expect(f.provided).toEqual([{ service: "p", versions: ["v1", "v2"] }]);
  });
});

describe("diff on the Tencent example (SPEC §8)", () => {
  it("shows both halves: the release stops serving cloud-api v1, and rolling back cloud-api needs cloud-api", () => {
    const r = runCli(["diff", "examples/tencent-2024", "--", "examples/tencent-2024-release"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("introduced (7)");
    expect(r.stdout).toContain(
      "  ✖ scf needs cloud-api@v1, but no service provides a matching version; provided: cloud-api v2 [api-unprovided]\n" +
        "      this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it; and rolling back cloud-api needs cloud-api\n" +
        "      examples/tencent-2024-release/paas.yaml:36:21\n",
    );
    expect(r.stdout).toContain("7 findings introduced, 0 resolved, 1 unchanged");
    const j = JSON.parse(runCli(["diff", "--format", "json", "examples/tencent-2024", "--", "examples/tencent-2024-release"]).stdout);
    expect(j.introduced).toHaveLength(7);
    expect(j.introduced[0]).toMatchObject({
      rule: "api-unprovided",
      services: ["api-gateway"],
      missing: "cloud-api@v1",
      provided: [{ service: "cloud-api", versions: ["v2"] }],
      providedInBase: [{ service: "cloud-api", versions: ["v1", "v2"] }],
      note: "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it; and rolling back cloud-api needs cloud-api",
    });
    const md = runCli(["diff", "--format", "markdown", "examples/tencent-2024", "--", "examples/tencent-2024-release"]).stdout;
    const rows = md.split("\n").filter((l) => l.startsWith("| ✖"));
    expect(rows[0]).toContain("`api-unprovided`");
    expect(rows[0]).toContain("this change stops serving cloud-api v1");
  }, 60_000);

  it("check on the release: the seven api-unprovided errors first, then the catch-22 whose witness names the api", () => {
    const r = runCli(["check", "examples/tencent-2024-release"]);
    expect(r.code).toBe(1);
    expect(r.stdout.indexOf("api-unprovided (7 errors)")).toBeLessThan(r.stdout.indexOf("rollback-needs-broken (1 error)"));
    expect(r.stdout).toMatch(
      /rollback-pipeline → cloud-api@v2 \(provided by cloud-api\)\s+examples\/tencent-2024-release\/control-plane\.yaml:54:10/,
    );
  });
});
