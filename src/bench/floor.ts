// The floor: the same files read and parsed by js-yaml alone (no positions, no checks), in a fresh process.
import * as fs from "node:fs";
import * as path from "node:path";
import jsyaml from "js-yaml";
import { startMeter } from "./meter.js";

const dir = process.argv[2] as string;
const meter = startMeter();
const t0 = performance.now();
const files: string[] = [];
const stack = [dir];
while (stack.length > 0) {
  const d = stack.pop() as string;
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const full = path.join(d, e.name);
    if (e.isDirectory()) stack.push(full);
    else if (/\.ya?ml$/.test(e.name)) files.push(full);
  }
}
let docs = 0;
for (const f of files) jsyaml.loadAll(fs.readFileSync(f, "utf8"), () => docs++);
const total = performance.now() - t0;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ total, docs, peakRssMb, ...(await meter.read()) })}\n`);
