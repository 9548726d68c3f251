// The star shape: one hub that every service needs, whose own rollback is the one catch-22.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler } from "./synthetic.js";

function star(n: number, rng: Rng) {
  const width = numberWidth(n);
  const hub = "star/hub";
  const out: Svc[] = [
    {
      name: hub,
      owner: "platform-team",
      system: "star",
      tier: 0,
      description: "The hub every service needs",
      runtime: [],
      rollback: ["deploy-pipeline"],
    },
    {
      name: "deploy-pipeline",
      owner: "platform-team",
      system: "star",
      tier: 0,
      description: "Deployment pipeline",
      runtime: [hub],
      rollback: [],
    },
  ];
  for (let i = 1; i <= n - 2; i++) {
    out.push({
      name: `star/leaf-${pad(i, width)}`,
      ...filler(rng, i, "star"),
      runtime: [hub],
      rollback: ["deploy-pipeline"],
    });
  }
  return chunkGroups("star", out);
}

export const starShape = defineShape({
  id: "star",
  description:
    "`star/hub` is needed by every other service; every rollback needs `deploy-pipeline`, which needs the hub. " +
    "The hub's own rollback is therefore the one catch-22; `deploy-pipeline` has `rollback: []`.",
  minServices: 2,
  generate: star,
});
