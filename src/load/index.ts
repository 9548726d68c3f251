// The load stage: paths → declarations and diagnostics (errors are values; the CLI decides the exit code).
import * as fs from "node:fs";
import * as path from "node:path";
import type { Declaration, Diagnostic } from "../model/types.js";
import { byCodeUnit } from "../util/order.js";
import { discover, displayPath, type FoundFile } from "./discover.js";
import type { Dependent, Interface, Provision } from "./formats/contract.js";
import { EXTENDABLE, formats } from "./formats/index.js";
import { discoverMemory, isMemoryDir, type MemoryTree, readMemory } from "./memory.js";
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
}

export interface LoadOptions {
  cwd?: string;
  /** Read every file an adapter claims, even those a walk passes over (Compose files without x-catch22): `catch22 init`. */
  readAllAdapterFiles?: boolean;
  /** Called after each file, for progress on a terminal. */
  onFile?: (done: number, total: number) => void;
  /** Read these in-memory files (a git revision) instead of the disk: `diff --base-ref`. */
  memory?: MemoryTree;
}

export function loadEstate(inputs: readonly string[], options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const timings = { discover: 0, read: 0, parse: 0, validate: 0 };
  let t = performance.now();
  const { memory } = options;
  const found = memory ? discoverMemory(inputs, cwd, memory) : discover(inputs, cwd);
  timings.discover = performance.now() - t;
  const diagnostics: Diagnostic[] = found.errors.map((e) => ({ file: e.file, line: 0, column: 0, message: e.message }));
  const skipped: Skipped[] = [...found.skipped];
  const read: ResolveParts = { declarations: [], interfaces: [], provides: [], dependents: [] };
  const manifestsUnder = new Map<string, number>();
  let done = 0;
  const take = (f: FoundFile, r: FileResult) => {
    read.declarations.push(...r.declarations);
    read.interfaces.push(...r.interfaces);
    read.provides.push(...r.provides);
    read.dependents.push(...r.dependents);
    diagnostics.push(...r.diagnostics);
    skipped.push(...r.skipped);
    for (const root of f.roots) {
      manifestsUnder.set(root, (manifestsUnder.get(root) ?? 0) + r.manifests + (r.diagnostics.length > 0 ? 1 : 0));
    }
  };
  // Files an adapter passed over in the walk (a Compose file without x-catch22): read after all
  // when a catch22 document extends one of their services.
  const passedOver: { f: FoundFile; buf: Buffer; documents: number[] }[] = [];
  for (const f of found.files) {
    t = performance.now();
    let buf: Buffer;
    try {
      buf = memory ? readMemory(memory, f.abs) : fs.readFileSync(f.abs);
    } catch (e) {
      diagnostics.push({ file: f.display, line: 0, column: 0, message: `cannot read it (${(e as NodeJS.ErrnoException).code})` });
      continue;
    }
    timings.read += performance.now() - t;
    const r = loadText(buf, f, timings, { readAllAdapterFiles: options.readAllAdapterFiles });
    if (r.passedOver.length > 0) passedOver.push({ f, buf, documents: r.passedOver });
    take(f, r);
    options.onFile?.(++done, found.files.length);
  }
  const extended = new Set(read.declarations.filter((d) => d.extends !== undefined).map((d) => `${d.extends} ${d.name}`));
  for (const { f, buf, documents } of extended.size > 0 ? passedOver : []) {
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
    if (isDir && !manifestsUnder.get(input)) {
      const passed = skipped.find((s) => s.adapter !== undefined && isUnder(s.file, displayPath(abs, cwd)));
      diagnostics.push({
        file: input,
        line: 0,
        column: 0,
        message:
          `no catch22 manifests here (looked for *.yaml and *.yml documents with "apiVersion: catch22/v1")` +
          (passed ? `; passed over ${passed.file}: ${passed.reason}` : ""),
      });
    }
  }
  t = performance.now();
  const resolved = resolve(read);
  timings.validate += performance.now() - t;
  diagnostics.push(...resolved.diagnostics);
  const declarations = resolved.declarations;
  diagnostics.sort((a, b) => byCodeUnit(a.file, b.file) || a.line - b.line || a.column - b.column || byCodeUnit(a.message, b.message));
  return { declarations, diagnostics, skipped, files: found.files.length, timings };
}

type ResolveParts = Pick<FileResult, "declarations" | "interfaces" | "provides" | "dependents">;

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
  options: Pick<LoadOptions, "readAllAdapterFiles"> & { documents?: ReadonlySet<number> } = {},
): FileResult {
  const out: FileResult = {
    declarations: [],
    diagnostics: [],
    skipped: [],
    manifests: 0,
    interfaces: [],
    provides: [],
    dependents: [],
    passedOver: [],
  };
  const file = f.display;
  const probe = buf.subarray(0, 8192);
  if (probe.includes(0)) {
    if (f.explicit) out.diagnostics.push({ file, line: 1, column: 1, message: "a binary file; expected YAML text" });
    else out.skipped.push({ file, reason: "a binary file" });
    return out;
  }
  let text = buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let t = performance.now();
  const parsed = parseYaml(text);
  if (timings) timings.parse += performance.now() - t;
  if (parsed.errors.length > 0) {
    if (f.explicit || text.includes("apiVersion: catch22/")) {
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
    const format = formats.find((a) => a.claims(doc, base));
    if (format) {
      const source = {
        file,
        dir: path.dirname(f.abs ?? path.resolve(file)),
        line: lines,
        wanted: f.explicit || Boolean(options.readAllAdapterFiles),
        extendable: EXTENDABLE,
      };
      const r = format.read(doc, source, problems);
      if (r.skipped !== undefined) {
        out.skipped.push({ file: where, reason: r.skipped, adapter: format.id });
        out.passedOver.push(i);
        return;
      }
      out.manifests++;
      out.declarations.push(...r.declarations);
      out.interfaces.push(...(r.interfaces ?? []));
      out.provides.push(...(r.provides ?? []));
      out.dependents.push(...(r.dependents ?? []));
      return;
    }
    out.skipped.push({ file: where, reason: skipReason(doc, base) });
  });
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
