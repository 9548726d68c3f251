// YAML text → documents as position-carrying nodes. Fast path: js-yaml; exact path: the `yaml` package.
import jsyaml from "js-yaml";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import type { Node as YamlNode } from "yaml";

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

export interface ParseError extends Point {
  message: string;
}

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
  if (exact.errors.length === 0 && fast.error) return { docs: [], errors: [fast.error] };
  return exact;
}

// ---------- fast path ----------

interface Frame {
  offset: number;
  line: number;
  lineStart: number;
  result: unknown;
  children: Frame[];
}

type FastResult =
  | { ok: true; docs: (PNode | null)[] }
  | { ok: false; error?: ParseError; depthError?: ParseError };

class Mismatch extends Error {}

function parseFast(text: string): FastResult {
  const roots: Frame[] = [];
  const stack: Frame[] = [];
  let count = 0;
  try {
    jsyaml.loadAll(
      text,
      () => {
        count++;
      },
      {
        schema: jsyaml.CORE_SCHEMA,
        maxDepth: MAX_DEPTH,
        listener(event, state) {
          if (event === "open") {
            stack.push({ offset: state.position, line: state.line, lineStart: state.lineStart, result: undefined, children: [] });
            return;
          }
          const f = stack.pop() as Frame;
          f.result = state.result;
          const parent = stack[stack.length - 1];
          if (parent) parent.children.push(f);
          else roots.push(f);
        },
      } as jsyaml.LoadOptions,
    );
  } catch (e) {
    if (!(e instanceof jsyaml.YAMLException)) throw e;
    const mark = (e as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
    const at = { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 };
    const error = { ...at, message: `YAML: ${e.reason}` };
    if (/maxDepth/.test(e.reason)) {
      return { ok: false, depthError: { ...at, message: `nesting deeper than ${MAX_DEPTH} levels; a manifest is never this deep` } };
    }
    return { ok: false, error };
  }
  if (roots.length !== count) return { ok: false };
  try {
    return { ok: true, docs: roots.map((r) => (r.result === null && r.children.length === 0 && isEmptyAt(text, r) ? null : convert(text, r))) };
  } catch (e) {
    if (e instanceof Mismatch) return { ok: false };
    throw e;
  }
}

/** An empty document (a stray `---`) composes to null with no content at its position. */
function isEmptyAt(text: string, f: Frame): boolean {
  const p = skipToContent(text, f.offset, f.line, f.lineStart);
  return p.offset >= text.length || text.startsWith("---", p.offset) || text.startsWith("...", p.offset);
}

function convert(text: string, frame: Frame): PNode {
  let f = frame;
  // js-yaml opens a node more than once for some items; the inner frame is the tighter one.
  while (f.children.length === 1 && (f.children[0] as Frame).result === f.result) f = f.children[0] as Frame;
  const p = skipToContent(text, f.offset, f.line, f.lineStart);
  const at = { line: p.line, column: p.column };
  const r = f.result;
  if (Array.isArray(r)) {
    const kids = trimTrailingNulls(f.children);
    if (kids.length !== r.length) throw new Mismatch();
    const items = kids.map((k, i) => {
      if (k.result !== r[i]) throw new Mismatch();
      return convert(text, k);
    });
    return { kind: "seq", items, at };
  }
  if (r !== null && typeof r === "object") {
    const kids = trimTrailingNulls(f.children);
    const keys = Object.keys(r);
    if (kids.length !== keys.length * 2) throw new Mismatch();
    const pairs: { key: PNode; value: PNode }[] = [];
    for (let i = 0; i < kids.length; i += 2) {
      const kf = kids[i] as Frame;
      const vf = kids[i + 1] as Frame;
      const key = convert(text, kf);
      if (key.kind !== "scalar") throw new Mismatch();
      if (!Object.prototype.hasOwnProperty.call(r, String(key.value)) || (r as Record<string, unknown>)[String(key.value)] !== vf.result) {
        throw new Mismatch();
      }
      pairs.push({ key, value: convert(text, vf) });
    }
    return { kind: "map", pairs, at };
  }
  if (f.children.length > 0 && !(f.children.length === 1 && (f.children[0] as Frame).result == null)) throw new Mismatch();
  if (r === undefined || (typeof r !== "string" && typeof r !== "number" && typeof r !== "boolean" && r !== null)) {
    throw new Mismatch();
  }
  return { kind: "scalar", value: r, at };
}

function trimTrailingNulls(children: Frame[]): Frame[] {
  let end = children.length;
  while (end > 0 && (children[end - 1] as Frame).result == null && (children[end - 1] as Frame).children.length === 0) {
    end--;
  }
  // A trailing null can also be a real value (`key:` with nothing after it): keep pairs whole.
  return end === children.length ? children : children.slice(0, end);
}

/** Skips spaces, line breaks, comments, anchors and tags to the first character of a node. */
function skipToContent(text: string, offset: number, line: number, lineStart: number): { offset: number; line: number; column: number } {
  let i = offset;
  let ln = line;
  let ls = lineStart;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09) i++;
    else if (ch === 0x0a) {
      i++;
      ln++;
      ls = i;
    } else if (ch === 0x0d) i++;
    else if (ch === 0x23 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else if ((ch === 0x26 /* & */ || ch === 0x21) /* ! */ && i + 1 < text.length && !/[\s]/.test(text[i + 1] as string)) {
      while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
    } else break;
  }
  return { offset: i, line: ln + 1, column: i - ls + 1 };
}

// ---------- exact path ----------

function parseExact(text: string): ParsedText {
  const lc = new LineCounter();
  const errors: ParseError[] = [];
  const docs: (PNode | null)[] = [];
  let budget = 4 * text.length + 1000;
  try {
    const parsed = parseAllDocuments(text, { lineCounter: lc, schema: "core", uniqueKeys: true, prettyErrors: false });
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
      const toP = (node: unknown, depth: number): PNode => {
        if (--budget < 0) throw new Budget(node);
        if (depth > MAX_DEPTH * 2) throw new Budget(node, "depth");
        if (isAlias(node)) return toP(node.resolve(doc), depth + 1);
        const n = node as YamlNode;
        const off = n?.range?.[0] ?? 0;
        const lp = lc.linePos(off);
        const at = { line: lp.line, column: lp.col };
        if (isMap(node)) {
          return {
            kind: "map",
            at,
            pairs: node.items.map((pair) => ({ key: toP(pair.key, depth + 1), value: pair.value == null ? nullAt(pair.key, lc) : toP(pair.value, depth + 1) })),
          };
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
  } catch (e) {
    if (e instanceof Budget) {
      const off = (e.node as YamlNode)?.range?.[0] ?? 0;
      const lp = lc.linePos(off);
      const message =
        e.why === "depth"
          ? `nesting deeper than ${MAX_DEPTH} levels; a manifest is never this deep`
          : "aliases expand to far more data than the file holds (an alias bomb?); catch22 stops reading it here";
      return { docs: [], errors: [{ line: lp.line, column: lp.col, message }] };
    }
    if (e instanceof RangeError) return { docs: [], errors: [{ line: 1, column: 1, message: `nesting deeper than ${MAX_DEPTH} levels; a manifest is never this deep` }] };
    throw e;
  }
  return { docs, errors };
}

class Budget extends Error {
  constructor(
    readonly node: unknown,
    readonly why: "size" | "depth" = "size",
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
