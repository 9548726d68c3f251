// Backstage API entities (SPEC §8, docs/api-contracts.md): an OpenAPI definition's info.version is the version the API's providers provide.
import { describe, expect, it } from "vitest";
import { openApiVersion } from "../../../src/load/formats/backstage-definition.js";
import { runCli, tempTree } from "../../helpers/cli.js";

const OPENAPI = "openapi: 3.0.3\ninfo: {title: P, version: 1.4.2}\npaths: {}\n";

function api(name: string, definition: string): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\nspec:\n  type: openapi\n  owner: t\n  definition: ${definition}\n---\n`;
}
const PROVIDER = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec:
  type: service
  owner: t
  providesApis: [payments-api]
`;

function provided(dir: string, path = "."): unknown {
  const graph = JSON.parse(runCli(["graph", path, "--format", "json"], { cwd: dir }).stdout);
  return graph.nodes.find((n: { key: string }) => n.key === "payments").attributes.provides;
}

describe("Backstage API definitions give the provided version", () => {
  it("reads info.version from a $text reference beside the entity and from inline JSON text; other definitions give any version", () => {
    const r = runCli(["check", "test/fixtures/backstage-api", "--format", "json"]);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    const unprovided = json.findings.filter((f: { rule: string }) => f.rule === "api-unprovided");
    // checkout's ^1.4 (1.4.2), v2 (ledger's inline definition) and v9 of the AsyncAPI one (any version) are served; refunds' ^2 is not.
    expect(unprovided.map((f: { services: string[]; missing: string }) => `${f.services[0]} ${f.missing}`)).toEqual([
      "refunds api:payments-api@^2",
    ]);
    expect(unprovided[0].provided).toEqual([{ service: "payments", versions: ["1.4.2"] }]);
    const graph = JSON.parse(runCli(["graph", "test/fixtures/backstage-api", "--format", "json"]).stdout);
    expect(graph.nodes.find((n: { key: string }) => n.key === "payments").attributes.provides).toEqual([
      { api: "api:payments-api", versions: ["1.4.2"] },
      { api: "api:ledger-api", versions: ["v2"] },
      { api: "api:events-api" },
    ]);
  });

  it("follows a $text reference only inside the repository: not past its root, not an absolute path, not a URL", () => {
    const dir = tempTree({
      "outside/openapi.yaml": OPENAPI,
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/inside/openapi.yaml": OPENAPI,
      "repo/cat/up.yaml": `${api("payments-api", "{$text: ../inside/openapi.yaml}")}${PROVIDER}`,
    });
    expect(provided(dir, "repo")).toEqual([{ api: "api:payments-api", versions: ["1.4.2"] }]);
    for (const ref of ["../../outside/openapi.yaml", `${dir}/outside/openapi.yaml`, "https://example.com/openapi.yaml"]) {
      const d = tempTree({
        "outside/openapi.yaml": OPENAPI,
        "repo/.git/HEAD": "ref: refs/heads/main\n",
        "repo/cat/up.yaml": `${api("payments-api", `{$text: "${ref}"}`)}${PROVIDER}`,
      });
      expect(provided(d, "repo"), ref).toEqual([{ api: "api:payments-api" }]);
    }
  });

  it("takes info.version of OpenAPI 3 and Swagger 2.0 documents only", () => {
    expect(openApiVersion(OPENAPI)).toBe("1.4.2");
    expect(openApiVersion('{"swagger": "2.0", "info": {"version": "v3"}}')).toBe("v3");
    expect(openApiVersion("asyncapi: 2.6.0\ninfo: {version: 1.0.0}\n")).toBeUndefined();
    expect(openApiVersion("openapi: 3.0.0\ninfo: {title: no version}\n")).toBeUndefined();
    expect(openApiVersion("openapi: 3.0.0\ninfo: {version: 2}\n")).toBeUndefined();
    expect(openApiVersion(": not yaml: [")).toBeUndefined();
  });
});
