// Reads the observed traffic files of a run (SPEC §7), in the order given, every error reported.
import { resolve } from "node:path";
import type { Diagnostic } from "../model/types.js";
import { append } from "../util/append.js";
import { readObservedFile } from "./read.js";
import type { FileReading } from "./types.js";

/** The observed files read, or the diagnostics of those that could not be (every file is read; all errors reported). */
export async function readObserved(
  files: readonly string[],
  cwd: string = process.cwd(),
): Promise<{ readings: FileReading[]; diagnostics: Diagnostic[] }> {
  // Read one at a time: a stream per file, and the order of `readings` is the order given.
  const readings: FileReading[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const abs = resolve(cwd, file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const r = await readObservedFile(abs, file);
    if (r.diagnostics.length > 0) append(diagnostics, r.diagnostics);
    else readings.push(r);
  }
  return { readings, diagnostics };
}
