// The fast path for catch22 manifests: text → declarations in one walk, no node tree; undefined wherever the full path must read it.

import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { API_VERSION } from "../definition.js";
import { DURATION } from "../fields.js";
import { NAME_PATTERN } from "../yaml-node.js";
import { Bail, Cursor, inSubset, type Plain } from "./cursor.js";

/**
 * Equal strings as one string, flat (not a slice that keeps its file's text alive): names repeat
 * across the estate (a name is declared once and required by many), so an estate holds each once.
 */
export type Interner = Map<string, string>;

/**
 * Reads a file of catch22 documents written in plain block style (the common case: what
 * generators, `catch22 init` and most hands write). The result is exactly what the full path
 * (src/load/yaml.ts, then src/load/manifest.ts) gives for the same text; undefined as soon as
 * anything is outside that subset: quotes, anchors, flow mappings, comments after a value,
 * other formats, and every input error, so that the full path reports it as it always has.
 */
export function readManifestsFast(text: string, file: string, intern: Interner): FastResult | undefined {
  if (!inSubset(text)) return undefined;
  try {
    const r = new Reader(text, file, intern);
    const declarations = r.documents();
    return { declarations, documents: r.count };
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}

export interface FastResult {
  declarations: Declaration[];
  /** Documents read (each a manifest). */
  documents: number;
}

/** A value read for one key of a service: kept until the mapping ends, as readService sets them in written order. */
type Field = { key: string; value: unknown };

const FACT_READERS: Record<string, "text" | "label" | "tier" | "name" | "names" | "duration"> = {
  description: "text",
  owner: "label",
  system: "label",
  tier: "tier",
  zone: "name",
  region: "name",
  aliases: "names",
  rto: "duration",
};

class Reader {
  private readonly c: Cursor;
  count = 0;

  constructor(
    text: string,
    private readonly file: string,
    private readonly interner: Interner,
  ) {
    this.c = new Cursor(text);
  }

  private intern(s: string): string {
    let v = this.interner.get(s);
    if (v === undefined) {
      v = flat(s);
      this.interner.set(v, v);
    }
    return v;
  }

  private pos(i: number): SourcePos {
    return { file: this.file, line: this.c.lineNo, column: this.c.column(i) };
  }

  documents(): Declaration[] {
    const c = this.c;
    const out: Declaration[] = [];
    // A `---` on the first line opens the first document; any other empty document is the full path's business.
    if (c.separator && c.lineNo === 1) c.advance();
    for (;;) {
      if (!c.content || c.indent !== 0) throw new Bail();
      this.document(out);
      this.count++;
      if (c.eof) return out;
      c.advance();
    }
  }

  /** One document: a mapping at column 0, up to a separator or the end. */
  private document(out: Declaration[]): void {
    const c = this.c;
    let apiVersion: Plain | undefined;
    let kind: Plain | undefined;
    let services: Declaration[] | undefined;
    const fields: Field[] = [];
    const seen = new Set<string>();
    let name: { value: string; pos: SourcePos } | undefined;
    while (c.content) {
      if (c.indent !== 0) throw new Bail();
      const k = c.key(c.at);
      if (!k || seen.has(k.key)) throw new Bail();
      seen.add(k.key);
      if (k.key === "apiVersion" || k.key === "kind") {
        if (k.value === c.end) throw new Bail();
        const v = c.plain(k.value);
        if (k.key === "apiVersion") apiVersion = v;
        else kind = v;
        this.endScalar(0);
      } else if (k.key === "services") {
        services = this.serviceList(k.value);
      } else if (k.key === "name") {
        name = this.nameField(k.value, 0);
      } else fields.push(this.serviceField(k.key, k.value, 0));
    }
    if (apiVersion !== API_VERSION) throw new Bail();
    if (kind === "ServiceList") {
      if (!services || name || fields.length > 0) throw new Bail();
      for (const d of services) out.push(d);
    } else if (kind === "Service") {
      if (services || !name) throw new Bail();
      out.push(declaration(name, fields));
    } else throw new Bail();
  }

  /** `name: <name>` at `i`: the name and where it is written. */
  private nameField(i: number, indent: number): { value: string; pos: SourcePos } {
    const c = this.c;
    if (i === c.end) throw new Bail();
    const value = this.name(c.plain(i));
    const pos = this.pos(i);
    this.endScalar(indent);
    return { value, pos };
  }

  /** After a scalar value on one line: the next line may not continue it (be more indented than its key). */
  private endScalar(indent: number): void {
    const c = this.c;
    c.advance();
    if (c.content && c.indent > indent) throw new Bail();
  }

  private name(v: Plain): string {
    if (typeof v !== "string" || !NAME_PATTERN.test(v)) throw new Bail();
    return this.intern(v);
  }

  /** One key of a service other than `name`, its value read and checked as readService would. */
  private serviceField(key: string, i: number, indent: number): Field {
    const c = this.c;
    if (key === "runtime" || key === "rollback") return { key, value: this.entries(key, i, indent) };
    const type = FACT_READERS[key];
    if (type === undefined || !Object.hasOwn(FACT_READERS, key) || i === c.end) {
      if (type === "names" && i === c.end) return { key, value: this.namesBlock(indent) };
      throw new Bail();
    }
    if (type === "names") {
      if (c.text.charCodeAt(i) !== 0x5b) throw new Bail();
      const items = c.flowItems(i);
      this.endScalar(indent);
      return { key, value: [...new Set(items.map((it) => this.name(it.value)))] };
    }
    const v = c.plain(i);
    this.endScalar(indent);
    if (type === "tier") {
      if (typeof v !== "number" || v > 3) throw new Bail();
      return { key, value: v };
    }
    if (typeof v !== "string") throw new Bail();
    if (type === "name") return { key, value: this.name(v) };
    if (type === "duration") {
      const m = DURATION.exec(v);
      if (!m) throw new Bail();
      return { key, value: Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
    }
    return { key, value: type === "text" ? flat(v) : this.intern(v) };
  }

  /** A block list of names under a key at `indent` (`aliases:` then `- name` lines). */
  private namesBlock(indent: number): string[] {
    const c = this.c;
    const out = new Set<string>();
    c.advance();
    const col = this.listColumn(indent);
    while (c.content && c.indent === col && c.isItem()) {
      const i = this.itemContent();
      out.add(this.name(c.plain(i)));
      this.endScalar(col);
    }
    this.endList(col, indent);
    return [...out];
  }

  /** The column of a block list under a key at `indent`: deeper, or the key's own column. */
  private listColumn(indent: number): number {
    const c = this.c;
    if (!c.content || !c.isItem() || c.indent < indent) throw new Bail();
    return c.indent;
  }

  /** After a block list at `col` under a key at `indent`: what follows belongs to an enclosing mapping. */
  private endList(col: number, indent: number): void {
    const c = this.c;
    if (c.content && (c.indent > indent || (c.indent === col && c.isItem()))) throw new Bail();
    if (c.content && col === indent && c.indent === indent && c.isItem()) throw new Bail();
  }

  /** The offset of a list item's content (after `- ` and any spaces); an empty item is given up. */
  private itemContent(): number {
    const c = this.c;
    let i = c.at + 1;
    while (i < c.end && c.text.charCodeAt(i) === 0x20) i++;
    if (i === c.end) throw new Bail();
    return i;
  }

  /** A `ServiceList`'s `services`: a block list of service mappings. */
  private serviceList(i: number): Declaration[] {
    const c = this.c;
    if (i !== c.end) throw new Bail();
    c.advance();
    const col = this.listColumn(0);
    const out: Declaration[] = [];
    while (c.content && c.indent === col && c.isItem()) {
      const at = this.itemContent();
      const inner = c.column(at) - 1;
      const fields: Field[] = [];
      const seen = new Set<string>();
      let name: { value: string; pos: SourcePos } | undefined;
      let k = c.key(at);
      for (;;) {
        if (!k || seen.has(k.key)) throw new Bail();
        seen.add(k.key);
        if (k.key === "name") name = this.nameField(k.value, inner);
        else fields.push(this.serviceField(k.key, k.value, inner));
        if (!c.content || c.indent !== inner) break;
        k = c.key(c.at);
      }
      if (!name) throw new Bail();
      out.push(declaration(name, fields));
    }
    this.endList(col, 0);
    return out;
  }

  /** A `runtime` or `rollback` list at `i` (inline `[]`/`[a, b]`, or block items below), under a key at `indent`. */
  private entries(kind: DependencyKind, i: number, indent: number): Entry[] {
    const c = this.c;
    const out: Entry[] = [];
    if (i !== c.end) {
      if (c.text.charCodeAt(i) !== 0x5b) throw new Bail();
      const items = c.flowItems(i);
      const line = c.lineNo;
      for (const it of items) {
        out.push(plainEntry(kind, this.name(it.value), { file: this.file, line, column: c.column(it.at) }));
      }
      this.endScalar(indent);
      return out;
    }
    c.advance();
    const col = this.listColumn(indent);
    while (c.content && c.indent === col && c.isItem()) {
      const at = this.itemContent();
      const k = c.key(at);
      if (!k) {
        const name = this.name(c.plain(at));
        const pos = this.pos(at);
        this.endScalar(col);
        out.push(plainEntry(kind, name, pos));
      } else out.push(this.entryMapping(kind, k, c.column(at) - 1));
    }
    this.endList(col, indent);
    // exact size: a list grown by push keeps room for 16 more, and an estate holds hundreds of thousands of them
    return out.slice();
  }

  /** A requirement written as a mapping: `service` or `anyOf`, with `soft` and `note`. */
  private entryMapping(kind: DependencyKind, first: { key: string; value: number }, inner: number): Entry {
    const c = this.c;
    let names: string[] | undefined;
    let namePos: SourcePos[] | undefined;
    let anyOf = false;
    let soft: boolean | undefined;
    let note: string | undefined;
    const seen = new Set<string>();
    let k: { key: string; value: number } | undefined = first;
    for (;;) {
      if (!k || seen.has(k.key) || k.value === c.end) throw new Bail();
      seen.add(k.key);
      if (k.key === "service") {
        names = [this.name(c.plain(k.value))];
        namePos = [this.pos(k.value)];
      } else if (k.key === "anyOf") {
        if (c.text.charCodeAt(k.value) !== 0x5b) throw new Bail();
        anyOf = true;
        names = [];
        namePos = [];
        const distinct = new Set<string>();
        for (const it of c.flowItems(k.value)) {
          const n = this.name(it.value);
          if (distinct.has(n)) continue;
          distinct.add(n);
          names.push(n);
          namePos.push(this.pos(it.at));
        }
        if (names.length < 2) throw new Bail();
        names = names.slice();
        namePos = namePos.slice();
      } else if (k.key === "soft") {
        const v = c.plain(k.value);
        if (typeof v !== "boolean") throw new Bail();
        soft = v;
      } else if (k.key === "note") {
        const v = c.plain(k.value);
        if (typeof v !== "string") throw new Bail();
        note = this.intern(v);
      } else throw new Bail();
      this.endScalar(inner);
      if (!c.content || c.indent !== inner) break;
      k = c.key(c.at);
    }
    if (names === undefined || (seen.has("service") && seen.has("anyOf"))) throw new Bail();
    const entry: Entry = { kind, names, anyOf, soft: soft ?? false, namePos: namePos as SourcePos[] };
    if (note !== undefined) entry.note = note;
    return entry;
  }
}

function plainEntry(kind: DependencyKind, name: string, pos: SourcePos): Entry {
  return { kind, names: [name], anyOf: false, soft: false, namePos: [pos] };
}

/** The declaration readService builds: its keys set in the order the document writes them. */
function declaration(name: { value: string; pos: SourcePos }, fields: readonly Field[]): Declaration {
  const decl: Declaration = { name: name.value, pos: name.pos, runtime: [], origin: "catch22" };
  const d = decl as unknown as Record<string, unknown>;
  for (const f of fields) d[f.key] = f.value;
  return decl;
}

/** A copy of `s` that does not refer to its file's text (V8 keeps a slice of 13 characters or more as a view of it). */
function flat(s: string): string {
  return s.length >= 13 ? ` ${s}`.slice(1) : s;
}
