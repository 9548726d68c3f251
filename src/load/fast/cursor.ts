// The line cursor of the fast manifest path: plain block-style YAML read line by line, anything else given up (Bail).

/** Thrown where the text leaves the subset the fast path reads: the file is read again by the full path. */
export class Bail extends Error {}

/** Characters the fast path never reads: non-ASCII, controls, tabs, quotes, anchors, aliases, tags, block scalars, flow mappings, `?`. */
const OUTSIDE = /[^\n\x20-\x7e]|["'&*!|>%@`{}\\?]/;

/** True when the text may be read by the fast path at all (a cheap check before any work). */
export function inSubset(text: string): boolean {
  return !OUTSIDE.test(text);
}

/** Values the fast path resolves as js-yaml's core schema does; every other plain scalar is given up. */
export type Plain = string | number | boolean;

const KEY_CHAR = /[A-Za-z0-9_-]/;

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
  private next = 0;
  private readonly hasHash: boolean;

  constructor(readonly text: string) {
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
   * The key at `i` (`key: value` or `key:` at the line's end), and the offset of its value's first
   * character (`this.end` when the value is on the following lines); undefined when the content is not a key.
   */
  key(i: number): { key: string; value: number } | undefined {
    const text = this.text;
    const first = text.charCodeAt(i);
    if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a))) return undefined;
    let j = i + 1;
    while (j < this.end && KEY_CHAR.test(text[j] as string)) j++;
    if (text.charCodeAt(j) !== 0x3a /* : */) return undefined;
    const after = j + 1;
    if (after === this.end) return { key: text.slice(i, j), value: this.end };
    if (text.charCodeAt(after) !== 0x20) return undefined;
    let v = after + 1;
    while (v < this.end && text.charCodeAt(v) === 0x20) v++;
    return { key: text.slice(i, j), value: v };
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
    return resolvePlain(s);
  }

  /**
   * A flow sequence `[a, b]` of plain scalars, on one line, from `i` (its `[`): each item with its offset.
   * Items holding `:`, `[` or `]`, empty items and anything after the `]` are given up.
   */
  flowItems(i: number): { value: Plain; at: number }[] {
    const text = this.text;
    const e = this.valueEnd(i);
    if (text.charCodeAt(e - 1) !== 0x5d /* ] */) throw new Bail();
    const out: { value: Plain; at: number }[] = [];
    let p = i + 1;
    while (p < e - 1 && text.charCodeAt(p) === 0x20) p++;
    if (p === e - 1) return out;
    for (;;) {
      let q = p;
      while (q < e - 1 && text.charCodeAt(q) !== 0x2c /* , */) q++;
      let r = q;
      while (r > p && text.charCodeAt(r - 1) === 0x20) r--;
      if (r === p) throw new Bail();
      const s = text.slice(p, r);
      if (s.includes(":") || s.includes("[") || s.includes("]")) throw new Bail();
      out.push({ value: resolvePlain(s), at: p });
      if (q === e - 1) return out;
      p = q + 1;
      while (p < e - 1 && text.charCodeAt(p) === 0x20) p++;
      if (p === e - 1) throw new Bail();
    }
  }
}

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
