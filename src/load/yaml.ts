// YAML text → documents as position-carrying nodes. Fast path: js-yaml; exact path: the `yaml` package.
import jsyaml from "js-yaml";
import type { Node as YamlNode } from "yaml";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";
import { explainErrors, type ParseError } from "./yaml-errors.js";

/** 1-based line and column. */
export interface Point {
  line: number;
  column: number;
}

export type Scalar = string | number | boolean | null;

/** A YAML node with the position of its first character (anchors and tags skipped). */
export type PNode =
  | { kind: "scalar"; value: Scalar; at: Point }
  | { kind: "seq"; items: PNode[]; at: Point }
  | { kind: "map"; pairs: { key: PNode; value: PNode }[]; at: Point };

export type { ParseError } from "./yaml-errors.js";

export interface ParsedText {
  /** One entry per document; `null` for an empty one. */
  docs: (PNode | null)[];
  errors: ParseError[];
}

/** Deeper than this is not a manifest; js-yaml's own limit, applied on both paths. */
export const MAX_DEPTH = 100;

/**
 * Parses every document of a YAML text. js-yaml (~8× faster than `yaml` here) gives positions
 * through its listener; when that parse fails, or its events cannot be matched to the values
 * (aliases to collections, unusual layouts), the `yaml` package parses the text again: it reports
 * every error of the file with its position, limits alias expansion and flags duplicate keys.
 */
export function parseYaml(text: string): ParsedText {
  const fast = parseFast(text);
  if (fast.ok) return { docs: fast.docs, errors: [] };
  if (fast.depthError) return { docs: [], errors: [fast.depthError] };
  const exact = parseExact(text);
  if (exact.errors.length === 0 && fast.error) return { docs: [], errors: explainErrors(text, [fast.error]) };
  return exact.errors.length === 0 ? exact : { docs: [], errors: explainErrors(text, exact.errors) };
}

// ---------- fast path ----------

/** A node being composed: frames are pooled by depth, children collected as (node, value) pairs. */
interface Frame {
  offset: number;
  line: number;
  lineStart: number;
  kids: PNode[] | null;
  kidValues: unknown[] | null;
}

type FastResult = { ok: true; docs: (PNode | null)[] } | { ok: false; error?: ParseError; depthError?: ParseError };

class Mismatch extends Error {}

/**
 * js-yaml reports each node's start ("open") and value ("close") to a listener; nodes are built
 * bottom-up as they close, checked against the values js-yaml composed. Anything that does not
 * line up (aliases to collections, merge keys, odd layouts) throws Mismatch and the exact path runs.
 */
function parseFast(text: string): FastResult {
  const roots: PNode[] = [];
  const rootValues: unknown[] = [];
  const frames: Frame[] = [];
  let depth = 0;
  let count = 0;
  const listener = (event: string, state: { position: number; line: number; lineStart: number; result: unknown }) => {
    if (event === "open") {
      let f = frames[depth];
      if (!f) {
        f = { offset: 0, line: 0, lineStart: 0, kids: null, kidValues: null };
        frames[depth] = f;
      }
      f.offset = state.position;
      f.line = state.line;
      f.lineStart = state.lineStart;
      f.kids = null;
      f.kidValues = null;
      depth++;
      return;
    }
    const f = frames[--depth] as Frame;
    const value = state.result;
    const node = build(text, f, value);
    if (depth > 0) {
      const parent = frames[depth - 1] as Frame;
      if (parent.kids === null) {
        parent.kids = [node];
        parent.kidValues = [value];
      } else {
        parent.kids.push(node);
        (parent.kidValues as unknown[]).push(value);
      }
    } else {
      roots.push(node);
      rootValues.push(value);
    }
  };
  try {
    jsyaml.loadAll(
      text,
      () => {
        count++;
      },
      { schema: jsyaml.CORE_SCHEMA, maxDepth: MAX_DEPTH, listener } as jsyaml.LoadOptions,
    );
  } catch (e) {
    if (e instanceof Mismatch) return { ok: false };
    if (!(e instanceof jsyaml.YAMLException)) throw e;
    const mark = (e as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
    const at = { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 };
    const alias = /^unidentified alias "(.*)"$/.exec(e.reason);
    if (alias) {
      // js-yaml marks the end of the alias; point at its `*`.
      const lineText = text.split("\n")[at.line - 1] ?? "";
      const i = lineText.lastIndexOf(`*${alias[1]}`, at.column - 1);
      if (i >= 0) at.column = i + 1;
    }
    if (/maxDepth/.test(e.reason)) {
      return { ok: false, depthError: { ...at, message: `nesting deeper than ${MAX_DEPTH} levels; a manifest is never this deep` } };
    }
    return { ok: false, error: { ...at, message: `YAML: ${e.reason}` } };
  }
  if (roots.length !== count) return { ok: false };
  const docs = roots.map((r, i) => (rootValues[i] === null && r.kind === "scalar" && emptyAt(text, r.at) ? null : r));
  return { ok: true, docs };
}

/** An empty document (a stray `---`) composes to null with no content at its position. */
function emptyAt(text: string, at: Point): boolean {
  let off = 0;
  for (let line = 1; line < at.line && off >= 0; line++) off = text.indexOf("\n", off) + 1;
  const p = off + at.column - 1;
  return p >= text.length || text.startsWith("---", p) || text.startsWith("...", p);
}

function build(text: string, f: Frame, r: unknown): PNode {
  const kids = f.kids;
  const kidValues = f.kidValues;
  // js-yaml opens some nodes twice (an item, then its content); the inner node is the one to keep.
  if (kids !== null && kids.length === 1 && (kidValues as unknown[])[0] === r) return kids[0] as PNode;
  const at = contentStart(text, f.offset, f.line, f.lineStart);
  if (Array.isArray(r)) {
    if (kids === null) {
      if (r.length !== 0) throw new Mismatch();
      return { kind: "seq", items: [], at };
    }
    const n = trimmed(kids, kidValues as unknown[], r.length);
    if (n !== r.length) throw new Mismatch();
    for (let i = 0; i < n; i++) if ((kidValues as unknown[])[i] !== r[i]) throw new Mismatch();
    if (n !== kids.length) kids.length = n;
    return { kind: "seq", items: kids, at };
  }
  if (r !== null && typeof r === "object") {
    let keys = 0;
    for (const k in r) if (Object.hasOwn(r, k)) keys++;
    if (kids === null) {
      if (keys !== 0) throw new Mismatch();
      return { kind: "map", pairs: [], at };
    }
    const n = trimmed(kids, kidValues as unknown[], keys * 2);
    if (n !== keys * 2) throw new Mismatch();
    const pairs: { key: PNode; value: PNode }[] = new Array(keys);
    for (let i = 0; i < n; i += 2) {
      const key = kids[i] as PNode;
      if (key.kind !== "scalar") throw new Mismatch();
      const k = String(key.value);
      // A merge key (`<<`): js-yaml's core schema reads it as a plain key; the exact path merges it.
      if (k === "<<") throw new Mismatch();
      if (!Object.hasOwn(r, k) || (r as Record<string, unknown>)[k] !== (kidValues as unknown[])[i + 1]) {
        throw new Mismatch();
      }
      pairs[i >> 1] = { key, value: kids[i + 1] as PNode };
    }
    return { kind: "map", pairs, at };
  }
  if (kids !== null && !(kids.length === 1 && (kidValues as unknown[])[0] == null)) throw new Mismatch();
  if (typeof r !== "string" && typeof r !== "number" && typeof r !== "boolean" && r !== null) throw new Mismatch();
  if (r === null && !/^(?:null|Null|NULL|~)/.test(text.slice(f.offset, f.offset + 200).trimStart())) {
    // An empty value (`key:` and nothing): point just after the key, not at whatever follows.
    return { kind: "scalar", value: r, at: { line: f.line + 1, column: f.offset - f.lineStart + 1 } };
  }
  return { kind: "scalar", value: r, at };
}

/** How many children remain once trailing empty (null) nodes beyond `want` are dropped. */
function trimmed(kids: PNode[], values: unknown[], want: number): number {
  let n = kids.length;
  while (n > want && values[n - 1] == null) n--;
  return n;
}

/** Skips spaces, line breaks, comments, anchors and tags to the first character of a node. */
function contentStart(text: string, offset: number, line: number, lineStart: number): Point {
  let i = offset;
  let ln = line;
  let ls = lineStart;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0d) i++;
    else if (ch === 0x0a) {
      i++;
      ln++;
      ls = i;
    } else if (ch === 0x23 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else if ((ch === 0x26 /* & */ || ch === 0x21) /* ! */ && !isSpace(text.charCodeAt(i + 1))) {
      while (i < text.length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x2c) i++;
    } else break;
  }
  return { line: ln + 1, column: i - ls + 1 };
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || Number.isNaN(ch);
}

// ---------- exact path ----------

function parseExact(text: string): ParsedText {
  const lc = new LineCounter();
  const errors: ParseError[] = [];
  const docs: (PNode | null)[] = [];
  let budget = 4 * text.length + 1000;
  try {
    const parsed = parseAllDocuments(text, { lineCounter: lc, schema: "core", merge: true, uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(parsed) ? parsed : [];
    for (const doc of list) {
      for (const e of doc.errors) {
        const pos = lc.linePos(e.pos[0]);
        let message = `YAML: ${firstLine(e.message)}`;
        if (e.code === "DUPLICATE_KEY") {
          const key = /^["']?([^"':\n]*)/.exec(text.slice(e.pos[0], e.pos[0] + 200))?.[1]?.trim();
          message = `duplicate key "${key}": a key may appear only once in a mapping`;
        }
        errors.push({ line: pos.line, column: pos.col, message });
      }
    }
    if (errors.length > 0) return { docs: [], errors };
    for (const doc of list) {
      const resolving = new Set<unknown>();
      const point = (node: unknown): Point => {
        const lp = lc.linePos((node as YamlNode)?.range?.[0] ?? 0);
        return { line: lp.line, column: lp.col };
      };
      const toP = (node: unknown, depth: number): PNode => {
        if (--budget < 0) throw new Budget(node);
        if (depth > MAX_DEPTH * 2) throw new Budget(node, "depth");
        if (isAlias(node)) {
          const at = point(node);
          const target = node.resolve(doc);
          // An alias inside the node it names (`&a {<<: *a}`) would expand for ever.
          if (target === undefined) return { kind: "scalar", value: null, at };
          if (resolving.has(target)) throw new Budget(node, "cycle");
          resolving.add(target);
          try {
            return toP(target, depth + 1);
          } finally {
            resolving.delete(target);
          }
        }
        const at = point(node);
        if (isMap(node)) {
          const pairs: { key: PNode; value: PNode }[] = [];
          const merges: { sources: PNode[]; index: number }[] = [];
          for (const pair of node.items) {
            if (isScalar(pair.key) && typeof pair.key.value === "symbol") {
              merges.push({ sources: mergeSources(pair.value, depth, toP, errors, lc), index: pairs.length });
              continue;
            }
            pairs.push({
              key: toP(pair.key, depth + 1),
              value: pair.value == null ? nullAt(pair.key, lc) : toP(pair.value, depth + 1),
            });
          }
          return { kind: "map", at, pairs: merges.length === 0 ? pairs : merged(pairs, merges) };
        }
        if (isSeq(node)) return { kind: "seq", at, items: node.items.map((i) => toP(i, depth + 1)) };
        if (isScalar(node)) {
          const v = node.value;
          const value: Scalar = typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : String(v);
          return { kind: "scalar", value, at };
        }
        return { kind: "scalar", value: null, at };
      };
      docs.push(doc.contents == null ? null : toP(doc.contents, 0));
    }
    if (errors.length > 0) return { docs: [], errors };
  } catch (e) {
    if (e instanceof Budget) {
      const off = (e.node as YamlNode)?.range?.[0] ?? 0;
      const lp = lc.linePos(off);
      const message =
        e.why === "depth"
          ? `nesting deeper than ${MAX_DEPTH} levels; a manifest is never this deep`
          : e.why === "cycle"
            ? "an alias refers to a node that holds it (a cycle): it would expand for ever"
            : "aliases expand to far more data than the file holds (an alias bomb?); catch22 stops reading it here";
      return { docs: [], errors: [{ line: lp.line, column: lp.col, message }] };
    }
    if (e instanceof RangeError)
      return {
        docs: [],
        errors: [{ line: 1, column: 1, message: `nesting deeper than ${MAX_DEPTH} levels; a manifest is never this deep` }],
      };
    throw e;
  }
  return { docs, errors };
}

class Budget extends Error {
  constructor(
    readonly node: unknown,
    readonly why: "size" | "depth" | "cycle" = "size",
  ) {
    super(why);
  }
}

function nullAt(key: unknown, lc: LineCounter): PNode {
  const off = (key as YamlNode)?.range?.[1] ?? 0;
  const lp = lc.linePos(off);
  return { kind: "scalar", value: null, at: { line: lp.line, column: lp.col } };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] as string).replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * The mappings a merge key (`<<`) brings in: a mapping, an alias of one, or a list of them (YAML 1.1's
 * merge type, as Docker Compose reads it). What they bring is converted like any node, so it counts
 * towards the alias budget and keeps the positions where the anchor's entries are written.
 */
function mergeSources(
  value: unknown,
  depth: number,
  toP: (node: unknown, depth: number) => PNode,
  errors: ParseError[],
  lc: LineCounter,
): PNode[] {
  const items = isSeq(value) ? value.items : [value];
  const out: PNode[] = [];
  for (const item of items) {
    const p = item == null ? undefined : toP(item, depth + 1);
    if (p?.kind === "map") out.push(p);
    else {
      const lp = lc.linePos((item as YamlNode | null)?.range?.[0] ?? (value as YamlNode | null)?.range?.[0] ?? 0);
      errors.push({
        line: lp.line,
        column: lp.col,
        message: `a merge key (<<) takes a mapping, an alias of one, or a list of them; got ${p ? (p.kind === "seq" ? "a list" : "a scalar") : "nothing"}`,
      });
    }
  }
  return out;
}

/**
 * A mapping's own pairs with its merge sources' pairs at the place of each `<<`: keys written in the
 * mapping win over merged ones, and an earlier source wins over a later one (YAML 1.1, Compose).
 */
function merged(own: { key: PNode; value: PNode }[], merges: { sources: PNode[]; index: number }[]): { key: PNode; value: PNode }[] {
  const keyOf = (k: PNode) => (k.kind === "scalar" ? String(k.value) : undefined);
  const taken = new Set<string>();
  for (const p of own) {
    const k = keyOf(p.key);
    if (k !== undefined) taken.add(k);
  }
  const out: { key: PNode; value: PNode }[] = [];
  let next = 0;
  for (const m of merges) {
    while (next < m.index) out.push(own[next++] as { key: PNode; value: PNode });
    for (const src of m.sources) {
      if (src.kind !== "map") continue;
      for (const p of src.pairs) {
        const k = keyOf(p.key);
        if (k === undefined || taken.has(k)) continue;
        taken.add(k);
        out.push(p);
      }
    }
  }
  while (next < own.length) out.push(own[next++] as { key: PNode; value: PNode });
  return out;
}
