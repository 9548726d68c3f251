// Reads one observed-traffic file (SPEC §7): regular files only, size-capped, format recognised by content.
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { verifyFile } from "stream-json/file/verifier.js";
import type { Diagnostic } from "../model/types.js";
import { OBSERVED_FORMATS } from "./formats/index.js";
import { isObject, jsonError, jsonMessage, partialJson } from "./json.js";
import type { FileReading, ObservedFormat, Sample, Source } from "./types.js";

export interface ReadOptions {
  /** Largest file read, in bytes (default 4 GiB, over which Node cannot hold a string anyway for whole-file formats). */
  maxBytes?: number;
  /** Files up to this size are read whole; larger JSON trace files are streamed (default 8 MiB). */
  streamAbove?: number;
  /** How much of a large file the signatures see (default 64 KiB: the first items of any format). */
  headBytes?: number;
}

const MiB = 1024 * 1024;

function fail(file: string, message: string, line = 0, column = 0): FileReading {
  return { file, format: null, edges: [], diagnostics: [{ file, line, column, message }] };
}

/** What kind of file system object `path` is, in words, when it is not a regular file. */
function kindOf(s: import("node:fs").Stats): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

function firstLineObject(text: string): unknown {
  const nl = text.indexOf("\n");
  if (nl < 0) return undefined;
  const line = text.slice(0, nl).trim();
  if (!line.startsWith("{")) return undefined;
  try {
    const v: unknown = JSON.parse(line);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function readHead(path: string, bytes: number): Promise<string> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    // Cut at the last newline or brace boundary is unnecessary: partialJson ignores an unfinished tail, and a
    // split UTF-8 sequence at the very end only turns into a replacement character there.
    return stripBom(buf.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await fh.close();
  }
}

/** Builds what the signatures see: the whole document for a small file, its opening for a large one. */
function sampleOf(head: string, complete: boolean): Sample {
  const sample: Sample = { head, complete };
  const start = head.trimStart()[0];
  if (start === "{" || start === "[") {
    if (complete) {
      try {
        sample.json = JSON.parse(head);
      } catch {
        // Not one JSON document: maybe JSON lines, else malformed (located after no signature matched).
      }
    } else {
      sample.json = partialJson(head);
    }
    sample.firstLine = firstLineObject(head);
  }
  return sample;
}

/** The formats of SPEC §7's table in the order their signatures are tried. */
export function formatTitles(formats: readonly ObservedFormat[] = OBSERVED_FORMATS): string {
  return formats.map((f) => f.title).join(", ");
}

/**
 * Reads `path` (shown as `file` in diagnostics): never opens anything but a regular file, recognises the
 * format by its content, and returns the file's edges (calls added up per edge) or its diagnostics.
 */
export async function readObservedFile(path: string, file: string = path, options: ReadOptions = {}): Promise<FileReading> {
  const maxBytes = options.maxBytes ?? 4096 * MiB;
  const streamAbove = options.streamAbove ?? 8 * MiB;
  const headBytes = options.headBytes ?? 64 * 1024;
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) return fail(file, `observed file is ${kindOf(s)}, not a regular file: not opened`);
    size = s.size;
  } catch (e) {
    return fail(file, `cannot read observed file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (size > maxBytes) return fail(file, `observed file is ${size} bytes, over the limit of ${maxBytes}`);

  let sample: Sample;
  let whole: string | undefined;
  try {
    if (size <= streamAbove) {
      whole = stripBom(await readFile(path, "utf8"));
      sample = sampleOf(whole, true);
    } else {
      sample = sampleOf(await readHead(path, Math.min(headBytes, size)), false);
    }
  } catch (e) {
    return fail(file, `cannot read observed file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }

  const format = OBSERVED_FORMATS.find((f) => f.detect(sample));
  if (format === undefined) {
    const start = sample.head.trimStart()[0];
    if ((start === "{" || start === "[") && sample.json === undefined && sample.firstLine === undefined) {
      const err = jsonError(whole ?? (await readFile(path, "utf8")));
      if (err !== null) return fail(file, err.message, err.line, err.column);
    }
    return fail(file, `not a known observed-traffic format (tried: ${formatTitles()})`);
  }

  const source: Source = {
    file,
    sample,
    text: async () => whole ?? stripBom(await readFile(path, "utf8")),
    stream: (opts) => createReadStream(path, opts),
  };
  let result: Awaited<ReturnType<ObservedFormat["read"]>>;
  try {
    result = await format.read(source);
  } catch (e) {
    // A streamed document that turns out malformed past its opening: stream-json's verifier locates it.
    if (!sample.complete) {
      try {
        await verifyFile(path);
      } catch (v) {
        const err = v as { line?: number; pos?: number; message?: string };
        if (typeof err.line === "number") return fail(file, jsonMessage(String(err.message)), err.line, err.pos ?? 0);
      }
    }
    // A reader reports what it knows as diagnostics; what escapes is an I/O failure (or a file too big to hold).
    return fail(file, `cannot read observed file as ${format.title}: ${(e as Error).message ?? String(e)}`);
  }
  const diagnostics: Diagnostic[] = result.diagnostics.map((d) => ({ file, ...d }));
  return { file, format: format.id, edges: diagnostics.length > 0 ? [] : result.edges, diagnostics };
}
