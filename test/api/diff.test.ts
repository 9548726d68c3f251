// `diff` on api contracts (SPEC §8): an introduced api-unprovided finding says what the base provided and who still needs it.
import { describe, expect, it } from "vitest";
import { apiDiffIndex, introducedApiUnprovided } from "../../src/api/diff.js";
import type { ApiEntryRef, ServiceProvides } from "../../src/api/providers.js";

const PAAS = ["api-gateway", "cdb", "cls", "cvm", "scf", "tke", "web-console"];
const consumers: ApiEntryRef[] = [
  ...PAAS.map((owner) => ({ owner, api: "cloud-api", version: "v1" })),
  { owner: "rollback-pipeline", api: "cloud-api", version: "v2" },
];
const base: ServiceProvides[] = [{ service: "cloud-api", provides: [{ api: "cloud-api", versions: ["v1", "v2"] }] }];
const head: ServiceProvides[] = [{ service: "cloud-api", provides: [{ api: "cloud-api", versions: ["v2"] }] }];

describe("introducedApiUnprovided", () => {
  it("a release that drops a consumed version: it stops serving it, and counts the services left without it", () => {
    const index = apiDiffIndex(base, head, consumers);
    expect(introducedApiUnprovided(index, { owner: "scf", api: "cloud-api", version: "v1" })).toEqual({
      providedInBase: [{ service: "cloud-api", versions: ["v1", "v2"] }],
      rollbackNeedsBroken: [],
      note: "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it",
    });
  });

  it("both halves of the incident: the provider the change stopped cannot be rolled back, because its rollback needs itself", () => {
    const index = apiDiffIndex(base, head, consumers);
    const d = introducedApiUnprovided(index, { owner: "scf", api: "cloud-api", version: "v1" }, new Set(["cloud-api", "iam"]));
    expect(d.rollbackNeedsBroken).toEqual(["cloud-api"]);
    expect(d.note).toBe(
      "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it; and rolling back cloud-api needs cloud-api",
    );
  });

  it("one consumer left: singular", () => {
    const index = apiDiffIndex(base, head, [{ owner: "scf", api: "cloud-api", version: "v1" }]);
    expect(introducedApiUnprovided(index, { owner: "scf", api: "cloud-api", version: "v1" }).note).toBe(
      "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 1 service still needs it",
    );
  });

  it("a new need that the base did not serve either is not a change that stopped serving it", () => {
    const entries = [...consumers, { owner: "scf", api: "cloud-api", version: "v3" }];
    const index = apiDiffIndex(base, head, entries);
    expect(introducedApiUnprovided(index, { owner: "scf", api: "cloud-api", version: "v3" })).toEqual({
      providedInBase: [{ service: "cloud-api", versions: ["v1", "v2"] }],
      rollbackNeedsBroken: [],
      note: "the base did not serve cloud-api v3 either (base: cloud-api v1, v2); 1 service needs it",
    });
    const billing = apiDiffIndex([], [], [...entries, { owner: "scf", api: "billing" }, { owner: "cvm", api: "billing" }]);
    expect(introducedApiUnprovided(billing, { owner: "scf", api: "billing" }).note).toBe(
      "the base did not serve billing either (base: no provider); 2 services need it",
    );
  });

  it("a provider that disappears altogether: the head provides nothing, the base names it", () => {
    const index = apiDiffIndex(base, [], consumers);
    expect(introducedApiUnprovided(index, { owner: "rollback-pipeline", api: "cloud-api", version: "v2" }).note).toBe(
      "this change stops serving cloud-api v2 (base: cloud-api v1, v2); 1 service still needs it",
    );
  });

  it("only services left without a provider count: a consumer that the owner's own provides still serves is not one", () => {
    // cvm provides cloud-api v1 in head: it serves scf, but not itself.
    const headWithCvm: ServiceProvides[] = [...head, { service: "cvm", provides: [{ api: "cloud-api", versions: ["v1"] }] }];
    const index = apiDiffIndex(base, headWithCvm, consumers);
    expect(introducedApiUnprovided(index, { owner: "cvm", api: "cloud-api", version: "v1" }).note).toBe(
      "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 1 service still needs it",
    );
  });
});
