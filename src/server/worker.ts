// serve's analysis thread: re-analyses when asked and posts the change as soon as it is known; builds the whole payload when a page asks for it.
import { parentPort, workerData } from "node:worker_threads";
import type { EvaluationConfig } from "../evaluate.js";
import { Analyser } from "./analyser.js";
import { handler, type ToWorker } from "./worker-link.js";

const { paths, config } = workerData as { paths: string[]; config: EvaluationConfig };
const port = parentPort;
if (!port) throw new Error("serve's analysis worker runs only as a worker thread");
const handle = handler(new Analyser(paths, config), (m, transfer) => port.postMessage(m, transfer ?? []));
port.on("message", (m: ToWorker) => handle(m));
