// The force layout's Web Worker: receives the graph, pre-runs the ticks, posts positions as they improve.
import { type ForceInput, runForce } from "./force.js";

self.onmessage = (ev: MessageEvent<ForceInput>) => {
  runForce(ev.data, (pos, done) => (self as unknown as Worker).postMessage({ pos, done }, [pos.buffer]));
};
