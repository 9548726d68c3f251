// The facts table's helpers: how a fact is shown (check details, the web view's details panel) and durations written back.
import { describe, expect, it } from "vitest";
import { formatDuration, serviceFactLines } from "../../src/model/facts.js";

describe("service facts as label and text", () => {
  it("shows only the facts a service has, short ones first and free text last", () => {
    expect(
      serviceFactLines({
        description: "Public API",
        owner: "platform",
        tier: 0,
        zone: "eu-west-1a",
        aliases: ["a", "b"],
        recovery: { rollback: 1200 },
        rto: 5400,
        provides: [{ api: "cloud-api", versions: ["v1", "v2"] }, { api: "id" }],
      }).map((l) => `${l.label}: ${l.text}`),
    ).toEqual([
      "owner: platform",
      "tier: 0",
      "zone: eu-west-1a",
      "aliases: a, b",
      "recovery: rollback 20m, start 0s",
      "RTO: 1h30m",
      "provides: cloud-api (v1, v2), id (any version)",
      "description: Public API",
    ]);
  });

  it("writes durations largest unit first, as the manifest grammar reads them", () => {
    expect([0, 59, 90, 3600, 5400, 3661].map(formatDuration)).toEqual(["0s", "59s", "1m30s", "1h", "1h30m", "1h1m1s"]);
  });
});
