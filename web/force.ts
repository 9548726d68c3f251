// d3-force with a time budget: the same code runs in the worker and, as a fallback, in the page.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";

export interface ForceInput {
  nodes: { x: number; y: number; r: number }[];
  links: [number, number][];
  budgetMs: number;
  maxTicks: number;
}

/** The simulation itself: shared by the worker and the in-page fallback. */
export function runForce(input: ForceInput): Float64Array {
  const nodes = input.nodes.map((n) => ({ x: Number.isFinite(n.x) ? n.x : undefined, y: Number.isFinite(n.y) ? n.y : undefined, r: n.r })) as {
    x: number;
    y: number;
    r: number;
  }[];
  const big = nodes.length > 1000;
  const seeded = nodes.every((n) => Number.isFinite(n.x));
  const sim = forceSimulation(nodes)
    .force("charge", forceManyBody().strength(nodes.length < 200 ? -520 : -160).theta(big ? 1.5 : 0.9).distanceMax(900))
    .force("link", forceLink(input.links.map(([source, target]) => ({ source, target }))).distance(nodes.length < 200 ? 110 : 70).strength(0.3))
    .force("x", forceX(0).strength(0.04))
    .force("y", forceY(0).strength(0.04))
    .stop();
  if (nodes.length <= 1500) sim.force("collide", forceCollide<{ x: number; y: number; r: number }>((d) => d.r + (nodes.length < 200 ? 30 : 6)));
  if (seeded) sim.alpha(0.3);
  const t0 = performance.now();
  for (let i = 0; i < input.maxTicks && sim.alpha() > sim.alphaMin(); i++) {
    sim.tick();
    if (performance.now() - t0 > input.budgetMs) break;
  }
  const out = new Float64Array(nodes.length * 2);
  nodes.forEach((n, i) => {
    out[2 * i] = n.x;
    out[2 * i + 1] = n.y;
  });
  return out;
}

