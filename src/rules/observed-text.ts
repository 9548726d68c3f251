// How the observed-traffic rules word what traffic showed: "1,204 calls in traces/deps.json", "seen in a and b".
import { count, listNames } from "../util/text.js";

/** "1,204 calls in traces/deps.json", or "seen in traces/deps.json" where no file gives counts. */
export function seenIn(calls: number | null, files: readonly string[]): string {
  const where = listNames(files);
  if (calls === null) return `seen in ${where}`;
  return `${count(calls)} ${calls === 1 ? "call" : "calls"} in ${where}`;
}
