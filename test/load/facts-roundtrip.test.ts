// Every field of the facts table round-trips: manifest → graph JSON and the view model → the JSON Schema accepts it → `init` writes it → read again, the same service.
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import jsyaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { planManifests } from "../../src/init/manifests.js";
import { loadEstate } from "../../src/load/index.js";
import { manifestSchema } from "../../src/load/schema.js";
import { buildEstate } from "../../src/model/estate.js";
import { FACT_KEYS, type FactKey, type ServiceFacts } from "../../src/model/facts.js";
import type { Service } from "../../src/model/types.js";
import { renderGraphJson } from "../../src/report/graph-json.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel } from "../../src/report/view-model.js";
import { tempTree } from "../helpers/cli.js";

/** One declaration of each fact, as a manifest writes it, and the value the model keeps (a new fact fails to compile here until it has one). */
const SAMPLES: Record<FactKey, { yaml: string; value: unknown }> = {
  description: { yaml: "description: 'Public API: v2'", value: "Public API: v2" },
  owner: { yaml: "owner: platform", value: "platform" },
  system: { yaml: "system: control-plane", value: "control-plane" },
  tier: { yaml: "tier: 0", value: 0 },
  zone: { yaml: "zone: eu-west-1a", value: "eu-west-1a" },
  region: { yaml: "region: eu-west-1", value: "eu-west-1" },
  aliases: { yaml: "aliases: [svc.prod, svcx]", value: ["svc.prod", "svcx"] },
  recovery: { yaml: "recovery: {rollback: 20m, start: 90s}", value: { rollback: 1200, start: 90 } },
  rto: { yaml: "rto: 1h30m", value: 5400 },
  provides: {
    yaml: "provides:\n  - api: pay\n    versions: [v1, '1.10']\n  - api: id",
    value: [{ api: "pay", versions: ["v1", "1.10"] }, { api: "id" }],
  },
};

const validate = new Ajv({ allErrors: true }).compile(manifestSchema());

function loaded(dir: string, inputs = ["."]): Service[] {
  const r = loadEstate(inputs, { cwd: dir, readAllAdapterFiles: true });
  expect(r.diagnostics).toEqual([]);
  return buildEstate(r.declarations).services;
}

const factsOf = (s: ServiceFacts | undefined) => Object.fromEntries(FACT_KEYS.flatMap((k) => (s?.[k] === undefined ? [] : [[k, s[k]]])));

describe.each(FACT_KEYS)("the fact %s", (key) => {
  const sample = SAMPLES[key];
  const manifest = `apiVersion: catch22/v1\nkind: Service\nname: svc\n${sample.yaml}\nruntime:\n  - api: id\n    version: v2\n  - dep\nrollback: []\n---\napiVersion: catch22/v1\nkind: Service\nname: dep\n`;

  it("is read from a manifest and shown in the graph JSON and the view model", () => {
    const services = loaded(tempTree({ "a.yaml": manifest }));
    const svc = services.find((s) => s.name === "svc");
    expect(svc?.[key]).toEqual(sample.value);
    const estate = buildEstate(services.flatMap((s) => s.declarations));
    const graph = JSON.parse(renderGraphJson({ estate, findings: [] }));
    expect(graph.nodes.find((n: { key: string }) => n.key === "svc").attributes[key]).toEqual(sample.value);
    const view = buildViewModel(estate, [], summarize(compile(estate), []), ["."]);
    expect(view.services.find((s) => s.name === "svc")?.[key]).toEqual(sample.value);
  });

  it("is accepted by the JSON Schema", () => {
    for (const doc of jsyaml.loadAll(manifest, undefined, { schema: jsyaml.CORE_SCHEMA })) {
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("is written back by init and read again as the same service", () => {
    // init writes manifests for adapter services: the same fact through Compose's x-catch22 (system as the file's).
    const ext = key === "system" ? "" : `\n${sample.yaml.replace(/^/gm, "      ")}`;
    const compose = `x-catch22:\n  system: control-plane\nservices:\n  svc:\n    x-catch22:${ext}\n      rollback: []\n    depends_on: [dep]\n  dep: {}\n`;
    const dir = tempTree({ "in/compose.yaml": compose });
    const before = loaded(dir, ["in"]).find((s) => s.name === "svc");
    expect(before?.[key]).toEqual(sample.value);
    const out = path.join(dir, "out");
    for (const f of planManifests(before ? [before] : [], "replace")) {
      fs.mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
      fs.writeFileSync(path.join(out, f.path), f.text);
    }
    fs.writeFileSync(path.join(out, "dep.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: dep\n");
    const after = loaded(dir, ["out"]).find((s) => s.name === "svc");
    expect(factsOf(after)).toEqual(factsOf(before));
    expect(after?.runtime.map((e) => e.names)).toEqual([["dep"]]);
  });
});
