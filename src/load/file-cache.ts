// Each file's parse kept between loads (`serve`): a file whose size and time, or else whose bytes, are unchanged is not parsed again.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { Discovery } from "./discover.js";
import type { FileResult } from "./index.js";
import type { ReadOutcome } from "./read-file.js";

interface Kept {
  size: number;
  mtimeMs: number;
  /** The bytes' digest: a save that writes the same bytes (a new time) keeps the parse. */
  digest: string;
  result: FileResult;
}

/** What a lookup gave: the file's parse, and its bytes when they were read (a cache hit reads nothing). */
export type CachedRead = { ok: true; result: FileResult; buf?: Buffer } | { ok: false; message: string };

/**
 * Parses by file. The key holds what a parse depends on besides the bytes (the name shown, named on the
 * command line or found by a walk, adapter files read whole or not). The results are never changed by
 * the load stage (resolve and buildEstate are pure), so one result may feed many loads.
 */
export class FileCache {
  private kept = new Map<string, Kept>();
  private used = new Set<string>();
  /** Files parsed (missed) and reused (hit) since the last `sweep`, for tests and the bench. */
  parsed = 0;
  reused = 0;

  read(key: string, abs: string, readFile: () => ReadOutcome, parse: (buf: Buffer) => FileResult): CachedRead {
    this.used.add(key);
    const old = this.kept.get(key);
    // A file the watch did not name, when it named every change: unchanged, without a stat.
    if (old && this.trusted && !this.trusted.has(abs)) {
      this.reused++;
      return { ok: true, result: old.result };
    }
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch {
      st = undefined;
    }
    if (old && st && st.size === old.size && st.mtimeMs === old.mtimeMs) {
      this.reused++;
      return { ok: true, result: old.result };
    }
    const got = readFile();
    if (!got.ok) {
      this.kept.delete(key);
      return got;
    }
    const digest = createHash("sha1").update(got.buf).digest("base64");
    // The time is the one before the read: a write during the read changes it again, so it is read once more next time.
    const size = st?.size ?? -1;
    const mtimeMs = st?.mtimeMs ?? -1;
    if (old && old.digest === digest) {
      this.kept.set(key, { ...old, size, mtimeMs });
      this.reused++;
      return { ok: true, result: old.result, buf: got.buf };
    }
    const result = parse(got.buf);
    this.parsed++;
    this.kept.set(key, { size, mtimeMs, digest, result });
    return { ok: true, result, buf: got.buf };
  }

  /** The last walk, for the inputs and directory it walked, with the files it found. */
  private walked: { key: string; found: Discovery; files: Set<string> } | undefined;
  /** The files named for the next load (`named`), or undefined: walk again. */
  private changed: readonly string[] | undefined;

  /**
   * What the watch named since the last load, when it could name every change (`serve`): if each is a
   * file the last walk found and still a plain file, the folders hold the same files and the walk is
   * skipped (a file created or deleted, or a folder renamed, names something else, or nothing at all);
   * and the files it did not name are taken as they were, without a stat each.
   */
  named(files: readonly string[] | undefined): void {
    this.changed = files;
    this.trusted = files ? new Set(files) : undefined;
  }

  /** The files named for this load: every other file kept is taken as unchanged (no stat). */
  private trusted: Set<string> | undefined;

  /** The files under the inputs: the last walk's when `named` allows, else `walk`'s (kept for next time). */
  discover(inputs: readonly string[], cwd: string, walk: (inputs: readonly string[], cwd: string) => Discovery): Discovery {
    const key = `${cwd}\0${inputs.join("\0")}`;
    const last = this.walked;
    const changed = this.changed;
    this.changed = undefined;
    if (last?.key === key && changed && changed.every((f) => last.files.has(f) && plainFile(f))) return last.found;
    const found = walk(inputs, cwd);
    this.walked = { key, found, files: new Set(found.files.map((f) => f.abs)) };
    return found;
  }

  /** Forgets the files no load has asked for since the last sweep (deleted, or no longer walked). */
  sweep(): void {
    this.trusted = undefined;
    for (const key of this.kept.keys()) if (!this.used.has(key)) this.kept.delete(key);
    this.used.clear();
  }

  get size(): number {
    return this.kept.size;
  }
}

function plainFile(f: string): boolean {
  try {
    return fs.lstatSync(f).isFile();
  } catch {
    return false;
  }
}
