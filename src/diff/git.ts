// The manifests of a git revision, read into memory (never written to disk), so both sides of a diff read alike.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { MemoryTree } from "../load/memory.js";

export interface RevisionTree {
  /** The full commit id the revision names. */
  commit: string;
  /** The directory paths are shown relative to (the current directory, as on the head side). */
  cwd: string;
  /** The revision's manifest candidates, in memory: load with `memory` (src/load/memory.ts). */
  memory: MemoryTree;
  /** The input paths that hold a manifest candidate at the revision (the others were added since). */
  paths: string[];
  /** The input paths that do not exist at the revision. */
  absent: string[];
}

export type RevisionOutcome = { ok: true; tree: RevisionTree } | { ok: false; message: string };

const YAML_EXT = /\.ya?ml$/i;
const MAX_BUFFER = 1 << 30;

function git(args: string[], cwd: string, input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync("git", args, { cwd, input, maxBuffer: MAX_BUFFER });
  if (r.error)
    return {
      ok: false,
      stdout: Buffer.alloc(0),
      stderr: (r.error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : r.error.message,
    };
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString("utf8").trim() };
}

function under(file: string, dir: string): boolean {
  return dir === "" || file === dir || file.startsWith(`${dir}/`);
}

/**
 * Reads the files that `inputs` (relative to `cwd`) reach at `ref`: every *.yaml and *.yml under an
 * input directory, and each input file itself. The loader then walks them in memory with its usual rules.
 */
export function checkoutRevision(ref: string, inputs: readonly string[], cwd: string): RevisionOutcome {
  if (ref === "" || ref.startsWith("-")) return { ok: false, message: `"${ref}" is not a git revision` };
  const realCwd = fs.realpathSync(cwd);
  const top = git(["rev-parse", "--show-toplevel"], realCwd);
  if (!top.ok)
    return { ok: false, message: `--base-ref needs a git repository, and ${realCwd} is not in one (${top.stderr.split("\n")[0]})` };
  const root = fs.realpathSync(top.stdout.toString("utf8").trim());
  const rev = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
  if (!rev.ok)
    return { ok: false, message: `unknown git revision "${ref}" (for a pull request's base, fetch it first: git fetch origin <branch>)` };
  const commit = rev.stdout.toString("utf8").trim();
  const wanted: { input: string; rel: string }[] = [];
  for (const input of inputs) {
    const rel = path.relative(root, path.resolve(realCwd, input)).split(path.sep).join("/");
    if (rel.startsWith("..") || path.isAbsolute(rel))
      return { ok: false, message: `${input} is outside the git repository ${root}; --base-ref reads paths inside it` };
    wanted.push({ input, rel });
  }
  const listing = git(["ls-tree", "-r", "-z", "--full-tree", commit], root);
  if (!listing.ok) return { ok: false, message: `cannot list ${ref}: ${listing.stderr}` };
  const files: { mode: string; oid: string; file: string }[] = [];
  const present = new Set<string>();
  for (const line of listing.stdout.toString("utf8").split("\0")) {
    if (line === "") continue;
    const tab = line.indexOf("\t");
    const [mode, type, oid] = line.slice(0, tab).split(" ") as [string, string, string];
    const file = line.slice(tab + 1);
    if (type !== "blob") continue;
    let take = false;
    for (const w of wanted) {
      if (!under(file, w.rel) || !(file === w.rel || YAML_EXT.test(file))) continue;
      present.add(w.input);
      take = true;
    }
    if (take) files.push({ mode, oid, file });
  }
  // Blobs are read into memory and loaded from there: the base tree is never written to disk, so no
  // symbolic link in it (`lnk.yaml -> /etc`, next to a directory of the same name) can send a write
  // anywhere. Links stay links: listed as skipped, never followed.
  try {
    const wantedBlobs = files.filter((f) => f.mode !== "120000");
    const blobs = git(["cat-file", "--batch"], root, wantedBlobs.map((f) => f.oid).join("\n") + (wantedBlobs.length > 0 ? "\n" : ""));
    if (!blobs.ok) throw new Error(`cannot read ${ref}: ${blobs.stderr}`);
    // The batch output: "<oid> blob <size>\n<content>\n" per object, in request order.
    const contents = new Map<string, Buffer>();
    let at = 0;
    const out = blobs.stdout;
    for (const f of wantedBlobs) {
      const eol = out.indexOf(0x0a, at);
      const size = Number(out.subarray(at, eol).toString("latin1").split(" ")[2]);
      contents.set(f.file, out.subarray(eol + 1, eol + 1 + size));
      at = eol + 1 + size + 1;
    }
    const links = new Set(files.filter((f) => f.mode === "120000").map((f) => f.file));
    const paths = wanted.filter((w) => present.has(w.input)).map((w) => w.input);
    const absent = wanted.filter((w) => !present.has(w.input)).map((w) => w.input);
    return { ok: true, tree: { commit, cwd: realCwd, memory: { root, files: contents, links }, paths, absent } };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
