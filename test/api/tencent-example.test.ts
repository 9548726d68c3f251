// The Tencent release example (examples/tencent-2024 → examples/tencent-2024-release): the api half of the incident, read from its manifests.
import * as fs from "node:fs";
import * as path from "node:path";
import jsyaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { apiDiffIndex, introducedApiUnprovided } from "../../src/api/diff.js";
import { type ApiEntryRef, apiProviders, apiUnprovided, indexProvides, type ServiceProvides } from "../../src/api/providers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface RawService {
  name: string;
  provides?: { api: string; versions?: string[] }[];
  runtime?: (string | { api?: string; version?: string })[];
  rollback?: (string | { api?: string; version?: string })[];
}

/** The provides and api entries of an example, read straight from its YAML (the loader reads them once it knows the fields). */
function readExample(dir: string): { provides: ServiceProvides[]; entries: ApiEntryRef[] } {
  const services: RawService[] = [];
  for (const file of fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    for (const doc of jsyaml.loadAll(fs.readFileSync(path.join(ROOT, dir, file), "utf8"), undefined, { schema: jsyaml.CORE_SCHEMA })) {
      const d = doc as { kind?: string; services?: RawService[] } & RawService;
      if (d.kind === "Service") services.push(d);
      else if (d.kind === "ServiceList") services.push(...(d.services ?? []));
    }
  }
  const provides = services.map((s) => ({ service: s.name, provides: s.provides ?? [] }));
  const entries: ApiEntryRef[] = [];
  for (const s of services)
    for (const e of [...(s.runtime ?? []), ...(s.rollback ?? [])])
      if (typeof e === "object" && e.api !== undefined)
        entries.push(e.version === undefined ? { owner: s.name, api: e.api } : { owner: s.name, api: e.api, version: e.version });
  return { provides, entries };
}

describe("examples/tencent-2024-release", () => {
  const base = readExample("examples/tencent-2024");
  const head = readExample("examples/tencent-2024-release");

  it("in the base every api entry has its provider: the PaaS products on cloud-api v1, the rollback pipeline on v2", () => {
    const index = indexProvides(base.provides);
    expect(base.entries).toHaveLength(8);
    for (const e of base.entries) expect(apiProviders(index, e), `${e.owner}`).toEqual(["cloud-api"]);
  });

  it("the release stops serving v1: seven api-unprovided findings, the rollback pipeline still served", () => {
    const index = indexProvides(head.provides);
    const unprovided = head.entries.filter((e) => apiProviders(index, e).length === 0);
    expect(unprovided.map((e) => e.owner).sort()).toEqual(["api-gateway", "cdb", "cls", "cvm", "scf", "tke", "web-console"]);
    expect(apiUnprovided(index, unprovided[0] as ApiEntryRef).message).toBe(
      "web-console needs cloud-api@v1, but no service provides a matching version; provided: cloud-api v2",
    );
    expect(apiProviders(index, { owner: "rollback-pipeline", api: "cloud-api", version: "v2" })).toEqual(["cloud-api"]);
  });

  it("diff tells both halves: what the change stopped serving, and that rolling cloud-api back needs cloud-api", () => {
    const index = apiDiffIndex(base.provides, head.provides, head.entries);
    // cloud-api's rollback-needs-broken finding (cloud-api ⇒ rollback-pipeline → cloud-api), in base and head alike.
    const d = introducedApiUnprovided(index, { owner: "scf", api: "cloud-api", version: "v1" }, new Set(["cloud-api"]));
    expect(d.providedInBase).toEqual([{ service: "cloud-api", versions: ["v1", "v2"] }]);
    expect(d.note).toBe(
      "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it; and rolling back cloud-api needs cloud-api",
    );
  });
});
