// The force layout: d3-force run in a Web Worker made from a Blob URL (works from file://), with time budgets.
// The layered layout is in layered.ts.

// The worker's bundled source, injected at build time (web/build.mjs).
import workerSource from "worker-source";
import type { Visible } from "./derive.js";
import { type ForceInput, runForce } from "./force.js";

export type LayoutKind = "force" | "layered";
export { layeredLayout } from "./layered.js";

let workerUrl: string | undefined;

/**
 * Runs the force layout off the main thread. Resolves with the first positions (quickly, for the first
 * render); later refinements are applied to the same nodes and announced through `onRefine`.
 */
export function forceLayout(v: Visible, onRefine: () => boolean): Promise<void> {
  const index = new Map(v.nodes.map((n, i) => [n.id, i]));
  const n = v.nodes.length;
  const input: ForceInput = {
    nodes: v.nodes.map((node) => ({ x: node.x, y: node.y, r: node.r })),
    links: v.edges.map((e) => [index.get(e.source.id) as number, index.get(e.target.id) as number]),
    firstMs: n > 300 ? 500 : 1200,
    budgetMs: n > 300 ? 3000 : 2500,
    maxTicks: 300,
  };
  const apply = (pos: Float64Array) => {
    v.nodes.forEach((node, i) => {
      node.x = pos[2 * i] as number;
      node.y = pos[2 * i + 1] as number;
    });
  };
  return new Promise((resolve) => {
    let resolved = false;
    const receive = (pos: Float64Array, done: boolean, stop: () => void) => {
      apply(pos);
      if (!resolved) {
        resolved = true;
        resolve();
      } else if (!onRefine()) stop();
      if (done) stop();
    };
    let worker: Worker;
    try {
      workerUrl ??= URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
      worker = new Worker(workerUrl);
    } catch {
      runForce({ ...input, budgetMs: input.firstMs }, (pos, done) => done && receive(pos, true, () => {}));
      return;
    }
    const stop = () => worker.terminate();
    worker.onmessage = (ev: MessageEvent<{ pos: Float64Array; done: boolean }>) => receive(ev.data.pos, ev.data.done, stop);
    worker.onerror = (ev) => {
      ev.preventDefault();
      stop();
      if (!resolved) runForce({ ...input, budgetMs: input.firstMs }, (pos, done) => done && receive(pos, true, () => {}));
    };
    worker.postMessage(input);
  });
}
