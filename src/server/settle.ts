// Waiting until the manifests stop changing before a re-analysis: a slow save must not be pushed half-written.
import { statSync } from "node:fs";
import { discover } from "../load/discover.js";

/** Every walked file's size and modification time: equal twice in a row means no write is under way. */
export function filesFingerprint(paths: readonly string[]): string {
  const found = discover(paths, process.cwd());
  const parts: string[] = [];
  for (const f of found.files) {
    try {
      const s = statSync(f.abs);
      parts.push(`${f.abs}\0${s.size}\0${s.mtimeMs}`);
    } catch {
      parts.push(`${f.abs}\0gone`);
    }
  }
  return parts.join("\n");
}

/**
 * Calls `ready` once the fingerprint has not changed for `quietMs` (checked every `quietMs`), or
 * after `maxWaitMs` of constant change, so a file written for ever still gets analysed. Returns a
 * cancel function (a new change starts over).
 */
export function whenStable(fingerprint: () => string, ready: () => void, quietMs: number, maxWaitMs: number): () => void {
  const start = Date.now();
  let last = fingerprint();
  let timer: NodeJS.Timeout | undefined = setTimeout(function check() {
    const now = fingerprint();
    if (now === last || Date.now() - start >= maxWaitMs) {
      timer = undefined;
      ready();
      return;
    }
    last = now;
    timer = setTimeout(check, quietMs);
  }, quietMs);
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}

/** The sizes and times of the files the watch named: cheaper than walking the estate again for one saved file. */
export function statsFingerprint(files: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const f of [...files].sort()) {
    try {
      const s = statSync(f);
      parts.push(`${f}\0${s.size}\0${s.mtimeMs}`);
    } catch {
      parts.push(`${f}\0gone`);
    }
  }
  return parts.join("\n");
}
