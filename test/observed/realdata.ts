// Finds the shared real-data folder (../shared/realdata beside the checkout, or beside its parent for a worktree).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function find(): string | undefined {
  for (let dir = root, i = 0; i < 3; i++, dir = dirname(dir)) {
    const candidate = join(dir, "..", "shared", "realdata");
    if (existsSync(join(candidate, "observed"))) return resolve(candidate);
  }
  return undefined;
}

export const REALDATA = find();
export const IN_CI = process.env.CI === "true";
/** Skip when the data is absent, except under CI, where its absence fails the run. */
export const SKIP_REALDATA = REALDATA === undefined && !IN_CI;
if (SKIP_REALDATA) console.warn("skipping the observed real-data tests: ../shared/realdata is absent (they run under CI=true)");
