// SPEC §1: YAML merge keys in every format, and Compose `include:` followed as Compose follows it.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../../src/load/index.js";
import { parseYaml } from "../../../src/load/yaml.js";
import { ROOT, runCli, tempTree } from "../../helpers/cli.js";

const FIXTURES = path.join(ROOT, "test/fixtures");
const edges = (r: ReturnType<typeof loadEstate>) =>
  r.declarations.flatMap((d) => d.runtime.map((e) => `${d.name}→${e.names.join("|")} @${e.namePos[0]?.line}`)).sort();

describe("§1 YAML merge keys (<<: *anchor, <<: [*a, *b])", () => {
  it("bring depends_on into Compose services, with the positions where the anchor's entries are written", () => {
    const r = loadEstate(["compose.yaml"], { cwd: path.join(FIXTURES, "compose-merge") });
    expect(r.diagnostics).toEqual([]);
    // web and api take db (line 6) from *defaults (first in api's list, so it wins over *more); worker's own key wins.
    expect(edges(r)).toEqual(["api→db @6", "db→worker @19", "web→db @6", "worker→api @17"]);
  });

  it("a cycle brought in through a merge key is reported as a runtime-cycle", () => {
    const r = runCli(["check", "test/fixtures/compose-merge/compose.yaml", "-f", "json"]);
    expect(r.code).toBe(1);
    const cycle = JSON.parse(r.stdout).findings.find((f: { rule: string }) => f.rule === "runtime-cycle");
    expect(cycle.services).toEqual(["api", "db", "worker"]);
  });

  it("are honoured in catch22 manifests and Backstage entities too", () => {
    const dir = tempTree({
      "a.yaml":
        "apiVersion: catch22/v1\nkind: ServiceList\nservices:\n  - &base {name: a, owner: team, rollback: []}\n  - <<: *base\n    name: b\n",
      "catalog-info.yaml":
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: c}\nspec:\n  <<: {type: service, owner: team, lifecycle: production, dependsOn: ['component:a']}\n",
    });
    const r = loadEstate(["."], { cwd: dir });
    expect(r.diagnostics).toEqual([]);
    expect(r.declarations.map((d) => `${d.name}:${d.owner}`).sort()).toEqual(["a:team", "b:team", "c:team"]);
    expect(r.declarations.find((d) => d.name === "c")?.runtime[0]?.names).toEqual(["a"]);
  });

  it("count what they bring in towards the alias budget, and a self-including anchor is an error", () => {
    let bomb = "a0: &a0 {k: v}\n";
    for (let i = 1; i < 14; i++) bomb += `a${i}: &a${i}\n  <<: [*a${i - 1}]\n  x${i}: [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
    const parsed = parseYaml(bomb);
    expect(parsed.errors[0]?.message).toMatch(/alias bomb/);
    expect(parseYaml("x: &a\n  b: 1\n  <<: *a\n").errors[0]?.message).toMatch(/a cycle/);
    expect(parseYaml("x:\n  <<: 5\n").errors[0]?.message).toMatch(/a merge key \(<<\) takes a mapping/);
  });

  it('a quoted "<<" is an ordinary key, as YAML says', () => {
    const parsed = parseYaml('x: &a {b: 1}\ny:\n  "<<": *a\n');
    const y = parsed.docs[0]?.kind === "map" ? parsed.docs[0].pairs[1]?.value : undefined;
    expect(y?.kind === "map" && y.pairs.map((p) => p.key.kind === "scalar" && p.key.value)).toEqual(["<<"]);
  });
});

describe("§1 Compose include:", () => {
  it("reads the included files' services with positions in their own files, following nested includes once", () => {
    const r = loadEstate(["."], { cwd: path.join(FIXTURES, "compose-include") });
    expect(r.diagnostics).toEqual([]);
    expect(r.declarations.map((d) => `${d.name} ${d.pos.file}:${d.pos.line} ${d.owner ?? "-"}`).sort()).toEqual([
      "db parts/db.yaml:2 -",
      "web parts/web.yaml:4 -",
    ]);
  });

  it("reports a missing included file, a variable in a path, and an include cycle, each at the include", () => {
    const dir = tempTree({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Compose variable, not a template
      "compose.yaml": "x-catch22: {}\ninclude:\n  - nope.yaml\n  - ${DIR}/x.yaml\n  - loop/a.yaml\nservices:\n  s: {}\n",
      "loop/a.yaml": "include: [b.yaml]\nservices: {a: {}}\n",
      "loop/b.yaml": "include: [a.yaml]\nservices: {b: {}}\n",
    });
    const r = loadEstate(["compose.yaml"], { cwd: dir });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
      "compose.yaml:3:5: cannot include nope.yaml: no such file",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Compose variable, not a template
      'compose.yaml:4:5: include path "${DIR}/x.yaml" holds a variable; catch22 does not interpolate Compose variables: write the path',
      "loop/b.yaml:1:11: an include cycle: loop/a.yaml → loop/b.yaml → loop/a.yaml; Compose refuses it, and catch22 reads each file once",
    ]);
  });

  it("Laradock's docker-compose.yml, which holds only include:, is never a clean empty estate", () => {
    const dir = tempTree({ "docker-compose.yml": "include:\n  - path: adminer/compose.yml\n    project_directory: .\n" });
    const r = runCli(["check", "docker-compose.yml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("docker-compose.yml:2:11: cannot include adminer/compose.yml: no such file");
  });
});
