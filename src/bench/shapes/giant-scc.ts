// The giant-scc shape: one runtime cycle with random chords, every rollback needing a random member: every service a catch-22.
import type { Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import { int, type Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler } from "./synthetic.js";

/** The services of the shape under `prefix`: node i needs node i+1 (mod n) and two random others; its rollback one random node. */
export function giantScc(n: number, rng: Rng, prefix: string): Svc[] {
  const width = numberWidth(n);
  const node = (i: number): string => `${prefix}${pad(i, width)}`;
  const out: Svc[] = [];
  for (let i = 0; i < n; i++) {
    const runtime = [node((i + 1) % n)];
    for (let k = 0; k < 2; k++) {
      const t = node(int(rng, n));
      if (!runtime.includes(t)) runtime.push(t);
    }
    out.push({ name: node(i), ...filler(rng, i, "scc"), runtime, rollback: [node(int(rng, n))] });
  }
  return out;
}

export const giantSccShape = defineShape({
  id: "giant-scc",
  description:
    "every service in one runtime strongly connected component (`scc/node-i` needs node i+1 mod `services` and two " +
    "random nodes), and every rollback needs one random node: every service has a rollback-needs-broken finding, " +
    "and there is one runtime-cycle core.",
  minServices: 2,
  bare: true,
  generate: (n, rng) => chunkGroups("scc", giantScc(n, rng, "scc/node-")),
});
