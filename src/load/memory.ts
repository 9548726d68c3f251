// Files held in memory (a git revision's blobs): found as the disk walk finds them and read from memory, so nothing is written or followed on disk.
import * as path from "node:path";
import type { Discovery, FoundFile } from "./discover.js";
import { displayPath } from "./discover.js";
import { isInputFileName } from "./formats/index.js";

/** Repository-relative paths (forward slashes) to their bytes, and the paths that are symbolic links there. */
export interface MemoryTree {
  /** The absolute directory the paths are relative to (the repository root). */
  root: string;
  files: ReadonlyMap<string, Buffer>;
  /** Symbolic links in the tree: listed as skipped, never followed (their target may be anywhere). */
  links: ReadonlySet<string>;
}

/** Plain string order within a directory, a directory's files before its subdirectories: the order the disk walk reads in. */
function walkOrder(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const xFile = i === a.length - 1;
    const yFile = i === b.length - 1;
    if (xFile !== yFile) return xFile ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function relOf(tree: MemoryTree, abs: string): string {
  return path.relative(tree.root, abs).split(path.sep).join("/");
}

/** The repository-relative key of an absolute path, or undefined when it is outside the tree. */
function keyOf(tree: MemoryTree, abs: string): string | undefined {
  const rel = relOf(tree, abs);
  return rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel;
}

export function isMemoryDir(tree: MemoryTree, abs: string): boolean {
  const rel = keyOf(tree, abs);
  if (rel === undefined) return false;
  if (rel === "") return true;
  for (const k of [...tree.files.keys(), ...tree.links]) if (k.startsWith(`${rel}/`)) return true;
  return false;
}

export function readMemory(tree: MemoryTree, abs: string): Buffer {
  const rel = keyOf(tree, abs);
  const buf = rel === undefined ? undefined : tree.files.get(rel);
  if (!buf) throw Object.assign(new Error(`${abs} is not in the revision`), { code: "ENOENT" });
  return buf;
}

/** As `discover` on disk: sorted walk, `node_modules` and dot-directories skipped, a file reached twice read once. */
export function discoverMemory(inputs: readonly string[], cwd: string, tree: MemoryTree): Discovery {
  const out: Discovery = { files: [], errors: [], skipped: [] };
  const seen = new Map<string, FoundFile>();
  const skip = (rel: string, reason: string) => {
    out.skipped.push({ file: displayPath(path.join(tree.root, rel), cwd), reason });
  };
  const add = (rel: string, explicit: boolean, root: string) => {
    const had = seen.get(rel);
    if (had) {
      if (!had.roots.includes(root)) had.roots.push(root);
      had.explicit ||= explicit;
      return;
    }
    const abs = path.join(tree.root, ...rel.split("/"));
    const f: FoundFile = { abs, display: displayPath(abs, cwd), explicit, roots: [root] };
    seen.set(rel, f);
    out.files.push(f);
  };
  const LINK = "a symbolic link in the base revision (not followed)";
  for (const input of inputs) {
    const rel = keyOf(tree, path.resolve(cwd, input));
    if (rel === undefined) {
      out.errors.push({ file: input, message: "outside the git repository" });
      continue;
    }
    if (tree.links.has(rel)) {
      skip(rel, LINK);
      continue;
    }
    if (tree.files.has(rel)) {
      add(rel, true, input);
      continue;
    }
    if (!isMemoryDir(tree, path.resolve(cwd, input))) {
      out.errors.push({ file: input, message: "no such file or directory" });
      continue;
    }
    const under = (k: string) => rel === "" || k.startsWith(`${rel}/`);
    // A passed-over directory is a leaf of the walk at its level, as the disk walk lists it.
    const found: { parts: string[]; skip?: string }[] = [];
    const blockedDirs = new Set<string>();
    for (const k of [...tree.files.keys(), ...tree.links]) {
      if (!under(k)) continue;
      const parts = (rel === "" ? k : k.slice(rel.length + 1)).split("/");
      const blocked = parts.slice(0, -1).findIndex((p) => p === "node_modules" || p.startsWith("."));
      if (blocked >= 0) {
        const dirParts = parts.slice(0, blocked + 1);
        const key = dirParts.join("/");
        if (blockedDirs.has(key)) continue;
        blockedDirs.add(key);
        found.push({ parts: dirParts, skip: (parts[blocked] as string).startsWith(".") ? "a dot-directory" : "node_modules" });
        continue;
      }
      if (!isInputFileName(parts[parts.length - 1] as string)) continue;
      found.push({ parts });
    }
    found.sort((a, b) => walkOrder(a.parts, b.parts));
    for (const { parts, skip: why } of found) {
      const k = [rel, ...parts].filter((p) => p !== "").join("/");
      if (why !== undefined) skip(k, why);
      else if (tree.links.has(k)) skip(k, LINK);
      else add(k, false, input);
    }
  }
  return out;
}
