// The mirror-chain shape: a runtime chain whose every rollback needs a mirror that reaches the top only through an anyOf escape.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler } from "./synthetic.js";

function mirrorChain(n: number, rng: Rng): Svc[] {
  // half nodes, half mirrors, and the break-glass console
  const count = Math.floor((n - 1) / 2);
  const width = numberWidth(n);
  const node = (i: number): string => `mirror/node-${pad(i, width)}`;
  const mirror = (i: number): string => `mirror/mirror-${pad(i, width)}`;
  const out: Svc[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ name: node(i), ...filler(rng, i, "mirror"), runtime: i + 1 < count ? [node(i + 1)] : [], rollback: [mirror(i)] });
    out.push({ name: mirror(i), ...filler(rng, i, "mirror"), runtime: [{ anyOf: [node(0), "mirror/break-glass"] }], rollback: [] });
  }
  const extra = n - 2 * count - 1;
  for (let i = 0; i < extra; i++) out.push({ name: `mirror/spare-${i}`, ...filler(rng, i, "mirror"), runtime: [], rollback: [] });
  out.push({ name: "mirror/break-glass", ...filler(rng, n, "mirror"), runtime: [], rollback: [] });
  return out;
}

export const mirrorChainShape = defineShape({
  id: "mirror-chain",
  description:
    "`mirror/node-i` needs `mirror/node-(i+1)`, and its rollback needs `mirror/mirror-i`, which needs " +
    "`anyOf: [mirror/node-0, mirror/break-glass]`: every mirror reaches every node through the top of the chain, but " +
    "the break-glass console keeps it up. No findings.",
  minServices: 3,
  generate: (n, rng) => chunkGroups("mirror", mirrorChain(n, rng)),
});
