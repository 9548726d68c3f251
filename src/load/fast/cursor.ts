// The line cursor of the fast manifest path: plain block-style YAML read line by line, anything else given up (Bail).

import { copyOf, HASH_SEED, hashStep, type StringTable } from "./names.js";

/** Thrown where the text leaves the subset the fast path reads: the file is read again by the full path. */
export class Bail extends Error {}

/**
 * Characters the fast path never reads: non-ASCII, controls, tabs, quotes, anchors, aliases, tags,
 * block scalars, `?` (braces are read only where a flow mapping of durations is expected: `recovery`).
 * One negated class, twice as fast as a class and an alternation: \n and printable ASCII but " ' & * ! | > % @ ` \\ ?
 */
const OUTSIDE = /[^\n\x20\x23-\x24\x28-\x29\x2b-\x3d\x41-\x5b\x5d-\x5f\x61-\x7b\x7d\x7e]/;

/** True when the text may be read by the fast path at all (a cheap check before any work). */
export function inSubset(text: string): boolean {
  return !OUTSIDE.test(text);
}

/** Values the fast path resolves as js-yaml's core schema does; every other plain scalar is given up. */
export type Plain = string | number | boolean;

/** The keys the fast path reads: documents, services, requirements. Any other key leaves the file to the full path. */
const KEYS = [
  "apiVersion",
  "kind",
  "services",
  "name",
  "description",
  "owner",
  "system",
  "tier",
  "zone",
  "region",
  "aliases",
  "rto",
  "runtime",
  "rollback",
  "service",
  "anyOf",
  "soft",
  "note",
  "recovery",
  "provides",
  "api",
  "version",
  "versions",
] as const;
/** A key's hash as `key` computes it while it scans the key. */
function keyHash(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0;
}
/** The known keys by hash (open addressing, -1 empty), so that `key` compares the text with one key, not with each key of its length. */
const KEY_SLOTS = new Int8Array(128).fill(-1);
KEYS.forEach((k, id) => {
  let h = 0;
  for (let i = 0; i < k.length; i++) h = keyHash(h, k.charCodeAt(i));
  let s = h & 127;
  while (KEY_SLOTS[s] !== -1) s = (s + 1) & 127;
  KEY_SLOTS[s] = id;
});
const KEY_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9_-]/.test(String.fromCharCode(c))) KEY_CHAR[c] = 1;

/** The characters of a name (NAME_PATTERN): 1 for A-Z a-z 0-9 . _ - / :, 2 for the letters and digits it may start with. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) NAME_CHAR[c] = 2;
  else if (/[._\-/:]/.test(ch)) NAME_CHAR[c] = 1;
}
const MAX_NAME = 200;

/**
 * A cursor over the content lines of a text: blank lines and comment lines are passed over, a
 * `---` line ends a document. `at` is the offset of the current line's first non-space character,
 * `indent` its column (0-based), `end` the offset of its line break (or the text's end).
 */
export class Cursor {
  /** 1-based number of the current line. */
  lineNo = 0;
  lineStart = 0;
  at = 0;
  end = 0;
  indent = 0;
  /** True at the end of the text. */
  eof = false;
  /** True on a `---` line (a document separator). */
  separator = false;
  /** Where the last name read by `nameAt` ends (trailing spaces passed over). */
  stop = 0;
  /** Set by `key`: where the value starts, and the key's bit (for a mapping's set of keys seen). */
  valueAt = 0;
  keyBit = 0;
  private next = 0;
  private readonly hasHash: boolean;

  /** `bytes`, when given, are the UTF-8 bytes the text was decoded from: new strings are copied from them (copyOf). */
  constructor(
    readonly text: string,
    private readonly table: StringTable,
    private readonly bytes?: Buffer,
  ) {
    this.hasHash = text.includes("#");
    this.advance();
  }

  /** Moves to the next content line (or a separator, or the end). */
  advance(): void {
    const text = this.text;
    const n = text.length;
    for (;;) {
      if (this.next >= n) {
        this.eof = true;
        this.separator = false;
        this.at = this.end = this.lineStart = n;
        this.indent = 0;
        return;
      }
      const start = this.next;
      let end = text.indexOf("\n", start);
      if (end < 0) end = n;
      this.next = end + 1;
      this.lineNo++;
      let i = start;
      while (i < end && text.charCodeAt(i) === 0x20) i++;
      if (i === end) continue;
      const c = text.charCodeAt(i);
      if (c === 0x23 /* # */) continue;
      this.lineStart = start;
      this.at = i;
      this.end = end;
      this.indent = i - start;
      this.separator = false;
      if (this.hasHash) {
        const h = text.indexOf("#", i);
        if (h >= 0 && h < end) throw new Bail();
      }
      if (i === start && (c === 0x2d || c === 0x2e) && text.startsWith(c === 0x2d ? "---" : "...", i)) {
        // `---` alone separates documents; `--- x`, `...` and `---x` are left to the full path.
        if (c === 0x2e || end - i !== 3) throw new Bail();
        this.separator = true;
      }
      return;
    }
  }

  /** True when the current line is a content line of a document (not a separator, not the end). */
  get content(): boolean {
    return !this.eof && !this.separator;
  }

  /** The 1-based column of offset `i` on the current line. */
  column(i: number): number {
    return i - this.lineStart + 1;
  }

  /** True when the content at `i` is a sequence item (`- ` or `-` at the line's end). */
  isItem(i: number = this.at): boolean {
    return this.text.charCodeAt(i) === 0x2d && (i + 1 === this.end || this.text.charCodeAt(i + 1) === 0x20);
  }

  /**
   * The key at `i` (`key: value`, or `key:` at the line's end) when it is one the fast path knows
   * (KEYS): the key, with the offset of its value's first character in `valueAt` (`end` when the
   * value is on the following lines) and its bit in `keyBit`; undefined for anything else.
   */
  key(i: number): string | undefined {
    const text = this.text;
    let j = i;
    let h = 0;
    while (j < this.end) {
      const c = text.charCodeAt(j);
      if (c >= 128 || KEY_CHAR[c] === 0) break;
      h = keyHash(h, c);
      j++;
    }
    if (j === i || text.charCodeAt(j) !== 0x3a /* : */) return undefined;
    let id = -1;
    for (let s = h & 127; ; s = (s + 1) & 127) {
      const k = KEY_SLOTS[s] as number;
      if (k < 0) return undefined;
      const known = KEYS[k] as string;
      if (known.length === j - i && text.startsWith(known, i)) {
        id = k;
        break;
      }
    }
    const after = j + 1;
    if (after === this.end) this.valueAt = this.end;
    else {
      if (text.charCodeAt(after) !== 0x20) return undefined;
      let v = after + 1;
      while (v < this.end && text.charCodeAt(v) === 0x20) v++;
      this.valueAt = v;
    }
    this.keyBit = 1 << id;
    return KEYS[id];
  }

  /** True when the value at `i` is `word`, alone on the rest of the line (but spaces). */
  isWord(i: number, word: string): boolean {
    return this.text.startsWith(word, i) && this.valueEnd(i) === i + word.length;
  }

  /** The end of the value starting at `i`: the line's end without trailing spaces. */
  valueEnd(i: number): number {
    let e = this.end;
    while (e > i && this.text.charCodeAt(e - 1) === 0x20) e--;
    return e;
  }

  /**
   * The plain scalar from `i` to the line's end, resolved as js-yaml's core schema does (text,
   * a small decimal integer, a boolean); anything that may resolve otherwise, or that is not a
   * plain scalar of one line, is given up.
   */
  plain(i: number): Plain {
    const text = this.text;
    const e = this.valueEnd(i);
    const s = text.slice(i, e);
    // `key: value: more` and `key: value:` are not plain values; a following line more indented would continue the scalar
    if (s.includes(": ") || s.endsWith(":")) throw new Bail();
    // a brace is read only in a flow mapping (flowDurations)
    if (s.includes("{") || s.includes("}")) throw new Bail();
    return resolvePlain(s);
  }

  /**
   * The plain scalar from `i` to the line's end when it resolves to text (as `plain` reads it): from
   * the table of strings when `intern`, else a copy of its own (a description is written once).
   */
  textAt(i: number, intern: boolean): string {
    const text = this.text;
    const e = this.valueEnd(i);
    let h = HASH_SEED;
    let prev = 0;
    for (let j = i; j < e; j++) {
      const c = text.charCodeAt(j);
      // as in `plain`: no `: ` (a mapping), no brace (read only in a flow mapping)
      if ((c === 0x20 && prev === 0x3a) || c === 0x7b || c === 0x7d) throw new Bail();
      h = hashStep(h, c);
      prev = c;
    }
    if (prev === 0x3a || !this.isText(i, e)) throw new Bail();
    return intern ? this.table.at(text, i, e, h, this.bytes) : copyOf(text, i, e, this.bytes);
  }

  /** True when the plain scalar text[i, j) resolves to text (resolvePlain), without a slice for a word of six letters or more. */
  private isText(i: number, j: number): boolean {
    const c = this.text.charCodeAt(i);
    if (j - i > 5 && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return true;
    return typeof resolvePlain(this.text.slice(i, j)) === "string";
  }

  /**
   * The name at `i`, as readName reads it from a plain scalar (NAME_PATTERN, js-yaml's core
   * schema), from the table of strings: in block context it runs to the line's end, in a flow
   * sequence to a `,` or `]` (left in `stop`). A scalar that is not a name is given up.
   */
  nameAt(i: number, flow: boolean): string {
    const text = this.text;
    const end = this.end;
    const first = text.charCodeAt(i);
    if (NAME_CHAR[first] !== 2) throw new Bail();
    let h = HASH_SEED;
    let j = i;
    let colon = false;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c >= 128 || NAME_CHAR[c] === 0) break;
      if (c === 0x3a) colon = true;
      h = hashStep(h, c);
      j++;
    }
    const len = j - i;
    // `name:` is a key, and `a:b` in a flow sequence is left to the full path
    if (len > MAX_NAME || text.charCodeAt(j - 1) === 0x3a || (flow && colon)) throw new Bail();
    this.endValue(j, flow);
    // what the core schema reads as a boolean, a null or a number is not text
    if (!this.isText(i, j)) throw new Bail();
    return this.table.at(text, i, j, h, this.bytes);
  }

  /** A flow sequence of names `[a, b]` at `i` (its `[`), alone on the rest of the line. */
  flowNames(i: number): string[] {
    return this.flowList(i, (p) => this.nameAt(p, true));
  }

  /** The items of a flow sequence at `i` (its `[`), each read by `read` at its offset. */
  private flowList(i: number, read: (p: number) => string): string[] {
    const out: string[] = [];
    this.flowItems(i, (p) => {
      out.push(read(p));
    });
    return out;
  }

  /** A flow sequence at `i` (its `[`), alone on the rest of the line: `item` reads each item at its offset and sets `stop` after it. */
  flowItems(i: number, item: (p: number) => void): void {
    const text = this.text;
    let p = i + 1;
    while (text.charCodeAt(p) === 0x20) p++;
    if (text.charCodeAt(p) === 0x5d) p++;
    else {
      for (;;) {
        item(p);
        p = this.stop + 1;
        if (text.charCodeAt(this.stop) === 0x5d) break;
        while (text.charCodeAt(p) === 0x20) p++;
      }
    }
    while (p < this.end && text.charCodeAt(p) === 0x20) p++;
    if (p !== this.end) throw new Bail();
  }

  /**
   * A flow mapping `{key: value, ...}` at `i` (its `{`), alone on the rest of the line, whose keys
   * are plain words and whose values are plain words of letters and digits: keys and values in
   * written order, as raw text (the caller checks what they resolve to). `{}` is no pairs.
   */
  flowPairs(i: number): string[] {
    const text = this.text;
    const end = this.end;
    const out: string[] = [];
    let p = i + 1;
    while (text.charCodeAt(p) === 0x20) p++;
    if (text.charCodeAt(p) === 0x7d /* } */) p++;
    else {
      for (;;) {
        let j = p;
        while (j < end && text.charCodeAt(j) < 128 && KEY_CHAR[text.charCodeAt(j)] === 1) j++;
        // `key: value`: a key right before `: `, a value of letters and digits (no `key:value`, no empty value)
        if (j === p || text.charCodeAt(j) !== 0x3a || text.charCodeAt(j + 1) !== 0x20) throw new Bail();
        const key = text.slice(p, j);
        let v = j + 2;
        while (text.charCodeAt(v) === 0x20) v++;
        let w = v;
        while (w < end && text.charCodeAt(w) < 128 && NAME_CHAR[text.charCodeAt(w)] === 2) w++;
        if (w === v) throw new Bail();
        out.push(key, text.slice(v, w));
        p = w;
        while (text.charCodeAt(p) === 0x20) p++;
        const c = text.charCodeAt(p);
        p++;
        if (c === 0x7d) break;
        if (c !== 0x2c /* , */) throw new Bail();
        while (text.charCodeAt(p) === 0x20) p++;
      }
    }
    while (p < end && text.charCodeAt(p) === 0x20) p++;
    if (p !== end) throw new Bail();
    return out;
  }

  /**
   * After a scalar ending at `j`: spaces, then the end of the line, or in a flow sequence its `,` or `]`
   * (where `stop` is left for the caller); anything else is given up.
   */
  private endValue(j: number, flow: boolean): void {
    const text = this.text;
    const end = this.end;
    let k = j;
    while (k < end && text.charCodeAt(k) === 0x20) k++;
    if (flow) {
      const c = text.charCodeAt(k);
      if (c !== 0x2c && c !== 0x5d) throw new Bail();
    } else if (k !== end) throw new Bail();
    this.stop = k;
  }

  /**
   * A version label at `i` (`v2`, `^1.4`, `~1`, `1.x`): in block context to the line's end, in a
   * flow sequence to a `,` or `]` (left in `stop`). Only labels that js-yaml's core schema reads
   * as text are read; a number (1.10), a boolean, a null or any other character is given up.
   */
  labelAt(i: number, flow: boolean): string {
    const text = this.text;
    const end = this.end;
    let j = i;
    let h = HASH_SEED;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c >= 128 || LABEL_CHAR[c] === 0) break;
      h = hashStep(h, c);
      j++;
    }
    if (j === i || j - i > MAX_NAME) throw new Bail();
    this.endValue(j, flow);
    const first = text.charCodeAt(i);
    // `^` and `~` start no number, boolean or null of the core schema once a character follows (`~` alone is null)
    if (!((first === 0x5e || first === 0x7e) && j - i > 1) && !this.isText(i, j)) throw new Bail();
    return this.table.at(text, i, j, h, this.bytes);
  }

  /** A flow sequence of version labels `[v1, v2]` at `i` (its `[`), alone on the rest of the line. */
  flowLabels(i: number): string[] {
    return this.flowList(i, (p) => this.labelAt(p, true));
  }
}

/** The characters of a version label the fast path reads: letters, digits and `. _ - + ^ ~`. */
const LABEL_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9._\-+^~]/.test(String.fromCharCode(c))) LABEL_CHAR[c] = 1;

const BOOLEANS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const NULLS = new Set(["null", "Null", "NULL"]);
const SMALL_INT = /^(?:0|[1-9][0-9]{0,8})$/;
/** A letter that no number of the core schema holds (hex digits, x, o and e do): text starting with a digit but holding one is a string. */
const NOT_NUMERIC = /[g-nG-Np-wP-WyzYZ]/;

function resolvePlain(s: string): Plain {
  const c = s.charCodeAt(0);
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
    if (s.length <= 5) {
      const b = BOOLEANS[s];
      if (b !== undefined && Object.hasOwn(BOOLEANS, s)) return b;
      if (NULLS.has(s)) throw new Bail();
    }
    return s;
  }
  if (c >= 0x30 && c <= 0x39) {
    if (SMALL_INT.test(s)) return Number(s);
    if (NOT_NUMERIC.test(s)) return s;
  }
  throw new Bail();
}
