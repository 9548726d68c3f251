// An {api, version} entry (SPEC §8) is kept in the model but names no service until API resolution exists: no command, format or drill trips over it.
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
`,
};

describe("api entries through every command", () => {
  it("check (every format), graph and drill run and report as if the api entries were not there", () => {
    const dir = tempTree(ESTATE);
    for (const format of ["text", "json", "sarif", "junit", "markdown", "dot", "mermaid", "html"]) {
      const r = runCli(["check", ".", "--format", format], { cwd: dir });
      expect(r.stderr, format).toBe("");
      expect(r.code, format).toBe(0);
    }
    const json = JSON.parse(runCli(["check", ".", "--format", "json"], { cwd: dir }).stdout);
    expect(json.findings).toEqual([]);
    expect(json.summary.edges).toEqual({ runtime: 1, rollback: 0 });
    const graph = JSON.parse(runCli(["graph", ".", "--format", "json"], { cwd: dir }).stdout);
    expect(graph.nodes.find((n: { key: string }) => n.key === "a").attributes).toMatchObject({
      zone: "z1",
      provides: [{ api: "pay", versions: ["v1"] }],
    });
    const drill = runCli(["drill", ".", "--fail", "a,b"], { cwd: dir });
    expect(drill.code).toBe(0);
  }, 60_000);
});
