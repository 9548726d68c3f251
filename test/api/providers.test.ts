// Providers of api entries (SPEC §2, §8) and the api-unprovided data (SPEC §3, §6): who serves an entry, and what the message says when nobody does.
import { describe, expect, it } from "vitest";
import {
  apiProviders,
  apiRef,
  apiUnprovided,
  describeProvided,
  indexProvides,
  type ServiceProvides,
  splitApiRef,
  throughApi,
} from "../../src/api/providers.js";

const tencent: ServiceProvides[] = [
  { service: "cloud-api", provides: [{ api: "cloud-api", versions: ["v1", "v2"] }] },
  { service: "cvm", provides: [] },
];

describe("apiProviders", () => {
  it("the services that provide the api at a matching version, sorted; none for an api nobody provides", () => {
    const index = indexProvides([
      { service: "z-api", provides: [{ api: "identity", versions: ["v2"] }] },
      { service: "a-api", provides: [{ api: "identity", versions: ["v1", "2.0.1"] }] },
      { service: "m-api", provides: [{ api: "identity", versions: ["v1beta1"] }] },
    ]);
    expect(apiProviders(index, { owner: "x", api: "identity", version: "v2" })).toEqual(["a-api", "z-api"]);
    expect(apiProviders(index, { owner: "x", api: "identity", version: "v1" })).toEqual(["a-api"]);
    expect(apiProviders(index, { owner: "x", api: "identity", version: "v1beta1" })).toEqual(["m-api"]);
    expect(apiProviders(index, { owner: "x", api: "identity" })).toEqual(["a-api", "m-api", "z-api"]);
    expect(apiProviders(index, { owner: "x", api: "payments" })).toEqual([]);
  });

  it("a provides entry without versions provides every version, even labels of no numeric form", () => {
    const index = indexProvides([{ service: "gw", provides: [{ api: "edge" }] }]);
    for (const version of ["v1", "v1beta1", "=>2", undefined])
      expect(apiProviders(index, { owner: "x", api: "edge", version })).toEqual(["gw"]);
  });

  it("a service is never a provider of its own api entries", () => {
    const index = indexProvides([
      { service: "cloud-api", provides: [{ api: "cloud-api", versions: ["v1"] }] },
      { service: "replica", provides: [{ api: "cloud-api", versions: ["v1"] }] },
    ]);
    expect(apiProviders(index, { owner: "cloud-api", api: "cloud-api", version: "v1" })).toEqual(["replica"]);
    expect(apiProviders(index, { owner: "replica", api: "cloud-api", version: "v1" })).toEqual(["cloud-api"]);
    expect(apiProviders(index, { owner: "scf", api: "cloud-api", version: "v1" })).toEqual(["cloud-api", "replica"]);
  });

  it("a name declared twice provides the union of its declarations", () => {
    const index = indexProvides([
      { service: "a", provides: [{ api: "x", versions: ["v1"] }] },
      { service: "a", provides: [{ api: "x", versions: ["v2", "v1"] }] },
    ]);
    expect(apiProviders(index, { owner: "c", api: "x", version: "v2" })).toEqual(["a"]);
    expect(apiUnprovided(index, { owner: "c", api: "x", version: "v3" }).provided).toEqual([{ service: "a", versions: ["v1", "v2"] }]);
  });
});

describe("apiUnprovided", () => {
  it("names what is missing, and which versions of the api are provided, by whom", () => {
    const u = apiUnprovided(indexProvides(tencent), { owner: "scf", api: "cloud-api", version: "v3" });
    expect(u).toEqual({
      missing: "cloud-api@v3",
      provided: [{ service: "cloud-api", versions: ["v1", "v2"] }],
      message: "scf needs cloud-api@v3, but no service provides a matching version; provided: cloud-api v1, v2",
    });
  });

  it("an api that nobody provides: missing is the api alone when the entry has no version", () => {
    expect(apiUnprovided(indexProvides(tencent), { owner: "scf", api: "billing" })).toEqual({
      missing: "billing",
      provided: [],
      message: "scf needs billing, but no service provides billing",
    });
  });

  it("a version that is not a semver range matches only an equal label, and the message says so", () => {
    const index = indexProvides(tencent);
    expect(apiProviders(index, { owner: "scf", api: "cloud-api", version: "=>2" })).toEqual([]);
    expect(apiUnprovided(index, { owner: "scf", api: "cloud-api", version: "=>2" }).message).toBe(
      'scf needs cloud-api@=>2, but no service provides that label ("=>2" is not a semver range); provided: cloud-api v1, v2',
    );
  });

  it("when only the owner provides the api, the message says that it is never its own provider", () => {
    const index = indexProvides([
      { service: "cloud-api", provides: [{ api: "cloud-api", versions: ["v2"] }] },
      { service: "edge", provides: [{ api: "cloud-api" }] },
    ]);
    expect(apiUnprovided(index, { owner: "edge", api: "cloud-api", version: "v3" }).message).toBe(
      "edge needs cloud-api@v3, but no service provides a matching version; provided: cloud-api v2; edge (itself) any version",
    );
    const self = indexProvides([{ service: "edge", provides: [{ api: "edge-api" }] }]);
    expect(apiUnprovided(self, { owner: "edge", api: "edge-api" })).toEqual({
      missing: "edge-api",
      provided: [{ service: "edge", versions: null }],
      message: "edge needs edge-api, but no other service provides it; provided: edge (itself) any version",
    });
  });

  it("api@version splits back at the first @ (names never hold one)", () => {
    expect(splitApiRef(apiRef("cloud-api", "v1"))).toEqual({ api: "cloud-api", version: "v1" });
    expect(splitApiRef(apiRef("cloud-api", ">=2 <3 || @x"))).toEqual({ api: "cloud-api", version: ">=2 <3 || @x" });
    expect(splitApiRef(apiRef("cloud-api", undefined))).toEqual({ api: "cloud-api" });
  });

  it("the provided lists are shared between findings and frozen, so no report can change another's", () => {
    const index = indexProvides(tencent);
    const u = apiUnprovided(index, { owner: "scf", api: "cloud-api", version: "v3" });
    expect(Object.isFrozen(u.provided) && Object.isFrozen(u.provided[0]) && Object.isFrozen(u.provided[0]?.versions)).toBe(true);
    expect(apiUnprovided(index, { owner: "cvm", api: "cloud-api", version: "v3" }).provided).toBe(u.provided);
  });
});

describe("describeProvided", () => {
  it("names six providers, the owner always among them, and counts the rest", () => {
    const provided = Array.from({ length: 10 }, (_, i) => ({ service: `p${i}`, versions: ["v1"] }));
    expect(describeProvided(provided)).toBe("p0 v1; p1 v1; p2 v1; p3 v1; p4 v1; p5 v1 and 4 more");
    expect(describeProvided(provided, "p8")).toBe("p0 v1; p1 v1; p2 v1; p3 v1; p4 v1; p8 (itself) v1 and 4 more");
    expect(describeProvided(provided.slice(0, 6), "p8")).toBe("p0 v1; p1 v1; p2 v1; p3 v1; p4 v1; p5 v1");
  });
});

describe("throughApi", () => {
  it("names the api, the version and the providers, as a witness says it", () => {
    expect(`scf needs ${throughApi("cloud-api", "v1", ["cloud-api"])}`).toBe("scf needs cloud-api@v1 (provided by cloud-api)");
    expect(throughApi("identity", undefined, ["a", "b"])).toBe("identity (provided by a and b)");
  });
});
