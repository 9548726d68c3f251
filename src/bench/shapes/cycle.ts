// The cycle shape: every service but one in a single runtime cycle.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler, standalonePipeline } from "./synthetic.js";

function cycle(n: number, rng: Rng) {
  const width = numberWidth(n);
  const m = n - 1;
  const out: Svc[] = [];
  const node = (i: number): string => `cycle/node-${pad(i, width)}`;
  for (let i = 0; i < m; i++) {
    out.push({
      name: node(i),
      ...filler(rng, i, "cycle"),
      runtime: [node((i + 1) % m)],
      rollback: ["deploy-pipeline"],
    });
  }
  out.push(standalonePipeline("cycle"));
  return chunkGroups("cycle", out);
}

export const cycleShape = defineShape({
  id: "cycle",
  description:
    "`services - 1` nodes in one cycle (node i needs node (i+1) mod (services-1)), plus `deploy-pipeline` " +
    "(needs nothing, `rollback: []`) that every node's rollback needs. One runtime-cycle finding.",
  minServices: 2,
  generate: cycle,
});
