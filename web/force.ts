// d3-force with time budgets: a first layout quickly (for the first render), then refinements until it
// settles or the total budget is spent. The same code runs in the worker and, as a fallback, in the page.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";

export interface ForceInput {
  nodes: { x: number; y: number; r: number }[];
  links: [number, number][];
  /** Time until the first positions are reported. */
  firstMs: number;
  /** Total time, refinements included. */
  budgetMs: number;
  maxTicks: number;
}

/** Runs the simulation; `report` receives positions (x0, y0, x1, y1, ...) after `firstMs`, then every ~800 ms, and last with done = true. */
export function runForce(input: ForceInput, report: (pos: Float64Array, done: boolean) => void): void {
  const nodes = input.nodes.map((n) => ({
    x: Number.isFinite(n.x) ? n.x : undefined,
    y: Number.isFinite(n.y) ? n.y : undefined,
    r: n.r,
  })) as {
    x: number;
    y: number;
    r: number;
  }[];
  const small = nodes.length < 200;
  const seeded = nodes.every((n) => Number.isFinite(n.x));
  const sim = forceSimulation(nodes)
    .force(
      "charge",
      forceManyBody()
        .strength(small ? -520 : -160)
        .theta(nodes.length > 500 ? 1.5 : 0.9)
        .distanceMax(900),
    )
    .force(
      "link",
      forceLink(input.links.map(([source, target]) => ({ source, target })))
        .distance(small ? 110 : 70)
        .strength(0.3),
    )
    .force("x", forceX(0).strength(0.04))
    .force("y", forceY(0).strength(0.04))
    .stop();
  if (nodes.length <= 1500)
    sim.force(
      "collide",
      forceCollide<{ x: number; y: number; r: number }>((d) => d.r + (small ? 30 : 6)),
    );
  if (seeded) sim.alpha(0.3);
  const positions = () => {
    const out = new Float64Array(nodes.length * 2);
    nodes.forEach((n, i) => {
      out[2 * i] = n.x;
      out[2 * i + 1] = n.y;
    });
    return out;
  };
  const t0 = performance.now();
  let next = t0 + input.firstMs;
  let first = true;
  for (let i = 0; i < input.maxTicks && sim.alpha() > sim.alphaMin(); i++) {
    sim.tick();
    const now = performance.now();
    if (now - t0 > input.budgetMs) break;
    if (now >= next) {
      report(positions(), false);
      first = false;
      next = now + 800;
    }
  }
  report(positions(), true);
  void first;
}
