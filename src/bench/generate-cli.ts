// CLI for the estate generator: `node dist/bench/generate-cli.js --services 10000 --seed 1 --shape realistic --out DIR`.
import { runGenerate } from "./generate-command.js";

try {
  process.exitCode = await runGenerate(process.argv);
} catch (e) {
  // what is left is the disk (a folder that cannot be written): a message, not a stack trace
  process.stderr.write(`generate-cli: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
