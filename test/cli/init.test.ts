// `catch22 init` as a user runs it: manifests from Backstage and Compose that give the same graph, never written over a file.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../src/load/index.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Entry } from "../../src/model/types.js";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";

/** Each service's requirements as text, order-free: `runtime a|b ~c` (anyOf with |, soft with ~). */
function graph(inputs: string[], cwd: string) {
  const load = loadEstate(inputs, { cwd, readAllAdapterFiles: true });
  expect(load.diagnostics).toEqual([]);
  const req = (e: Entry) => `${e.soft ? "~" : ""}${[...e.names].sort().join("|")}`;
  return buildEstate(load.declarations).services.map((s) => ({
    name: s.name,
    owner: s.owner,
    system: s.system,
    tier: s.tier,
    runtime: s.runtime.map(req).sort(),
    rollback: s.rollbackDeclared ? s.rollback.map(req).sort() : "undeclared",
  }));
}

/** The findings of `check --format json`, without positions. */
function findings(args: string[], cwd: string) {
  const r = runCli(["check", ...args, "--format", "json"], { cwd });
  return JSON.parse(r.stdout).findings.map((f: { rule: string; fingerprint: string; message: string; path: unknown }) => [
    f.rule,
    f.fingerprint,
    f.message,
    f.path,
  ]);
}

describe("catch22 init round-trips", () => {
  for (const example of ["examples/backstage", "examples/compose"]) {
    it(`writes manifests for ${example} that give the same runtime and rollback graph and the same findings`, () => {
      const out = tempTree({});
      const r = runCli(["init", example, "-o", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^wrote /m);
      expect(graph(["."], out)).toEqual(graph([example], ROOT));
      const before = findings([example], ROOT);
      expect(before.some((f: string[]) => f[0] === "rollback-needs-broken")).toBe(true);
      expect(findings(["."], out)).toEqual(before);
    });
  }

  it("round-trips a plain Compose file (no x-catch22) and asks each owner for the rollback in a comment", () => {
    const dir = tempTree({
      "app/docker-compose.yml":
        "services:\n  web:\n    depends_on: [api]\n  api:\n    depends_on:\n      db: {condition: service_healthy}\n      cache: {required: false}\n  db: {}\n  cache: {}\n",
    });
    const r = runCli(["init", "app", "-o", "catch22"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("4 manifests written to catch22; 4 owners to ask what their rollback needs");
    expect(
      fs.readFileSync(path.join(dir, "catch22/api.yaml"), "utf8"),
    ).toBe(`# Written by \`catch22 init\` from the Compose service at app/docker-compose.yml:4:3.
# It replaces that Compose service for catch22: check this directory on its own.
apiVersion: catch22/v1
kind: Service
name: api
system: app
runtime:
  - db
  - service: cache
    soft: true
# TODO(owner): what must be up to roll back, redeploy or reconfigure api?
# List it and uncomment the lines below; "rollback: []" means it needs nothing.
# rollback:
#   - <service>
`);
    expect(graph(["catch22"], dir)).toEqual(graph(["app"], dir));
  });

  it("writes a namespaced entity to a sub-directory and quotes names YAML would read as something else", () => {
    const dir = tempTree({
      "catalog-info.yaml":
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n  namespace: billing\n  description: 'costs: 100%'\nspec:\n  dependsOn: [component:default/true, component:default/1e3]\n",
    });
    expect(runCli(["init", ".", "-o", "out"], { cwd: dir }).code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "out/billing/ledger.yaml"), "utf8");
    expect(text).toContain('description: "costs: 100%"\n');
    expect(text).toContain('  - "true"\n  - "1e3"\n');
    expect(graph(["out"], dir).find((s) => s.name === "billing/ledger")?.runtime).toEqual(["1e3", "true"]);
  });

  it("keeps every file inside -o, even for names with .. or empty parts, and still round-trips", () => {
    const dir = tempTree({
      "app/compose.yaml":
        'services:\n  web:\n    depends_on: [api, "a//b", "a/b"]\n    x-catch22: {name: "a/../../escaped"}\n  "x/../../../escaped2": {image: x}\n  api: {}\n  "a//b": {}\n  "a/b": {}\n',
    });
    const r = runCli(["init", "app", "-o", "out"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const written: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else written.push(path.relative(dir, full));
      }
    };
    walk(dir);
    expect(written.filter((f) => !f.startsWith("out/") && f !== "app/compose.yaml")).toEqual([]);
    expect(graph(["out"], dir).map((s) => s.name)).toEqual(graph(["app"], dir).map((s) => s.name));
  });
});

describe("catch22 init never overwrites a file", () => {
  it("exits 2 naming the file that exists, and writes nothing", () => {
    const dir = tempTree({ "out/storefront.yaml": "mine\n" });
    const r = runCli(["init", path.join(ROOT, "examples/backstage"), "-o", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "catch22: out/storefront.yaml already exists; catch22 init never overwrites a file (nothing was written; --skip-existing writes the others)\n",
    );
    expect(fs.readdirSync(path.join(dir, "out"))).toEqual(["storefront.yaml"]);
    expect(fs.readFileSync(path.join(dir, "out/storefront.yaml"), "utf8")).toBe("mine\n");
  });

  it("with --skip-existing, keeps the file and writes the others", () => {
    const dir = tempTree({ "out/storefront.yaml": "mine\n" });
    const r = runCli(["init", path.join(ROOT, "examples/backstage"), "-o", "out", "--skip-existing"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("kept out/storefront.yaml (it exists)\n");
    expect(r.stdout).toContain("11 manifests written to out");
    expect(fs.readFileSync(path.join(dir, "out/storefront.yaml"), "utf8")).toBe("mine\n");
    expect(fs.readdirSync(path.join(dir, "out"))).toHaveLength(12);
  });
});

describe("catch22 init --extends", () => {
  it("writes extends documents only for services without a declared rollback; filled in, they are checked with the input", () => {
    const dir = tempTree({ "compose.yaml": "services:\n  web:\n    depends_on: [api]\n  api:\n    x-catch22:\n      rollback: []\n" });
    const r = runCli(["init", ".", "-o", "catch22", "--extends"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, "catch22"))).toEqual(["web.yaml"]);
    const file = path.join(dir, "catch22/web.yaml");
    expect(fs.readFileSync(file, "utf8")).toContain("name: web\nextends: compose\n# TODO(owner)");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("# rollback:\n#   - <service>", "rollback: [web]"));
    const check = runCli(["check", "."], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/web ⇒ web\s+catch22\/web\.yaml:9:12/);
  });
});

describe("catch22 init: bad input exits 2", () => {
  it("without -o, with no Backstage or Compose services, and on an input error", () => {
    expect(runCli(["init", "examples/compose"]).code).toBe(2);
    // catch22 input is not an error: it is said to be catch22 already (test/cli/init-scaffold.test.ts).
    const none = runCli(["init", "examples/tencent-2024", "-o", tempTree({})]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("examples/tencent-2024 already holds catch22 manifests");
    const bad = tempTree({ "compose.yaml": "services:\n  web:\n    depends_on: 7\n" });
    const r = runCli(["init", ".", "-o", "out"], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'compose.yaml:3:17: expected "depends_on" to be a list of service names or a mapping of them, got the number 7',
    );
    expect(fs.existsSync(path.join(bad, "out"))).toBe(false);
  });
});

describe("catch22 init leaves nothing out and writes values only through YAML (issue 11)", () => {
  it("keeps both declarations of a name declared twice, so check of its output reports duplicate-service too", () => {
    const dir = tempTree({
      "catalog-info.yaml": `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: backstage}
spec: {type: website, owner: team-a, dependsOn: [component:db]}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: backstage}
spec: {type: service, owner: other}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: db}
spec: {type: service, owner: team-a}
`,
    });
    const rules = (args: string[]) =>
      JSON.parse(runCli(["check", ...args, "--format", "json"], { cwd: dir }).stdout).findings.map((f: { rule: string }) => f.rule);
    const before = rules(["."]);
    const graphBefore = graph(["."], dir);
    expect(before).toContain("duplicate-service");
    const r = runCli(["init", ".", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: backstage is declared 2 times in the input; out/backstage.yaml holds every declaration");
    expect(rules(["out"])).toEqual(before);
    expect(graph(["out"], dir)).toEqual(graphBefore);
  });

  it("an owner holding line breaks and YAML stays a value: no live `rollback: []` line, rollback-undeclared stays", () => {
    const owner = "team-a): x\nrollback: []\n# (";
    const dir = tempTree({
      "compose.yaml": `services:\n  db:\n    image: x\n    x-catch22:\n      owner: ${JSON.stringify(owner)}\n  cache:\n    image: y\n    x-catch22:\n      owner: "x\\ry: 1\\u0085z: 2"\n`,
    });
    const r = runCli(["init", ".", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "out/db.yaml"), "utf8");
    expect(text).not.toMatch(/^rollback:/m);
    const load = loadEstate(["out"], { cwd: dir });
    expect(load.diagnostics).toEqual([]);
    const services = buildEstate(load.declarations).services;
    expect(services.find((s) => s.name === "db")).toMatchObject({ owner, rollbackDeclared: false });
    expect(services.find((s) => s.name === "cache")).toMatchObject({ owner: "x\ry: 1\u0085z: 2", rollbackDeclared: false });
    const check = JSON.parse(runCli(["check", "out", "--format", "json"], { cwd: dir }).stdout);
    expect(check.findings.filter((f: { rule: string }) => f.rule === "rollback-undeclared")).toHaveLength(2);
  });
});
