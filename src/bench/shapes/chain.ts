// The chain shape: one runtime chain as long as the estate, and no findings.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler, standalonePipeline } from "./synthetic.js";

function chain(n: number, rng: Rng) {
  const width = numberWidth(n);
  const out: Svc[] = [];
  const node = (i: number): string => `chain/node-${pad(i, width)}`;
  for (let i = 0; i < n - 1; i++) {
    out.push({
      name: node(i),
      ...filler(rng, i, "chain"),
      runtime: [i + 1 < n - 1 ? node(i + 1) : "deploy-pipeline"],
      rollback: ["deploy-pipeline"],
    });
  }
  out.push(standalonePipeline("chain"));
  return chunkGroups("chain", out);
}

export const chainShape = defineShape({
  id: "chain",
  description:
    "`chain/node-i` needs `chain/node-(i+1)`; the last node needs `deploy-pipeline` (which needs nothing), " +
    "so the chain is `services` long. Every node's rollback needs `deploy-pipeline`. No findings.",
  minServices: 2,
  generate: chain,
});
