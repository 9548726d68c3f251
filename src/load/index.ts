// The load stage: paths → declarations and diagnostics (errors are values; the CLI decides the exit code).
import * as fs from "node:fs";
import * as path from "node:path";
import type { Declaration, Diagnostic } from "../model/types.js";
import { append } from "../util/append.js";
import { byCodeUnit } from "../util/order.js";
import { discover, displayPath, type FoundFile } from "./discover.js";
import { readManifestsFast, StringTable } from "./fast/manifest.js";
import type { FileCache } from "./file-cache.js";
import type { Dependent, Include, Interface, Provision } from "./formats/contract.js";
import type { FormatId } from "./formats/ids.js";
import { EXTENDABLE, formatById, formats } from "./formats/index.js";
import { discoverMemory, isMemoryDir, type MemoryTree, readMemory } from "./memory.js";
import { MARKERS, reportNearMisses } from "./near-miss.js";
import { decodeText, readRegularFile } from "./read-file.js";
import { resolve } from "./resolve.js";
import { type PNode, parseYaml } from "./yaml.js";
import { field, Problems } from "./yaml-node.js";

export interface Skipped {
  file: string;
  reason: string;
  /** Set when an adapter claimed the document and then passed over it (a Compose file without x-catch22). */
  adapter?: string;
}

export interface LoadResult {
  /** Every service declaration, after the estate-wide resolve pass (APIs, `extends`). */
  declarations: Declaration[];
  diagnostics: Diagnostic[];
  /** Files and documents passed over, with why (for --verbose). */
  skipped: Skipped[];
  files: number;
  /** Time spent per stage, in milliseconds. */
  timings: { discover: number; read: number; parse: number; validate: number };
}

export interface FileResult {
  /** This file's declarations, before the resolve pass (which needs every file: see `resolve`). */
  declarations: Declaration[];
  diagnostics: Diagnostic[];
  skipped: Skipped[];
  /** Documents that were catch22 manifests (or adapter documents). */
  manifests: number;
  /** Backstage API entities, and the services that provide them, for the resolve pass. */
  interfaces: Interface[];
  provides: Provision[];
  /** Requirements written on the service they name (Backstage `dependencyOf`), for the resolve pass. */
  dependents: Dependent[];
  /** Indexes of the documents an adapter passed over (a Compose file without x-catch22). */
  passedOver: number[];
  /** Files its documents include (Compose `include:`), read by loadEstate. */
  includes: Include[];
}

export interface LoadOptions {
  cwd?: string;
  /** Read every file an adapter claims, even those a walk passes over (Compose files without x-catch22): `catch22 init`. */
  readAllAdapterFiles?: boolean;
  /** Called after each file, for progress on a terminal. */
  onFile?: (done: number, total: number) => void;
  /** Read these in-memory files (a git revision) instead of the disk: `diff --base-ref`. */
  memory?: MemoryTree;
  /** Keep each file's parse here and reuse it while the file is unchanged (`serve`); disk files only. */
  cache?: FileCache;
}

export function loadEstate(inputs: readonly string[], options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const timings = { discover: 0, read: 0, parse: 0, validate: 0 };
  let t = performance.now();
  const { memory } = options;
  const found = memory
    ? discoverMemory(inputs, cwd, memory)
    : options.cache
      ? options.cache.discover(inputs, cwd, discover)
      : discover(inputs, cwd);
  timings.discover = performance.now() - t;
  const diagnostics: Diagnostic[] = found.errors.map((e) => ({ file: e.file, line: 0, column: 0, message: e.message }));
  const skipped: Skipped[] = [...found.skipped];
  const read: ResolveParts = { declarations: [], interfaces: [], provides: [], dependents: [] };
  /** Per input path: documents read (or files in error), and declarations (or diagnostics) they gave. */
  const manifestsUnder = new Map<string, [number, number]>();
  let done = 0;
  const take = (f: FoundFile, r: FileResult) => {
    append(read.declarations, r.declarations);
    append(read.interfaces, r.interfaces);
    append(read.provides, r.provides);
    append(read.dependents, r.dependents);
    append(diagnostics, r.diagnostics);
    append(skipped, r.skipped);
    for (const root of f.roots) {
      const [m, d] = manifestsUnder.get(root) ?? [0, 0];
      manifestsUnder.set(root, [m + r.manifests + (r.diagnostics.length > 0 ? 1 : 0), d + r.declarations.length + r.diagnostics.length]);
    }
  };
  // Files an adapter passed over in the walk (a Compose file without x-catch22): read after all
  // when a catch22 document extends one of their services.
  const passedOver: { f: FoundFile; buf: Buffer | undefined; documents: number[] }[] = [];
  /** Includes to read, each with the files that led to it (real paths, and as messages show them). */
  const includes: (Include & { by: FoundFile; chain: string[]; names: string[] })[] = [];
  /** Real paths of the files read as manifests, so that an included file is read once (found only once there is an include: a realpath per file). */
  const readReal = new Set<string>();
  const readAbs: string[] = [];
  const intern = new StringTable();
  for (const f of found.files) {
    t = performance.now();
    const parse = (buf: Buffer) => loadText(buf, f, timings, { readAllAdapterFiles: options.readAllAdapterFiles, intern });
    const key = `${f.abs}\0${f.display}\0${f.explicit}\0${options.readAllAdapterFiles === true}`;
    const got = options.cache && !memory ? options.cache.read(key, f.abs, () => readInput(f.abs, memory), parse) : readInput(f.abs, memory);
    timings.read += performance.now() - t;
    if (!got.ok) {
      take(f, { ...emptyResult(), diagnostics: [{ file: f.display, line: 0, column: 0, message: got.message }] });
      continue;
    }
    const r = "result" in got ? got.result : parse(got.buf);
    // A cached parse has no bytes at hand: an adapter file passed over is read again should a document extend it.
    if (r.passedOver.length > 0) passedOver.push({ f, buf: got.buf, documents: r.passedOver });
    else if (r.manifests > 0) readAbs.push(f.abs);
    take(f, r);
    for (const inc of r.includes) includes.push({ ...inc, by: f, chain: [realOf(f.abs)], names: [f.display] });
    options.onFile?.(++done, found.files.length);
  }
  // Compose `include:`: each included file read once, as a Compose file, with positions in its own
  // file; a file that includes itself, directly or not, is an error at the include.
  if (includes.length > 0) for (const abs of readAbs) readReal.add(realOf(abs));
  for (let i = 0; i < includes.length; i++) {
    const inc = includes[i] as (typeof includes)[number];
    const real = realOf(inc.abs);
    const display = displayPath(inc.abs, cwd);
    if (inc.chain.includes(real)) {
      const loop = [...inc.names.slice(inc.chain.indexOf(real)), display].join(" → ");
      diagnostics.push({ ...inc.pos, message: `an include cycle: ${loop}; Compose refuses it, and catch22 reads each file once` });
      continue;
    }
    if (readReal.has(real)) continue;
    readReal.add(real);
    const got = readInput(inc.abs, memory);
    if (!got.ok) {
      take(inc.by, { ...emptyResult(), diagnostics: [{ ...inc.pos, message: `cannot include ${display}: ${got.message}` }] });
      continue;
    }
    const f: FoundFile = { abs: inc.abs, display, explicit: true, roots: inc.by.roots };
    const r = loadText(got.buf, f, timings, { as: "compose" });
    // A walk may have passed over the file (not a Compose file name); it is read now.
    for (let k = skipped.length - 1; k >= 0; k--) if ((skipped[k] as Skipped).file === display) skipped.splice(k, 1);
    take(f, r);
    for (const next of r.includes) includes.push({ ...next, by: f, chain: [...inc.chain, real], names: [...inc.names, display] });
  }
  const extended = new Set(read.declarations.filter((d) => d.extends !== undefined).map((d) => `${d.extends} ${d.name}`));
  for (const { f, buf: kept, documents } of extended.size > 0 ? passedOver : []) {
    const again = kept ? undefined : readInput(f.abs, memory);
    if (again && !again.ok) continue;
    const buf = kept ?? (again as { buf: Buffer }).buf;
    const r = loadText(buf, f, timings, { readAllAdapterFiles: true, documents: new Set(documents) });
    if (!r.declarations.some((d) => extended.has(`${d.origin} ${d.name}`))) continue;
    for (let i = skipped.length - 1; i >= 0; i--) {
      const s = skipped[i] as Skipped;
      if (s.adapter !== undefined && (s.file === f.display || s.file.startsWith(`${f.display} (`))) skipped.splice(i, 1);
    }
    take(f, r);
  }
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (found.errors.some((e) => e.file === input)) continue;
    let isDir = false;
    try {
      isDir = memory ? isMemoryDir(memory, abs) : fs.statSync(abs).isDirectory();
    } catch {
      continue;
    }
    const [manifests, declared] = manifestsUnder.get(input) ?? [0, 0];
    if (isDir && declared === 0) {
      const under = skipped.filter((s) => isUnder(s.file, displayPath(abs, cwd)));
      diagnostics.push({
        file: input,
        line: 0,
        column: 0,
        message:
          (manifests > 0
            ? "no services here: the catch22 documents found declare none"
            : `no catch22 manifests here (looked for *.yaml and *.yml documents with "apiVersion: catch22/v1")`) + skippedList(under),
      });
    } else if (!isDir && manifests > 0 && declared === 0) {
      diagnostics.push({ file: displayPath(abs, cwd), line: 0, column: 0, message: "no services in this file: nothing to analyse" });
    }
  }
  t = performance.now();
  // Parses a file cache keeps are seen by later loads: only a load without one owns its declarations.
  const resolved = resolve({ ...read, own: !options.cache || memory !== undefined });
  timings.validate += performance.now() - t;
  append(diagnostics, resolved.diagnostics);
  const declarations = resolved.declarations;
  diagnostics.sort((a, b) => byCodeUnit(a.file, b.file) || a.line - b.line || a.column - b.column || byCodeUnit(a.message, b.message));
  return { declarations, diagnostics, skipped, files: found.files.length, timings };
}

/** A file's bytes: from the in-memory tree (a git revision), else from the disk, a regular file only. */
function readInput(abs: string, memory: MemoryTree | undefined): ReturnType<typeof readRegularFile> {
  if (!memory) return readRegularFile(abs);
  try {
    return { ok: true, buf: readMemory(memory, abs) };
  } catch (e) {
    return { ok: false, message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

function realOf(abs: string): string {
  try {
    // One realpath(3) call, not an lstat per path component: this runs for every file of every load.
    return fs.realpathSync.native(abs);
  } catch {
    return abs;
  }
}

function emptyResult(): FileResult {
  return {
    declarations: [],
    diagnostics: [],
    skipped: [],
    manifests: 0,
    interfaces: [],
    provides: [],
    dependents: [],
    passedOver: [],
    includes: [],
  };
}

type ResolveParts = Pick<FileResult, "declarations" | "interfaces" | "provides" | "dependents">;

/** What a walk that found nothing skipped, and why: up to 20 entries, then a count (SPEC §1). */
function skippedList(list: readonly Skipped[]): string {
  if (list.length === 0) return "";
  const shown = list.slice(0, 20).map((s) => `${s.file}: ${s.reason}`);
  const more = list.length > 20 ? `; and ${list.length - 20} more` : "";
  return `; passed over ${list.length === 1 ? "" : `${list.length}: `}${shown.join("; ")}${more}`;
}

function isUnder(file: string, dir: string): boolean {
  return dir === "." || file.startsWith(`${dir}/`);
}

/**
 * Reads one file's bytes: binary check, YAML, then every document. Its declarations still need
 * the estate-wide `resolve` pass (src/load/resolve.ts) once every file is read.
 */
export function loadText(
  buf: Buffer,
  f: Pick<FoundFile, "display" | "explicit"> & { abs?: string },
  timings?: { parse: number; validate: number },
  options: Pick<LoadOptions, "readAllAdapterFiles"> & {
    documents?: ReadonlySet<number>;
    as?: FormatId;
    /** Shared by the files of one load, so that equal names are one string (src/load/fast/manifest.ts). */
    intern?: StringTable;
  } = {},
): FileResult {
  const out = emptyResult();
  const file = f.display;
  const decoded = decodeText(buf);
  if (!decoded.ok) {
    // Markers are ASCII: found in the decoded text, else in the raw bytes whatever the fault (NULs
    // dropped, so that UTF-16 and UTF-32 text shows them too).
    if (f.explicit || MARKERS.test(decoded.text ?? buf.toString("latin1").replace(/\0/g, "")))
      out.diagnostics.push({ file, ...decoded.fault });
    else out.skipped.push({ file, reason: decoded.fault.message });
    return out;
  }
  const text = decoded.text;
  let t = performance.now();
  // catch22 documents in plain block style are read in one walk; anything else, and every error, by the full path below.
  const fast =
    options.as === undefined && !options.documents
      ? readManifestsFast(text, file, options.intern ?? new StringTable(), decoded.bytes)
      : undefined;
  if (fast) {
    if (timings) timings.parse += performance.now() - t;
    out.declarations = fast.declarations;
    out.manifests = fast.documents;
    return out;
  }
  const parsed = parseYaml(text);
  if (timings) timings.parse += performance.now() - t;
  if (parsed.errors.length > 0) {
    if (f.explicit || MARKERS.test(text)) {
      for (const e of parsed.errors) out.diagnostics.push({ file, ...e });
    } else out.skipped.push({ file, reason: "not valid YAML" });
    return out;
  }
  t = performance.now();
  const problems = new Problems();
  const base = file.split("/").pop() as string;
  let starts: number[] | undefined;
  /** One line of the text, 1-based (line starts computed once, on first use). */
  const lines = (n: number): string => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    const start = starts[n - 1];
    return start === undefined ? "" : text.slice(start, starts[n] ?? text.length).replace(/\r?\n$/, "");
  };
  parsed.docs.forEach((doc, i) => {
    const where = parsed.docs.length > 1 ? `${file} (document ${i + 1})` : file;
    if (options.documents && !options.documents.has(i)) return;
    if (doc === null || (doc.kind === "scalar" && doc.value === null)) return;
    // An included file is read as its includer's format, whatever its name.
    const format = options.as !== undefined ? formatById(options.as) : formats.find((a) => a.claims(doc, base));
    if (format) {
      const source = {
        file,
        dir: path.dirname(f.abs ?? path.resolve(file)),
        line: lines,
        wanted: f.explicit || Boolean(options.readAllAdapterFiles),
        extendable: EXTENDABLE,
      };
      const r = format.read(doc, source, problems);
      if (format.id === "compose") reportNearMisses(doc, problems);
      if (r.skipped !== undefined) {
        out.skipped.push({ file: where, reason: r.skipped, adapter: format.id });
        out.passedOver.push(i);
        return;
      }
      out.manifests++;
      append(out.declarations, r.declarations);
      append(out.interfaces, r.interfaces ?? []);
      append(out.provides, r.provides ?? []);
      append(out.dependents, r.dependents ?? []);
      append(out.includes, r.includes ?? []);
      return;
    }
    const before = problems.list.length;
    reportNearMisses(doc, problems);
    if (problems.list.length === before) out.skipped.push({ file: where, reason: skipReason(doc, base) });
  });
  if (!f.explicit && out.manifests === 0 && out.skipped.length === 0 && problems.list.length === 0) {
    out.skipped.push({ file, reason: "no YAML content (empty, or comments only)" });
  }
  if (f.explicit && out.manifests === 0 && problems.list.length === 0) {
    problems.add({ line: 1, column: 1 }, `no catch22 document in this file; expected a document with "apiVersion: catch22/v1"`);
  }
  for (const p of problems.list) out.diagnostics.push({ file, ...p });
  if (timings) timings.validate += performance.now() - t;
  return out;
}

function skipReason(doc: PNode, fileName: string): string {
  for (const a of formats) {
    const why = a.passOver?.(doc, fileName);
    if (why !== undefined) return why;
  }
  const v = field(doc, "apiVersion");
  if (!v) return "no apiVersion: not a catch22 manifest";
  return `apiVersion ${v.kind === "scalar" ? String(v.value) : "(not text)"} is not catch22's`;
}
