// Backstage catalog entities as services (SPEC §1 adapters): entity refs, APIs, catch22.dev annotations, and every bad input with its position.
import { describe, expect, it } from "vitest";
import { analyzePaths } from "../../../src/analyze.js";
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
/** An entry as `names@line:column,...` with `~` for soft and `|` between the alternatives of an anyOf. */
const show = (e: Entry) =>
  `${e.soft ? "~" : ""}${e.names.map((n, i) => `${n}@${e.namePos[i]?.line}:${e.namePos[i]?.column}`).join(e.anyOf ? "|" : ",")}`;

const component = (name: string, spec: string, extra = "") =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${extra}spec:\n  type: service\n  owner: team-a\n${spec}`;

describe("Backstage entities become services", () => {
  it("reads Components and Resources: name, description, owner, system, dependsOn with positions", () => {
    const r = load({
      "catalog-info.yaml": `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Basket and orders
spec:
  type: service
  owner: group:default/shop-team
  system: system:default/shop
  dependsOn:
    - component:default/payments
    - resource:orders-db
    - default/catalog
    - Component:Search
---
apiVersion: backstage.io/v1beta1
kind: Resource
metadata:
  name: orders-db
spec:
  type: database
  owner: user:default/jane
`,
    });
    expect(messages(r)).toEqual([]);
    const checkout = byName(r.declarations, "checkout");
    expect(checkout).toMatchObject({
      origin: "backstage",
      description: "Basket and orders",
      owner: "shop-team",
      system: "shop",
      pos: { file: "catalog-info.yaml", line: 4, column: 9 },
    });
    expect(checkout.rollback).toBeUndefined();
    expect(checkout.runtime.map(show)).toEqual(["payments@11:7", "orders-db@12:7", "catalog@13:7", "Search@14:7"]);
    expect(byName(r.declarations, "orders-db")).toMatchObject({ origin: "backstage", owner: "user:jane" });
  });

  it("names an entity outside the default namespace namespace/name, and resolves refs relative to the entity's namespace", () => {
    const r = load({
      "a.yaml": `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  namespace: billing
spec:
  dependsOn: [resource:ledger-db, component:default/auth, resource:billing/ledger-db]
`,
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["billing/ledger"]);
    expect(r.declarations[0]?.runtime.map((e) => e.names[0])).toEqual(["billing/ledger-db", "auth", "billing/ledger-db"]);
  });

  it("passes over the kinds that are not services (System, Group, ...) and says why with --verbose", () => {
    const r = load({
      "a.yaml": `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\n---\n${component("web", "")}`,
    });
    expect(messages(r)).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["web"]);
    expect(r.skipped).toContainEqual({
      file: "a.yaml (document 1)",
      reason: "a Backstage System entity: catch22 reads Component, Resource and API entities",
    });
  });
});

describe("consumesApis resolves through API entities and the components that provide them", () => {
  const api = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\nspec:\n  type: openapi\n`;

  it("needs the provider of a consumed API, at the position of the consumesApis item, whatever the file order", () => {
    const r = load({
      "a/web.yaml": component("web", "  consumesApis:\n    - api:default/orders-api\n    - search-api\n"),
      "b/orders.yaml": `${component("orders", "  providesApis: [orders-api]\n")}---\n${api("orders-api")}`,
      "c/search.yaml": `${component("search-a", "  providesApis: [search-api]\n")}---\n${component("search-b", "  providesApis: [api:search-api]\n")}---\n${api("search-api")}`,
    });
    expect(messages(r)).toEqual([]);
    const web = byName(r.declarations, "web");
    expect(web.runtime.map(show)).toEqual(["orders@9:7", "search-a@10:7|search-b@10:7"]);
    expect(web.runtime.map((e) => e.via)).toEqual(["api:orders-api", "api:search-api"]);
  });

  it("reports an API that nothing provides, or that no entity declares, as missing-dependency with its position", () => {
    const dir = tempTree({
      "web.yaml": `${component("web", "  consumesApis: [lonely-api, ghost-api]\n", "  annotations:\n    catch22.dev/rollback: ''\n")}---\n${api("lonely-api")}`,
    });
    const out = analyzePaths(["."], { cwd: dir });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    const missing = out.analysis.findings.filter((f) => f.rule === "missing-dependency");
    expect(missing.map((f) => [f.message, f.locations])).toEqual([
      ["web needs api:ghost-api (runtime), which no manifest declares", [{ file: "web.yaml", line: 10, column: 30 }]],
      ["web needs api:lonely-api (runtime), which no manifest declares", [{ file: "web.yaml", line: 10, column: 18 }]],
    ]);
  });

  it("finds a catch-22 whose witness runs through an API", () => {
    const dir = tempTree({
      "vault.yaml": `${component("vault", "  providesApis: [secrets-api]\n", '  annotations:\n    catch22.dev/rollback: "deployer"\n')}---\n${api("secrets-api")}`,
      "deployer.yaml": component("deployer", "  consumesApis: [secrets-api]\n", '  annotations:\n    catch22.dev/rollback: ""\n'),
    });
    const out = analyzePaths(["."], { cwd: dir });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    const f = out.analysis.findings.find((x) => x.rule === "rollback-needs-broken");
    expect(f?.path).toEqual([
      { from: "vault", to: "deployer", kind: "rollback" },
      { from: "deployer", to: "vault", kind: "runtime" },
    ]);
    expect(f?.locations).toEqual([
      { file: "vault.yaml", line: 6, column: 28 },
      { file: "deployer.yaml", line: 10, column: 18 },
    ]);
  });
});

describe("catch22.dev annotations add rollback, soft and anyOf knowledge", () => {
  it("reads rollback lists with a|b alternatives at the column of each name, in quoted and plain text", () => {
    const r = load({
      "a.yaml": component(
        "api",
        "",
        `  annotations:
    catch22.dev/rollback: "deploy-pipeline, dns-a|dns-b , component:default/config-store"
    catch22.dev/runtime: edge-a|edge-b
    catch22.dev/tier: "0"
    backstage.io/techdocs-ref: dir:.
`,
      ),
    });
    expect(messages(r)).toEqual([]);
    const d = byName(r.declarations, "api");
    expect(d.rollback?.map(show)).toEqual(["deploy-pipeline@6:28", "dns-a@6:45|dns-b@6:51", "config-store@6:59"]);
    expect(d.runtime.map(show)).toEqual(["edge-a@7:26|edge-b@7:33"]);
    expect(d.tier).toBe(0);
  });

  it('reads catch22.dev/rollback: "" as "needs nothing", and no annotation as "not declared"', () => {
    const r = load({
      "a.yaml": `${component("a", "", "  annotations:\n    catch22.dev/rollback: ''\n")}---\n${component("b", "")}`,
    });
    expect(byName(r.declarations, "a").rollback).toEqual([]);
    expect(byName(r.declarations, "b").rollback).toBeUndefined();
  });

  it("makes a dependsOn entry soft when catch22.dev/soft names it, and replaces dependencies by their anyOf", () => {
    const r = load({
      "a.yaml": component(
        "api",
        "  dependsOn: [component:metrics, resource:db-a, resource:db-b, component:auth]\n  consumesApis: [tracing-api]\n",
        '  annotations:\n    catch22.dev/soft: "metrics, api:tracing-api"\n    catch22.dev/runtime: "db-a|db-b"\n',
      ),
    });
    expect(messages(r)).toEqual([]);
    const d = byName(r.declarations, "api");
    expect(d.runtime.map(show)).toEqual(["auth@11:64", "~metrics@6:24", "~api:tracing-api@6:33", "db-a@7:27|db-b@7:32"]);
  });

  it("reports each annotation error at the annotation's line and the column of the bad item", () => {
    const r = load({
      "a.yaml": component(
        "api",
        "",
        `  annotations:
    catch22.dev/rollback: "deploy, , a|"
    catch22.dev/soft: "group:ops, api:x|y, bad name"
    catch22.dev/rolback: "x"
    catch22.dev/tier: "high"
    catch22.dev/runtime: 42
`,
      ),
    });
    expect(messages(r)).toEqual([
      'a.yaml:6:35: empty requirement in annotation "catch22.dev/rollback": write names separated by commas, such as "deploy-pipeline, config-store"',
      'a.yaml:6:40: empty alternative in annotation "catch22.dev/rollback": write "a|b" for "a or b"',
      'a.yaml:7:24: annotation "catch22.dev/soft" names a group; catch22 reads components, resources and APIs',
      'a.yaml:7:35: an alternative of "a|b" is a component or a resource, not an API (in annotation "catch22.dev/soft")',
      'a.yaml:7:44: invalid entity reference "bad name": expected an entity reference [kind:][namespace/]name, such as "component:default/payments" or "orders-db" (in annotation "catch22.dev/soft")',
      'a.yaml:8:5: unknown annotation "catch22.dev/rolback" (did you mean "catch22.dev/rollback"?); catch22 reads catch22.dev/rollback, catch22.dev/runtime, catch22.dev/soft, catch22.dev/tier, catch22.dev/zone, catch22.dev/region, catch22.dev/aliases, catch22.dev/recovery, catch22.dev/rto, catch22.dev/provides',
      'a.yaml:9:23: expected annotation "catch22.dev/tier" to be an integer from 0 (most critical) to 3, got the text "high"',
      'a.yaml:10:26: expected annotation "catch22.dev/runtime" to be text such as "deploy-pipeline, config-store", got the number 42',
    ]);
  });
});

describe("bad Backstage input: errors with positions and a did-you-mean", () => {
  it("reports a missing name, bad references and misplaced kinds (a misspelt kind is passed over, with a hint in --verbose)", () => {
    const r = load({
      "a.yaml": `apiVersion: backstage.io/v1alpha1
kind: Componnet
metadata:
  name: x
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  title: no name
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: web
spec:
  owner: 42
  dependsOn:
    - api:orders-api
    - sytem:shop
    - "component:"
  consumesApis: [component:auth]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: db
spec:
  dependsOn: resource:disk
`,
    });
    expect(messages(r)).toEqual([
      'a.yaml:9:3: missing "metadata.name"; every Component entity needs a name',
      'a.yaml:16:10: expected an entity reference in "spec.owner", got the number 42',
      'a.yaml:18:7: "spec.dependsOn" names an API (an API belongs under "spec.consumesApis"); catch22 reads dependencies on components and resources',
      'a.yaml:19:7: "spec.dependsOn" names a sytem; catch22 reads dependencies on components and resources',
      'a.yaml:20:7: invalid entity reference "component:": expected an entity reference [kind:][namespace/]name, such as "component:default/payments" or "orders-db"',
      'a.yaml:21:18: "spec.consumesApis" names APIs, not a component; list a component under "spec.dependsOn"',
      'a.yaml:28:14: expected "spec.dependsOn" to be a list of entity references, got the text "resource:disk"',
    ]);
    expect(r.skipped).toContainEqual({
      file: "a.yaml (document 1)",
      reason: 'a Backstage Componnet entity (did you mean "Component"?): catch22 reads Component, Resource and API entities',
    });
  });

  it("names an unknown dependency with a did-you-mean in the missing-dependency finding", () => {
    const dir = tempTree({
      "a.yaml": `${component("web", "  dependsOn: [component:paymnets]\n")}---\n${component("payments", "")}`,
    });
    const out = analyzePaths(["."], { cwd: dir });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    const f = out.analysis.findings.find((x) => x.rule === "missing-dependency");
    expect(f?.message).toBe("web needs paymnets (runtime), which no manifest declares; did you mean payments?");
    expect(f?.locations).toEqual([{ file: "a.yaml", line: 8, column: 15 }]);
  });
});

describe("Backstage kinds, APIs and dependencyOf (issue 11)", () => {
  it("passes over every kind catch22 does not read (AiResource, Environment, a plugin's), and says which", () => {
    const r = load({
      "a.yaml": `${component("web", "")}\n---\napiVersion: backstage.io/v1alpha1\nkind: AiResource\nmetadata: {name: llm}\nspec: {type: model}\n---\napiVersion: backstage.io/v1alpha1\nkind: Environment\nmetadata: {name: prod}\n---\napiVersion: backstage.io/v1beta1\nkind: SomethingNew\nmetadata: {name: x}\n`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["web"]);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      "a Backstage AiResource entity: catch22 reads Component, Resource and API entities",
      "a Backstage Environment entity: catch22 reads Component, Resource and API entities",
      "a Backstage SomethingNew entity: catch22 reads Component, Resource and API entities",
    ]);
  });

  it("consumesApis of an API no API entity declares stays api:<name>, even when a component lists it in providesApis (docs/adapters.md, SPEC §8)", () => {
    const r = load({
      "a.yaml": `${component("web", "  consumesApis: [orders-api, pay-api]\n")}\n---\n${component("orders", "  providesApis: [orders-api]\n")}\n---\n${component("pay", "  providesApis: [pay-api]\n")}\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: pay-api}\nspec: {type: openapi, lifecycle: production, owner: team-a, definition: x}\n`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(byName(r.declarations, "web").runtime.map(show)).toEqual(["api:orders-api@8:18", "pay@8:30"]);
  });

  it("reads dependencyOf as the reverse of dependsOn, at the item's position; an undeclared dependent is an error there", () => {
    const r = load({
      "a.yaml": `${component("db", "  dependencyOf: [component:web, resource:jobs]\n")}\n---\n${component("web", "")}\n`,
      "b.yaml": `apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: jobs}\nspec: {type: queue}\n`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(byName(r.declarations, "web").runtime.map(show)).toEqual(["db@8:18"]);
    expect(byName(r.declarations, "jobs").runtime.map(show)).toEqual(["db@8:33"]);
    const bad = load({ "a.yaml": component("db", "  dependencyOf: [component:wbe]\n") + `---\n${component("web", "")}` });
    expect(messages(bad)).toEqual([
      'a.yaml:8:18: "spec.dependencyOf" names component:wbe, which no entity declares (did you mean "web"?); declare it, or remove the item',
    ]);
  });
});
