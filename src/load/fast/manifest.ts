// The fast path for catch22 manifests: text → declarations in one walk, no node tree; undefined wherever the full path must read it.

import { mergeProvided, type Provided } from "../../model/facts.js";
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { API_VERSION } from "../definition.js";
import { Bail, Cursor, inSubset } from "./cursor.js";
import { StringTable } from "./names.js";
import { duration, exact, FACT_READERS, Facts, MappedEntry, plainEntry, recovery } from "./values.js";

export { StringTable };

/**
 * Reads a file of catch22 documents written in plain block style (the common case: what
 * generators, `catch22 init` and most hands write). The result is exactly what the full path
 * (src/load/yaml.ts, then src/load/manifest.ts) gives for the same text; undefined as soon as
 * anything is outside that subset: quotes, anchors, flow mappings other than a one-line
 * `recovery: {rollback: 20m, start: 2m}`, comments after a value, `extends`, other formats, and
 * every input error, so that the full path reports it as it always has. Read besides the plain
 * keys: flow sequences of names, `aliases`, `recovery`, `provides` (block items of `api` and
 * inline `versions`), and requirements as names, `service`, `anyOf` or `api` (with `version`).
 * `bytes`, when given, are the UTF-8 bytes `text` was decoded from (src/load/read-file.ts): the
 * strings kept are copied from them, which is cheaper than from the text (see copyOf).
 */
export function readManifestsFast(text: string, file: string, strings: StringTable, bytes?: Buffer): FastResult | undefined {
  if (!inSubset(text)) return undefined;
  try {
    const r = new Reader(text, file, strings, bytes);
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

class Reader {
  private readonly c: Cursor;
  count = 0;
  /** The entries of the list being read, reused from list to list: each list is kept as an exact-size copy. */
  private readonly scratch: Entry[] = [];
  /** A `Service` document's keys, and those of the service mapping being read in a `ServiceList`. */
  private readonly documentFacts = new Facts();
  private readonly serviceFacts = new Facts();

  constructor(
    text: string,
    private readonly file: string,
    private readonly strings: StringTable,
    bytes: Buffer | undefined,
  ) {
    this.c = new Cursor(text, strings, bytes);
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
    let apiVersion = false;
    let kind: "Service" | "ServiceList" | undefined;
    let services: Declaration[] | undefined;
    // a `Service` document's own keys, kept for its declaration
    const facts = this.documentFacts;
    facts.reset();
    let seen = 0;
    while (c.content) {
      if (c.indent !== 0) throw new Bail();
      const key = c.key(c.at);
      if (key === undefined || (seen & c.keyBit) !== 0) throw new Bail();
      seen |= c.keyBit;
      const value = c.valueAt;
      if (key === "apiVersion" || key === "kind") {
        if (value === c.end) throw new Bail();
        // any value other than these is given up: the document is none the fast path reads
        if (key === "apiVersion") {
          if (!c.isWord(value, API_VERSION)) throw new Bail();
          apiVersion = true;
        } else if (c.isWord(value, "Service")) kind = "Service";
        else if (c.isWord(value, "ServiceList")) kind = "ServiceList";
        else throw new Bail();
        this.endScalar(0);
      } else if (key === "services") {
        services = this.serviceList(value);
      } else if (key === "name") {
        this.nameField(facts, value, 0);
      } else facts.add(key, this.factValue(key, value, 0));
    }
    if (!apiVersion) throw new Bail();
    if (kind === "ServiceList") {
      if (!services || facts.name !== undefined || facts.count > 0) throw new Bail();
      for (const d of services) out.push(d);
    } else if (kind === "Service") {
      if (services) throw new Bail();
      out.push(facts.declaration());
    } else throw new Bail();
  }

  /** `name: <name>` at `i`: the declaration's name and where it is written. */
  private nameField(facts: Facts, i: number, indent: number): void {
    const c = this.c;
    if (i === c.end) throw new Bail();
    facts.name = c.nameAt(i, false);
    facts.pos = this.pos(i);
    this.endScalar(indent);
  }

  /** After a scalar value on one line: the next line may not continue it (be more indented than its key). */
  private endScalar(indent: number): void {
    const c = this.c;
    c.advance();
    if (c.content && c.indent > indent) throw new Bail();
  }

  /** The value of a service's key other than `name`, read and checked as readService would. */
  private factValue(key: string, i: number, indent: number): unknown {
    const c = this.c;
    if (key === "runtime" || key === "rollback") return this.entries(key, i, indent);
    const type = FACT_READERS[key];
    if (type === undefined || !Object.hasOwn(FACT_READERS, key) || i === c.end) {
      if (type === "names" && i === c.end) return this.namesBlock(indent);
      if (type === "provides" && i === c.end) return this.providesBlock(indent);
      throw new Bail();
    }
    if (type === "recovery") {
      if (c.text.charCodeAt(i) !== 0x7b) throw new Bail();
      const value = recovery(c.flowPairs(i));
      this.endScalar(indent);
      return value;
    }
    if (type === "provides") {
      // `provides: []` lists nothing; any other inline form is the full path's
      if (c.text.charCodeAt(i) !== 0x5b || c.flowNames(i).length > 0) throw new Bail();
      this.endScalar(indent);
      return [];
    }
    if (type === "names") {
      if (c.text.charCodeAt(i) !== 0x5b) throw new Bail();
      const names = c.flowNames(i);
      this.endScalar(indent);
      return [...new Set(names)];
    }
    if (type === "name") {
      const name = c.nameAt(i, false);
      this.endScalar(indent);
      return name;
    }
    if (type === "tier") {
      const v = c.plain(i);
      this.endScalar(indent);
      if (typeof v !== "number" || v > 3) throw new Bail();
      return v;
    }
    // a description is written once, a label (owner, system) by many services
    const v = c.textAt(i, type === "label");
    this.endScalar(indent);
    return type === "duration" ? duration(v) : v;
  }

  /** A block list of names under a key at `indent` (`aliases:` then `- name` lines). */
  private namesBlock(indent: number): string[] {
    const c = this.c;
    const out = new Set<string>();
    c.advance();
    const col = this.listColumn(indent);
    while (c.content && c.indent === col && c.isItem()) {
      out.add(c.nameAt(this.itemContent(), false));
      this.endScalar(col);
    }
    this.endList(col, indent);
    return [...out];
  }

  /**
   * A block list of `{api, versions?}` mappings under `provides:` at `indent`, merged as readProvides
   * merges them (one entry per api); `versions` inline and non-empty.
   */
  private providesBlock(indent: number): Provided[] {
    const c = this.c;
    const out: Provided[] = [];
    c.advance();
    const col = this.listColumn(indent);
    while (c.content && c.indent === col && c.isItem()) {
      const at = this.itemContent();
      const inner = c.column(at) - 1;
      let api: string | undefined;
      let versions: string[] | undefined;
      let key = c.key(at);
      for (;;) {
        const value = c.valueAt;
        if (value === c.end) throw new Bail();
        if (key === "api" && api === undefined) api = c.nameAt(value, false);
        else if (key === "versions" && versions === undefined) {
          if (c.text.charCodeAt(value) !== 0x5b) throw new Bail();
          versions = c.flowLabels(value);
          if (versions.length === 0) throw new Bail();
        } else throw new Bail();
        this.endScalar(inner);
        if (!c.content || c.indent !== inner) break;
        key = c.key(c.at);
      }
      if (api === undefined) throw new Bail();
      out.push(versions ? { api, versions } : { api });
    }
    this.endList(col, indent);
    return mergeProvided(out);
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
      const facts = this.serviceFacts;
      facts.reset();
      let seen = 0;
      let key = c.key(at);
      for (;;) {
        if (key === undefined || (seen & c.keyBit) !== 0) throw new Bail();
        seen |= c.keyBit;
        if (key === "name") this.nameField(facts, c.valueAt, inner);
        else facts.add(key, this.factValue(key, c.valueAt, inner));
        if (!c.content || c.indent !== inner) break;
        key = c.key(c.at);
      }
      out.push(facts.declaration());
    }
    this.endList(col, 0);
    return out;
  }

  /** A `runtime` or `rollback` list at `i` (inline `[]`/`[a, b]`, or block items below), under a key at `indent`. */
  private entries(kind: DependencyKind, i: number, indent: number): Entry[] {
    const c = this.c;
    const out = this.scratch;
    let n = 0;
    if (i !== c.end) {
      if (c.text.charCodeAt(i) !== 0x5b) throw new Bail();
      c.flowItems(i, (p) => {
        c.nameAt(p, true);
        out[n++] = plainEntry(kind, this.strings.single(), this.file, c.lineNo, c.column(p));
      });
      this.endScalar(indent);
    } else {
      c.advance();
      const col = this.listColumn(indent);
      while (c.content && c.indent === col && c.isItem()) {
        const at = this.itemContent();
        const key = c.key(at);
        if (key === undefined) {
          c.nameAt(at, false);
          const names = this.strings.single();
          const line = c.lineNo;
          const column = c.column(at);
          this.endScalar(col);
          out[n++] = plainEntry(kind, names, this.file, line, column);
        } else out[n++] = this.entryMapping(kind, key, c.column(at) - 1);
      }
      this.endList(col, indent);
    }
    // exact size: a list grown by push keeps room for 16 more, and an estate holds hundreds of thousands of them
    return exact(out, n);
  }

  /** A requirement written as a mapping: `service` or `anyOf`, with `soft` and `note`. */
  private entryMapping(kind: DependencyKind, first: string, inner: number): Entry {
    const c = this.c;
    let names: readonly string[] | undefined;
    // the first name's line and column, and (line, column) of each further name of an anyOf
    let line = 0;
    let column = 0;
    let more: number[] | undefined;
    let api: { name: string; pos: SourcePos } | undefined;
    let version: string | undefined;
    let anyOf = false;
    let soft: boolean | undefined;
    let note: string | undefined;
    let seen = 0;
    let key: string | undefined = first;
    for (;;) {
      const value = c.valueAt;
      if (key === undefined || (seen & c.keyBit) !== 0 || value === c.end) throw new Bail();
      seen |= c.keyBit;
      if (key === "api") {
        if (names !== undefined) throw new Bail();
        api = { name: c.nameAt(value, false), pos: this.pos(value) };
      } else if (key === "version") {
        version = c.labelAt(value, false);
      } else if (key === "service") {
        if (anyOf || api !== undefined) throw new Bail();
        c.nameAt(value, false);
        names = this.strings.single();
        line = c.lineNo;
        column = c.column(value);
      } else if (key === "anyOf") {
        if (c.text.charCodeAt(value) !== 0x5b || names !== undefined || api !== undefined) throw new Bail();
        anyOf = true;
        const list: string[] = [];
        const at: number[] = [];
        // in written order, repeats dropped (past a few names a set, not includes: an anyOf may list thousands)
        let distinct: Set<string> | undefined;
        c.flowItems(value, (p) => {
          const n = c.nameAt(p, true);
          if (list.length >= 8 && distinct === undefined) distinct = new Set(list);
          if (distinct ? distinct.has(n) : list.includes(n)) return;
          list.push(n);
          distinct?.add(n);
          at.push(c.lineNo, c.column(p));
        });
        if (list.length < 2) throw new Bail();
        names = exact(list, list.length);
        line = at[0] as number;
        column = at[1] as number;
        more = at.slice(2);
      } else if (key === "soft") {
        const v = c.plain(value);
        if (typeof v !== "boolean") throw new Bail();
        soft = v;
      } else if (key === "note") {
        note = c.textAt(value, true);
      } else throw new Bail();
      this.endScalar(inner);
      if (!c.content || c.indent !== inner) break;
      key = c.key(c.at);
    }
    if (api !== undefined) {
      // as readEntry builds it: no names until the resolve pass (src/load/resolve-api.ts) finds the providers
      const to = version === undefined ? api : { name: api.name, version, pos: api.pos };
      if (note !== undefined) return { kind, names: [], anyOf: false, soft: soft ?? false, namePos: [], api: to, note };
      return { kind, names: [], anyOf: false, soft: soft ?? false, namePos: [], api: to };
    }
    // `version` goes with `api` only
    if (names === undefined || version !== undefined) throw new Bail();
    return new MappedEntry(kind, names, anyOf, soft ?? false, note, this.file, line, column, more);
  }
}
