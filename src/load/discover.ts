// Input paths → the manifest files to read: a sorted, recursive walk that never loops and reads a file once.
import * as fs from "node:fs";
import * as path from "node:path";
import { isInputFileName } from "./formats/index.js";

export interface FoundFile {
  abs: string;
  /** Relative to the current directory, with forward slashes: what messages and reports show. */
  display: string;
  /** Named on the command line (errors that a walk would skip are reported). */
  explicit: boolean;
  /** The input paths that led here (directories, or the file itself). */
  roots: string[];
}

export interface Discovery {
  files: FoundFile[];
  /** Input paths that do not exist or cannot be read. */
  errors: { file: string; message: string }[];
  /** What the walk passed over and why (for --verbose). */
  skipped: { file: string; reason: string }[];
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs) || ".";
  return rel.split(path.sep).join("/");
}

export function discover(inputs: readonly string[], cwd: string): Discovery {
  const out: Discovery = { files: [], errors: [], skipped: [] };
  const seenFiles = new Map<string, FoundFile>();
  /** `known`: the file's real path, when the walk knows it (a plain file in a folder whose real path it has). */
  const addFile = (abs: string, explicit: boolean, root: string, known?: string) => {
    let real: string;
    try {
      // One realpath(3) call (glibc's reads every component of the path as a link: ~8 syscalls) when not known.
      real = known ?? fs.realpathSync.native(abs);
    } catch (e) {
      out.skipped.push({ file: displayPath(abs, cwd), reason: `cannot resolve (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    const seen = seenFiles.get(real);
    if (seen) {
      if (!seen.roots.includes(root)) seen.roots.push(root);
      seen.explicit ||= explicit;
      // One file under two paths (links, overlapping inputs): always shown under the first in plain string order.
      const display = displayPath(abs, cwd);
      if (display < seen.display) {
        seen.abs = abs;
        seen.display = display;
      }
      return;
    }
    const f = { abs, display: displayPath(abs, cwd), explicit, roots: [root] };
    seenFiles.set(real, f);
    out.files.push(f);
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file or directory" : code === "ELOOP" ? "a symbolic link loop" : `cannot read it (${code})`;
      out.errors.push({ file: input, message: why });
      continue;
    }
    if (st.isFile()) {
      addFile(abs, true, input);
      continue;
    }
    if (!st.isDirectory()) {
      out.errors.push({ file: input, message: `${special(st)}, not a regular file or a directory; catch22 did not open it` });
      continue;
    }
    // Iterative walk; entries sorted in plain string order so discovery is deterministic. Each input
    // walks on its own (overlapping inputs still know what they reached); files are read once.
    // A folder's real path is its parent's real path and its name unless it is reached through a link: the
    // walk resolves only the input and the links (realpath per folder and per file was 20,000 syscalls at 100,000 services).
    const seenDirs = new Set<string>();
    const stack: [string, string | undefined][] = [[abs, undefined]];
    while (stack.length > 0) {
      const [dir, known] = stack.pop() as [string, string | undefined];
      let real: string;
      try {
        real = known ?? fs.realpathSync.native(dir);
      } catch {
        out.skipped.push({ file: displayPath(dir, cwd), reason: "cannot resolve (a symbolic link loop?)" });
        continue;
      }
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        // A directory the walk cannot read may hold manifests: an error, never a silent gap (SPEC §1).
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === "EACCES" || code === "EPERM" ? "permission denied" : "cannot list it";
        out.errors.push({ file: displayPath(dir, cwd), message: `a directory the walk cannot read (${why}, ${code})` });
        continue;
      }
      const names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const kinds = new Map(entries.map((e) => [e.name, e]));
      const subdirs: [string, string | undefined][] = [];
      for (const name of names) {
        const full = path.join(dir, name);
        const ent = kinds.get(name) as fs.Dirent;
        const link = ent.isSymbolicLink();
        let isDir = ent.isDirectory();
        let isFile = ent.isFile();
        let other = !isDir && !isFile && !link ? special(ent) : undefined;
        // what the entry really is: its folder's real path and its name, unless it is a link (resolved when reached)
        const known = link ? undefined : path.join(real, name);
        if (link) {
          try {
            const s = fs.statSync(full);
            isDir = s.isDirectory();
            isFile = s.isFile();
            if (!isDir && !isFile) other = special(s);
          } catch {
            out.skipped.push({ file: displayPath(full, cwd), reason: "a broken symbolic link or a link loop" });
            continue;
          }
        }
        if (isDir) {
          if (name === "node_modules" || name.startsWith(".")) {
            out.skipped.push({ file: displayPath(full, cwd), reason: name.startsWith(".") ? "a dot-directory" : "node_modules" });
          } else subdirs.push([full, known]);
        } else if (isFile && isInputFileName(name)) {
          addFile(full, false, input, known);
        } else if (other !== undefined && isInputFileName(name)) {
          // A FIFO or a device (`/dev/zero` behind a link) named like a manifest: never opened, never passed over in silence.
          out.errors.push({
            file: displayPath(full, cwd),
            message: `${other}, not a regular file; catch22 reads only regular files and did not open it`,
          });
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as [string, string | undefined]);
    }
  }
  return out;
}

/** What a file that is neither regular nor a directory is, in words. */
function special(s: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}
