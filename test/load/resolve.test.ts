// The estate-wide load step: catch22 manifests, Backstage entities and Compose files in one walk; `extends`; conflicts between them.
import { describe, expect, it } from "vitest";
import { analyzePaths } from "../../src/analyze.js";
import { loadEstate } from "../../src/load/index.js";
import { runCli, tempTree } from "../helpers/cli.js";

const messages = (r: { diagnostics: { file: string; line: number; column: number; message: string }[] }) =>
  r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);

const entity = (name: string, extra = "", spec = "") =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${extra}spec:\n  owner: team\n${spec}`;

/** catch22 + Backstage + Compose: the vault's rollback (catch22) runs in CI (Backstage), which needs git (Compose), which needs the vault. */
const MIXED = {
  "manifests/vault.yaml": "apiVersion: catch22/v1\nkind: Service\nname: vault\nrollback: [ci]\n",
  "catalog/ci.yaml": entity("ci", '  annotations:\n    catch22.dev/rollback: ""\n', "  dependsOn: [component:git]\n"),
  "forge/compose.yaml": "x-catch22: {}\nservices:\n  git:\n    depends_on: [vault]\n    x-catch22:\n      rollback: []\n",
};

describe("mixed trees: catch22, Backstage and Compose in one walk", () => {
  it("builds one estate whose witness crosses all three formats, each step with its own file and line", () => {
    const out = analyzePaths(["."], { cwd: tempTree(MIXED) });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    expect(out.analysis.estate.services.map((s) => [s.name, s.declarations[0]?.origin])).toEqual([
      ["ci", "backstage"],
      ["git", "compose"],
      ["vault", "catch22"],
    ]);
    const f = out.analysis.findings.filter((x) => x.rule === "rollback-needs-broken");
    expect(f.map((x) => x.path.map((s) => `${s.from}>${s.to}`).join(" "))).toEqual(["vault>ci ci>git git>vault"]);
    expect(f[0]?.locations).toEqual([
      { file: "manifests/vault.yaml", line: 4, column: 12 },
      { file: "catalog/ci.yaml", line: 9, column: 15 },
      { file: "forge/compose.yaml", line: 4, column: 18 },
    ]);
  });

  it("gives the same report whatever the directory order (apart from positions)", () => {
    const swapped = {
      "a/vault.yaml": MIXED["manifests/vault.yaml"],
      "z/ci.yaml": MIXED["catalog/ci.yaml"],
      "0/compose.yaml": MIXED["forge/compose.yaml"],
    };
    const strip = (s: string) => {
      const r = JSON.parse(s);
      for (const f of r.findings) f.locations = f.locations.length;
      return JSON.stringify(r);
    };
    const one = runCli(["check", ".", "--format", "json"], { cwd: tempTree(MIXED) });
    const two = runCli(["check", ".", "--format", "json"], { cwd: tempTree(swapped) });
    expect(one.code).toBe(1);
    expect(strip(two.stdout)).toBe(strip(one.stdout));
  });

  it("treats the same name from two adapters as one service, reported as duplicate-service", () => {
    const out = analyzePaths(["."], {
      cwd: tempTree({ "catalog-info.yaml": entity("git"), "compose.yaml": "x-catch22:\nservices:\n  git: {}\n" }),
    });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    const dup = out.analysis.findings.find((f) => f.rule === "duplicate-service");
    expect(dup?.locations).toEqual([
      { file: "catalog-info.yaml", line: 4, column: 9 },
      { file: "compose.yaml", line: 3, column: 3 },
    ]);
  });
});

describe("a catch22 manifest for an adapter's service", () => {
  it("is an input error naming both places unless it says extends", () => {
    const r = loadEstate(["."], {
      cwd: tempTree({
        "catalog-info.yaml": entity("payments"),
        "payments.yaml": "apiVersion: catch22/v1\nkind: Service\nname: payments\nrollback: []\n",
      }),
    });
    expect(messages(r)).toEqual([
      'payments.yaml:3:7: "payments" is also the Backstage entity at catalog-info.yaml:4:9; to add catch22 knowledge (rollback, soft requirements) to it, write "extends: backstage" in this document, or give one of them another name',
    ]);
  });

  it("with extends, adds rollback, tier and runtime refinements to the entity: one service, no duplicate", () => {
    const dir = tempTree({
      "catalog-info.yaml": entity("payments", "  description: Card payments\n", "  dependsOn: [component:metrics, component:db]\n"),
      "payments.yaml": `apiVersion: catch22/v1
kind: Service
name: payments
extends: backstage
tier: 0
runtime:
  - service: metrics
    soft: true
rollback:
  - deploy
`,
    });
    const r = loadEstate(["."], { cwd: dir });
    expect(messages(r)).toEqual([]);
    expect(r.declarations).toHaveLength(1);
    const d = r.declarations[0];
    expect(d).toMatchObject({
      name: "payments",
      origin: "backstage",
      description: "Card payments",
      tier: 0,
      pos: { file: "catalog-info.yaml" },
    });
    expect(d?.runtime.map((e) => `${e.soft ? "~" : ""}${e.names[0]}@${e.namePos[0]?.file}`)).toEqual([
      "db@catalog-info.yaml",
      "~metrics@payments.yaml",
    ]);
    expect(d?.rollback?.map((e) => e.names[0])).toEqual(["deploy"]);
    const out = analyzePaths(["."], { cwd: dir });
    expect(out.ok && out.analysis.findings.map((f) => f.rule)).toEqual(["missing-dependency", "missing-dependency", "missing-dependency"]);
  });

  it("reports extends of a name no adapter declares (with a did-you-mean), a bad extends value, and keys that come from the entity", () => {
    const r = loadEstate(["."], {
      cwd: tempTree({
        "catalog-info.yaml": entity("payments"),
        "a.yaml": `apiVersion: catch22/v1
kind: Service
name: paymnts
extends: backstage
---
apiVersion: catch22/v1
kind: Service
name: payments
extends: backstag
---
apiVersion: catch22/v1
kind: Service
name: payments
extends: backstage
owner: someone-else
`,
      }),
    });
    expect(messages(r)).toEqual([
      'a.yaml:3:7: "extends: backstage", but no Backstage entity named "paymnts" was read (did you mean "payments"?)',
      'a.yaml:9:10: expected "extends" to be one of backstage, compose, got the text "backstag" (did you mean "backstage"?)',
      'a.yaml:15:1: a document with "extends: backstage" takes "owner" from what it extends; set it there, not here',
    ]);
  });

  it("keeps a second extension of the same entity as a declaration of its own: a duplicate-service finding", () => {
    const ext = (rb: string) => `apiVersion: catch22/v1\nkind: Service\nname: payments\nextends: backstage\nrollback: [${rb}]\n`;
    const out = analyzePaths(["."], { cwd: tempTree({ "catalog-info.yaml": entity("payments"), "a.yaml": ext("x"), "b.yaml": ext("y") }) });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    const dup = out.analysis.findings.find((f) => f.rule === "duplicate-service");
    expect(dup?.locations.map((p) => p.file)).toEqual(["b.yaml", "catalog-info.yaml"]);
  });
});
