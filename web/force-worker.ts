// The force layout's Web Worker: receives the graph, pre-runs the ticks, posts the positions back.
import { type ForceInput, runForce } from "./force.js";

self.onmessage = (ev: MessageEvent<ForceInput>) => {
  const pos = runForce(ev.data);
  (self as unknown as Worker).postMessage(pos, [pos.buffer]);
};
