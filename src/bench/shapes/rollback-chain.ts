// The rollback-chain shape: each service's rollback needs the next, so `drill --fail '**'` takes one wave per service.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler } from "./synthetic.js";

function rollbackChain(n: number, rng: Rng): Svc[] {
  const width = numberWidth(n);
  const node = (i: number): string => `rbchain/node-${pad(i, width)}`;
  const out: Svc[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ name: node(i), ...filler(rng, i, "rbchain"), runtime: [], rollback: i + 1 < n ? [node(i + 1)] : [] });
  }
  return out;
}

export const rollbackChainShape = defineShape({
  id: "rollback-chain",
  description:
    "`rbchain/node-i` needs nothing to run, and its rollback needs `rbchain/node-(i+1)`; the last one's needs nothing. " +
    "No findings; `drill --fail '**'` rolls back one node per wave, from the last to the first.",
  minServices: 2,
  generate: (n, rng) => chunkGroups("rbchain", rollbackChain(n, rng)),
  drill: "**",
});
