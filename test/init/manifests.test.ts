// `catch22 init` writes every service fact an adapter carries (Backstage annotations and labels here), as manifests that read back the same.
import { describe, expect, it } from "vitest";
import { planManifests } from "../../src/init/manifests.js";
import { loadEstate } from "../../src/load/index.js";
import { buildEstate } from "../../src/model/estate.js";
import { FACT_KEYS } from "../../src/model/facts.js";
import { tempTree } from "../helpers/cli.js";

const ENTITY = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  description: "Takes payments: cards"
  labels:
    topology.kubernetes.io/zone: eu-west-1b
    topology.kubernetes.io/region: eu-west-1
  annotations:
    catch22.dev/tier: "1"
    catch22.dev/zone: eu-west-1a
    catch22.dev/aliases: "payments.prod, pay"
    catch22.dev/recovery: "{rollback: 20m, start: 2m}"
    catch22.dev/rto: 1h30m
    catch22.dev/provides: "[{api: pay, versions: [v1, '1.10']}, {api: refunds}]"
    catch22.dev/rollback: ""
spec:
  type: service
  owner: team-pay
  system: billing
  dependsOn: [component:ledger]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: ledger}
spec: {type: service, owner: team-pay}
`;

function estate(files: Record<string, string>, inputs: string[]) {
  const dir = tempTree(files);
  const r = loadEstate(inputs, { cwd: dir, readAllAdapterFiles: true });
  expect(r.diagnostics).toEqual([]);
  return buildEstate(r.declarations).services;
}

describe("init writes every fact", () => {
  it("reads each fact from a Backstage entity: annotations, and the topology labels where no annotation says otherwise", () => {
    const svc = estate({ "catalog-info.yaml": ENTITY }, ["catalog-info.yaml"]).find((s) => s.name === "payments");
    expect(svc).toMatchObject({
      description: "Takes payments: cards",
      owner: "team-pay",
      system: "billing",
      tier: 1,
      zone: "eu-west-1a",
      region: "eu-west-1",
      aliases: ["payments.prod", "pay"],
      recovery: { rollback: 1200, start: 120 },
      rto: 5400,
      provides: [{ api: "pay", versions: ["v1", "1.10"] }, { api: "refunds" }],
    });
    for (const key of FACT_KEYS) expect(svc?.[key], key).toBeDefined();
  });

  it("writes each fact into the manifest, and the manifest reads back as the same service", () => {
    const services = estate({ "catalog-info.yaml": ENTITY }, ["catalog-info.yaml"]);
    const files = planManifests(services, "replace");
    const text = files.find((f) => f.service === "payments")?.text ?? "";
    for (const key of FACT_KEYS) expect(text, key).toMatch(new RegExp(`^${key}:`, "m"));
    const again = estate(Object.fromEntries(files.map((f) => [f.path, f.text])), ["."]);
    const facts = (s: (typeof services)[number] | undefined) => Object.fromEntries(FACT_KEYS.map((k) => [k, s?.[k]]));
    expect(facts(again.find((s) => s.name === "payments"))).toEqual(facts(services.find((s) => s.name === "payments")));
  });

  it("reports a bad fact annotation at the annotation, with the fact's own message", () => {
    const dir = tempTree({
      "catalog-info.yaml": `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: x
  annotations:
    catch22.dev/rto: "30"
    catch22.dev/recovery: "{rolback: 1m}"
    catch22.dev/zone: "[a"
spec: {type: service}
`,
    });
    const r = loadEstate(["."], { cwd: dir });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      '6:22: expected "catch22.dev/rto" to be a duration such as 90s, 30m or 1h30m (<integer><s|m|h> parts, largest unit first), got the number 30 (give it a unit: 30s, 30m or 30h)',
      '7:27: unknown key "rolback" in "catch22.dev/recovery" (did you mean "rollback"?); expected one of: rollback, start',
      '8:23: expected annotation "catch22.dev/zone" to hold a value in YAML, such as "eu-west-1a"',
    ]);
  });
});
