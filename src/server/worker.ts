// serve's analysis thread: re-analyses when asked and posts the change as soon as it is known; builds the whole payload when a page asks for it.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import type { EvaluationConfig } from "../evaluate.js";
import { Analyser } from "./analyser.js";
import { handler, type ToWorker } from "./worker-link.js";

const { paths, config, after } = workerData as { paths: string[]; config: EvaluationConfig; after: number };
const port = parentPort;
if (!port) throw new Error("serve's analysis worker runs only as a worker thread");
// An analysis of a large estate leaves hundreds of MB of garbage (the estate, its graph, the parse of a
// whole file); collected at once when the worker is done, the process gives the memory back while idle
// instead of holding it until the next analysis. The flag only exposes `gc` to this code.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as (() => void) | undefined;
let pending: NodeJS.Timeout | undefined;
const settled = () => {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => collect?.(), 200);
};
const handle = handler(
  new Analyser(paths, config, undefined, after),
  (m, transfer) => port.postMessage(m, transfer ?? []),
  undefined,
  settled,
);
port.on("message", (m: ToWorker) => handle(m));
