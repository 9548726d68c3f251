// What every bench probe does first: load the estate directory, or exit 2 naming the first input error.
import { type LoadResult, loadEstate } from "../load/index.js";

export function loadOrExit(dir: string): LoadResult {
  const load = loadEstate([dir]);
  if (load.diagnostics.length > 0) {
    process.stderr.write(`${load.diagnostics.length} input errors, e.g. ${JSON.stringify(load.diagnostics[0])}\n`);
    process.exit(2);
  }
  return load;
}
