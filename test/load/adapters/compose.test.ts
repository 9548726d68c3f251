// Compose files as services (SPEC §1 adapters): depends_on in both forms, x-catch22, project names, which walked files are read, and bad input.
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../../src/load/index.js";
import type { Declaration, Entry } from "../../../src/model/types.js";
import { tempTree } from "../../helpers/cli.js";

function load(files: Record<string, string>, inputs = ["."]) {
  const dir = tempTree(files);
  return { dir, ...loadEstate(inputs, { cwd: dir }) };
}
const messages = (r: { diagnostics: { file: string; line: number; column: number; message: string }[] }) =>
  r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
const byName = (decls: Declaration[], name: string) => decls.find((d) => d.name === name) as Declaration;
const show = (e: Entry) =>
  `${e.soft ? "~" : ""}${e.names.map((n, i) => `${n}@${e.namePos[i]?.line}:${e.namePos[i]?.column}`).join(e.anyOf ? "|" : ",")}`;

describe("Compose services become services", () => {
  it("reads depends_on in list and map form; required: false is soft; the system is the project name", () => {
    const r = load({
      "app/compose.yaml": `name: shop
x-catch22: {}
services:
  web:
    image: nginx
    depends_on: [api]
  api:
    depends_on:
      db:
        condition: service_healthy
      cache:
        required: false
  db:
  cache:
    image: redis
`,
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => [d.name, d.origin, d.system, d.pos.line, d.pos.column])).toEqual([
      ["web", "compose", "shop", 4, 3],
      ["api", "compose", "shop", 7, 3],
      ["db", "compose", "shop", 13, 3],
      ["cache", "compose", "shop", 14, 3],
    ]);
    expect(byName(r.declarations, "web").runtime.map(show)).toEqual(["api@6:18"]);
    expect(byName(r.declarations, "api").runtime.map(show)).toEqual(["db@9:7", "~cache@11:7"]);
    expect(byName(r.declarations, "db").rollback).toBeUndefined();
  });

  it("names the project after the directory, as Compose does, when the file has no top-level name", () => {
    const r = load({ "My Forge_1/docker-compose.yml": "x-catch22:\nservices:\n  git: {image: gitea}\n" });
    expect(messages(r)).toEqual([]);
    expect(r.declarations[0]?.system).toBe("myforge_1");
  });

  it("reads x-catch22: rollback, soft and runtime in catch22's syntax, refining depends_on", () => {
    const r = load({
      "compose.yml": `x-catch22:
  owner: forge-admins
services:
  git:
    depends_on: [db, metrics, ci-a, ci-b]
    x-catch22:
      description: Git hosting
      tier: 0
      soft: [metrics]
      runtime:
        - anyOf: [ci-a, ci-b]
          note: either agent
      rollback:
        - deploy
        - service: backup
          note: restore
  db:
    x-catch22:
      owner: dba
      rollback: []
`,
    });
    expect(messages(r)).toEqual([]);
    const git = byName(r.declarations, "git");
    expect(git).toMatchObject({ description: "Git hosting", tier: 0, owner: "forge-admins" });
    expect(git.runtime.map(show)).toEqual(["db@5:18", "ci-a@11:19|ci-b@11:25", "~metrics@9:14"]);
    expect(git.rollback?.map(show)).toEqual(["deploy@14:11", "backup@15:20"]);
    expect(git.rollback?.[1]?.note).toBe("restore");
    expect(byName(r.declarations, "db")).toMatchObject({ owner: "dba", rollback: [] });
  });

  it("gives a service another name with x-catch22 name, and depends_on follows it", () => {
    const r = load({
      "compose.yaml": "services:\n  web:\n    depends_on: [db]\n  db:\n    x-catch22:\n      name: shop-db\n",
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["web", "shop-db"]);
    expect(byName(r.declarations, "shop-db").pos).toMatchObject({ line: 6, column: 13 });
    expect(byName(r.declarations, "web").runtime[0]?.names).toEqual(["shop-db"]);
  });
});

describe("which Compose files a walk reads", () => {
  const plain = "services:\n  web:\n    depends_on: [api]\n  api: {}\n";

  it("passes over a walked Compose file without x-catch22, and says so when nothing else is there", () => {
    const r = load({ "dev/docker-compose.yml": plain, "m.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\n" });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["a"]);
    expect(r.skipped).toContainEqual({
      file: "dev/docker-compose.yml",
      reason: "a Compose file without x-catch22 (a walk reads Compose files that have an x-catch22 field; name the file to read it anyway)",
      adapter: "compose",
    });
    const alone = load({ "dev/compose.yaml": plain });
    expect(messages(alone)).toEqual([
      '.:0:0: no catch22 manifests here (looked for *.yaml and *.yml documents with "apiVersion: catch22/v1"); passed over dev/compose.yaml: a Compose file without x-catch22 (a walk reads Compose files that have an x-catch22 field; name the file to read it anyway)',
    ]);
  });

  it("reads a Compose file without x-catch22 when it is named, or when a catch22 document extends one of its services", () => {
    const named = load({ "compose.yaml": plain }, ["compose.yaml"]);
    expect(named.declarations.map((d) => d.name)).toEqual(["web", "api"]);
    const extended = load({
      "dev/compose.yaml": plain,
      "catch22/api.yaml": "apiVersion: catch22/v1\nkind: Service\nname: api\nextends: compose\nrollback: [web]\n",
    });
    expect(messages(extended)).toEqual([]);
    expect(extended.declarations.map((d) => [d.name, d.rollback?.length])).toEqual([
      ["web", undefined],
      ["api", 1],
    ]);
    expect(extended.skipped.filter((s) => s.adapter)).toEqual([]);
  });

  it("reads a passed-over Compose document once more, and only it, when another document of the file extends it", () => {
    const r = load({
      "compose.yaml": `${plain}---\napiVersion: catch22/v1\nkind: Service\nname: api\nextends: compose\nrollback: []\n`,
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => [d.name, d.origin, d.rollback])).toEqual([
      ["web", "compose", undefined],
      ["api", "compose", []],
    ]);
  });

  it("reads only compose.y(a)ml and docker-compose.y(a)ml, not override or other Compose-like files", () => {
    const r = load({
      "compose.override.yaml": "x-catch22:\nservices:\n  web: {}\n",
      "docker-compose.prod.yml": "x-catch22:\nservices:\n  web: {}\n",
      "m.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\n",
    });
    expect(r.declarations.map((d) => d.name)).toEqual(["a"]);
  });
});

describe("bad Compose input: errors with positions and a did-you-mean", () => {
  it("reports misspelt x-catch22 keys, wrong types and bad requirements with catch22's own messages", () => {
    const r = load({
      "compose.yaml": `x-catch22:
  ownr: me
services:
  web:
    depends_on: api
    x-catch22:
      rollbak: [deploy]
      tier: 7
  api:
    depends_on:
      db:
        required: sometimes
    x-catch22:
      rollback:
        - {service: a, anyOf: [b]}
        - bad name
  db: [not, a, mapping]
  "bad name": {}
`,
    });
    expect(messages(r)).toEqual([
      `compose.yaml:2:3: unknown key "ownr" in the file's x-catch22 (did you mean "owner"?); expected one of: owner, system`,
      `compose.yaml:5:17: expected "depends_on" to be a list of service names or a mapping of them, got the text "api"`,
      `compose.yaml:7:7: unknown key "rollbak" in a Compose service's x-catch22 (did you mean "rollback"?); expected one of: name, description, owner, tier, zone, region, aliases, recovery, rto, provides, runtime, soft, rollback`,
      `compose.yaml:8:13: expected "tier" to be an integer from 0 (most critical) to 3, got the number 7`,
      `compose.yaml:12:19: expected "required" to be true or false, got the text "sometimes"`,
      `compose.yaml:15:11: a requirement has either "service" or "anyOf", not both`,
      `compose.yaml:16:11: invalid service name "bad name": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit`,
      `compose.yaml:17:7: expected Compose service "db" to be a mapping, got a list`,
      `compose.yaml:18:3: invalid Compose service name "bad name": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit`,
    ]);
  });

  it("reports services that is not a mapping", () => {
    const r = load({ "compose.yaml": "x-catch22:\nservices: [web, db]\n" });
    expect(messages(r)).toEqual(['compose.yaml:2:11: expected "services" to be a mapping of Compose services, got a list']);
  });
});
