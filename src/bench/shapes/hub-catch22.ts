// The hub-catch22 shape: one hub that needs every leaf, each leaf needing it back and rolling back through it.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler } from "./synthetic.js";

function hubCatch22(n: number, rng: Rng) {
  const width = numberWidth(n);
  const hub = "hub/hub";
  const leaves = Array.from({ length: n - 1 }, (_, i) => `hub/leaf-${pad(i + 1, width)}`);
  const out: Svc[] = [
    {
      name: hub,
      owner: "platform-team",
      system: "hub",
      tier: 0,
      description: "The hub that needs every leaf",
      runtime: leaves,
      rollback: [],
    },
  ];
  leaves.forEach((name, i) => {
    out.push({ name, ...filler(rng, i + 1, "hub"), runtime: [hub], rollback: [hub] });
  });
  return chunkGroups("hub", out);
}

export const hubCatch22Shape = defineShape({
  id: "hub-catch22",
  description:
    "`hub/hub` needs every other service, each of which needs the hub and rolls back through it: every leaf is a " +
    "catch-22 whose witness (leaf ⇒ hub → leaf) crosses the hub, with its 100,000 steps in and out at 100,000 services. " +
    "A witness search that scanned a service's steps for every path through it would be quadratic here.",
  minServices: 2,
  generate: hubCatch22,
});
