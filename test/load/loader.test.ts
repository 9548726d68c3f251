// SPEC §1: reading manifests — what is read, what is skipped, and every kind of bad input, each with a position.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../src/load/index.js";
import { tempTree } from "../helpers/cli.js";

const svc = (name: string, extra = "") => `apiVersion: catch22/v1\nkind: Service\nname: ${name}\n${extra}`;

function load(files: Record<string, string | Buffer>, inputs = ["."]) {
  const dir = tempTree(files);
  return { dir, ...loadEstate(inputs, { cwd: dir }) };
}

function messages(r: { diagnostics: { file: string; line: number; column: number; message: string }[] }) {
  return r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

describe("§1 manifests that are read", () => {
  it("reads Service and ServiceList documents with the position of every name and entry", () => {
    const r = load({
      "a.yaml": `apiVersion: catch22/v1
kind: Service
name: cloud-api
description: API
owner: platform
system: cp
tier: 0
runtime:
  - config-store
  - service: metrics
    soft: true
    note: telemetry
  - anyOf: [dns-a, dns-b, dns-a]
rollback:
  - cloud-api
---
---
apiVersion: catch22/v1
kind: ServiceList
services:
  - name: config-store
    rollback: []
  - name: metrics
`,
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["cloud-api", "config-store", "metrics"]);
    const api = r.declarations[0];
    expect(api).toMatchObject({
      description: "API",
      owner: "platform",
      system: "cp",
      tier: 0,
      pos: { file: "a.yaml", line: 3, column: 7 },
    });
    expect(api?.runtime.map((e) => [e.names, e.anyOf, e.soft, e.namePos.map((p) => `${p.line}:${p.column}`)])).toEqual([
      [["config-store"], false, false, ["9:5"]],
      [["metrics"], false, true, ["10:14"]],
      [["dns-a", "dns-b"], true, false, ["13:13", "13:20"]],
    ]);
    expect(api?.runtime[1]?.note).toBe("telemetry");
    expect(api?.rollback?.[0]?.namePos[0]).toMatchObject({ line: 15, column: 5 });
    expect(r.declarations[1]?.rollback).toEqual([]);
    expect(r.declarations[2]?.rollback).toBeUndefined();
  });

  it("treats constructor, toString and __proto__-like names as ordinary names", () => {
    const r = load({ "a.yaml": svc("constructor", "runtime: [toString, hasOwnProperty, prototype]\n") });
    expect(messages(r)).toEqual([]);
    expect(r.declarations[0]?.runtime.map((e) => e.names[0])).toEqual(["toString", "hasOwnProperty", "prototype"]);
  });

  it("keeps positions through aliases used for shared rollback lists", () => {
    const r = load({
      "a.yaml": `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: a
    rollback: &common
      - deploy
  - name: b
    rollback: *common
`,
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations[1]?.rollback?.[0]?.namePos[0]).toMatchObject({ line: 6, column: 9 });
  });

  it("walks directories recursively in sorted order, skipping node_modules, dot-directories and other YAML", () => {
    const r = load({
      "b/x.yml": svc("x"),
      "a/y.yaml": svc("y"),
      "node_modules/pkg/z.yaml": svc("z"),
      ".hidden/w.yaml": svc("w"),
      "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
      "broken.yaml": "key: [unclosed\n",
      "notes.txt": "apiVersion: catch22/v1",
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.pos.file)).toEqual(["a/y.yaml", "b/x.yml"]);
    expect(r.skipped.map((s) => s.file)).toEqual(expect.arrayContaining([".hidden", "node_modules", "k8s/deploy.yaml", "broken.yaml"]));
  });

  it("reads a file reached twice once, and never loops on symbolic link cycles", () => {
    const dir = tempTree({ "m/a.yaml": svc("a") });
    fs.symlinkSync(path.join(dir, "m"), path.join(dir, "m", "loop"));
    fs.symlinkSync(path.join(dir, "m", "a.yaml"), path.join(dir, "alias.yaml"));
    fs.symlinkSync(path.join(dir, "self"), path.join(dir, "self"));
    const r = loadEstate([".", "m", "m/a.yaml"], { cwd: dir });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["a"]);
  });

  it("reads each file of a folder tree once when the tree is also reached through linked folders, at any depth", () => {
    // The walk derives a plain folder's or file's real path from its parent's; only links are resolved.
    const dir = tempTree({ "real/a.yaml": svc("a"), "real/sub/b.yaml": svc("b"), "real/sub/deep/c.yaml": svc("c") });
    fs.symlinkSync(path.join(dir, "real"), path.join(dir, "via"));
    fs.mkdirSync(path.join(dir, "other"));
    fs.symlinkSync(path.join(dir, "real", "sub"), path.join(dir, "other", "sub-link"));
    fs.symlinkSync(path.join(dir, "real", "sub", "deep", "c.yaml"), path.join(dir, "other", "c-link.yaml"));
    for (const inputs of [["."], ["via", "real", "other"], ["other", "via/sub/deep", "."]]) {
      const r = loadEstate(inputs, { cwd: dir });
      expect(messages(r)).toEqual([]);
      expect(r.declarations.map((d) => d.name).sort()).toEqual(["a", "b", "c"]);
    }
    // each file shown under the first of its paths in plain string order
    const all = loadEstate(["."], { cwd: dir });
    expect(all.declarations.map((d) => d.pos.file).sort()).toEqual(["other/c-link.yaml", "other/sub-link/b.yaml", "real/a.yaml"]);
  });
});

describe("§1 bad input: every error, with file, line, column and what was expected", () => {
  it("reports unknown keys with a did-you-mean, wrong types, bad names and empty anyOf, all at once", () => {
    const r = load({
      "a.yaml": `apiVersion: catch22/v1
kind: Service
name: checkout
runtim: []
owner: 7
tier: high
runtime:
  - anyOf: []
  - service: bad name
  - {service: x, anyOf: [y]}
  - soft: yes
  - 42
  - service: ok
    sfot: true
rollback:
`,
      "b.yaml": `apiVersion: catch22/v1
kind: ServiceList
services:
  - name: ""
  - nam: z
  - name: -leading
  - name: "${"x".repeat(201)}"
  - name: ok2
    __proto__: polluted
`,
    });
    expect(messages(r)).toEqual([
      'a.yaml:4:1: unknown key "runtim" in a Service document (did you mean "runtime"?); expected one of: apiVersion, kind, name, description, owner, system, tier, zone, region, aliases, recovery, rto, provides, runtime, rollback, extends',
      'a.yaml:5:8: expected "owner" to be a non-empty name, got the number 7',
      'a.yaml:6:7: expected "tier" to be an integer from 0 (most critical) to 3, got the text "high"',
      'a.yaml:8:12: "anyOf" needs at least two service names',
      'a.yaml:9:14: invalid service name "bad name": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit',
      'a.yaml:10:5: a requirement has either "service" or "anyOf", not both',
      'a.yaml:11:5: a requirement needs "service: <name>", "anyOf: [<names>]" or "api: <name>"',
      'a.yaml:11:11: expected "soft" to be true or false, got the text "yes"',
      'a.yaml:12:5: expected a service name, got the number 42 (quote it: "42")',
      'a.yaml:14:5: unknown key "sfot" in a runtime requirement (did you mean "soft"?); expected one of: service, anyOf, api, version, soft, note',
      'a.yaml:15:10: expected "rollback" to be a list of requirements, got nothing (null) (write "rollback: []" for "needs nothing")',
      "b.yaml:4:11: empty service name; a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit",
      'b.yaml:5:5: missing "name"; every service needs a name (1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit)',
      'b.yaml:5:5: unknown key "nam" in a service (did you mean "name"?); expected one of: name, description, owner, system, tier, zone, region, aliases, recovery, rto, provides, runtime, rollback, extends',
      'b.yaml:6:11: invalid service name "-leading": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit',
      `b.yaml:7:11: invalid service name "${"x".repeat(57)}...": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit`,
      'b.yaml:9:5: unknown key "__proto__" in a service; expected one of: name, description, owner, system, tier, zone, region, aliases, recovery, rto, provides, runtime, rollback, extends',
    ]);
  });

  it("reports YAML syntax errors and duplicate keys with their positions", () => {
    const r = load({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nname: b\nruntime: [x\n" });
    expect(messages(r)[0]).toBe('a.yaml:4:1: duplicate key "name": a key may appear only once in a mapping');
    expect(messages(r).length).toBeGreaterThanOrEqual(2);
    expect(messages(r)[1]).toMatch(/^a\.yaml:\d+:\d+: YAML: /);
  });

  it("rejects an unsupported catch22 apiVersion and an unknown kind with a did-you-mean", () => {
    const r = load({ "a.yaml": "apiVersion: catch22/v2\nkind: Service\nname: a\n---\napiVersion: catch22/v1\nkind: Servce\nname: b\n" });
    expect(messages(r)).toEqual([
      'a.yaml:1:13: unsupported apiVersion "catch22/v2"; this catch22 reads "catch22/v1"',
      'a.yaml:6:7: unknown kind "Servce" (did you mean "Service"?); expected Service or ServiceList',
    ]);
  });

  it("stops an alias bomb quickly instead of expanding it", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const r = load(
      {
        "bomb.yaml":
          `apiVersion: catch22/v1\nkind: Service\nname: x\nrollback: *l\n${levels.join("\n")}\n`.replace("rollback: *l\n", "") +
          "description: *l\n",
      },
      ["bomb.yaml"],
    );
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)[0]).toMatch(/^bomb\.yaml:\d+:\d+: aliases expand to far more data than the file holds/);
  });

  it("refuses absurd nesting (100,000 levels) without overflowing the stack", () => {
    const r = load({ "deep.yaml": `apiVersion: catch22/v1\nkind: Service\nname: x\ndescription: ${"[".repeat(100_000)}\n` });
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)[0]).toMatch(/^deep\.yaml:4:\d+: nesting deeper than 100 levels/);
  });

  it("reports a binary file named on the command line, and skips one met in a walk", () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]);
    expect(messages(load({ "bin.yaml": bytes }, ["bin.yaml"]))).toEqual(["bin.yaml:1:5: a NUL byte: a binary file, not YAML text"]);
    const walked = load({ "bin.yaml": bytes, "ok.yaml": svc("a") });
    expect(messages(walked)).toEqual([]);
    expect(walked.skipped).toContainEqual({ file: "bin.yaml", reason: "a NUL byte: a binary file, not YAML text" });
  });

  it("reports missing paths, a directory without manifests and a named file without a catch22 document", () => {
    const r = load({ "empty/readme.yaml": "title: not a manifest\n", "other.yaml": "a: 1\n" }, ["missing", "empty", "other.yaml"]);
    expect(messages(r)).toEqual([
      'empty:0:0: no catch22 manifests here (looked for *.yaml and *.yml documents with "apiVersion: catch22/v1"); passed over empty/readme.yaml: no apiVersion: not a catch22 manifest',
      "missing:0:0: no such file or directory",
      'other.yaml:1:1: no catch22 document in this file; expected a document with "apiVersion: catch22/v1"',
    ]);
  });

  it("reports the syntax error of a walked file that claims to be a catch22 manifest", () => {
    const r = load({ "x.yaml": "apiVersion: catch22/v1\nkind: Service\nname: [a\n" });
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)[0]).toMatch(/^x\.yaml:\d+:\d+: YAML: /);
  });
});

describe("§1 messages a user can act on", () => {
  it("quotes bad values on one line, escapes visible, and reads YAML merge keys", () => {
    const r = load({
      "a.yaml": 'apiVersion: catch22/v1\nkind: ServiceList\nservices:\n  - name: "a\\nb"\n  - <<: {owner: x}\n    name: c\n',
    });
    expect(messages(r)[0]).toBe(
      'a.yaml:4:11: invalid service name "a\\nb": a name is 1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit',
    );
    expect(messages(r)).toHaveLength(1);
  });

  it("points an undefined alias at its star", () => {
    const r = load({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nrollback: [*nope]\n" });
    expect(messages(r)).toEqual(['a.yaml:4:12: YAML: unidentified alias "nope"']);
  });

  it("shows a file reached under two paths under the first in plain string order, whatever the argument order", () => {
    const dir = tempTree({ "m/zz.yaml": svc("a") });
    fs.symlinkSync(path.join(dir, "m", "zz.yaml"), path.join(dir, "link.yaml"));
    const one = loadEstate(["m", "link.yaml"], { cwd: dir });
    const two = loadEstate(["link.yaml", "m"], { cwd: dir });
    expect(one.declarations.map((d) => d.pos.file)).toEqual(["link.yaml"]);
    expect(two.declarations.map((d) => d.pos.file)).toEqual(["link.yaml"]);
  });
});
