// The strings of one load, each held once: found by a hash of the text's characters, so a repeated name costs no new string.

/** FNV-1a over UTF-16 code units, as the cursor computes it while it scans a name. */
export const HASH_SEED = 0x811c9dc5 | 0;

export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 16777619);
}

/**
 * Equal strings as one string, flat: a name is declared once and required by many services, and
 * a slice of a file's text (V8 keeps one of 13 characters or more as a view of the text) would
 * keep every file's text alive for as long as the estate lives.
 */
export class StringTable {
  /**
   * Open addressing, three cells a slot: the hash, the string (undefined: empty) and its shared
   * one-name list (undefined until asked for): a probe reads one place, not an index and then
   * arrays by index, each a cache miss in a table of a hundred thousand names.
   */
  private cells: (number | string | readonly string[] | undefined)[] = new Array(3 << 12).fill(undefined);
  private size = 0;
  /** The slot (its first cell) of the string `at` or `of` returned last. */
  private last = -1;

  /** The table's string equal to text[start, end), whose hash is `hash`; added when new (copied from `bytes`, the text's ASCII bytes, when given). */
  at(text: string, start: number, end: number, hash: number, bytes?: Buffer): string {
    const cells = this.cells;
    const slots = cells.length / 3;
    const mask = slots - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const b = 3 * s;
      const cand = cells[b + 1] as string | undefined;
      if (cand === undefined) break;
      if (cells[b] === hash && cand.length === len && text.startsWith(cand, start)) {
        this.last = b;
        return cand;
      }
    }
    return this.add(copyOf(text, start, end, bytes), hash);
  }

  /** The table's string equal to `s`. */
  of(s: string): string {
    let h = HASH_SEED;
    for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
    return this.at(s, 0, s.length, h);
  }

  /** The shared `[s]` (frozen: no reader changes an entry's names) of the string `at` or `of` returned last: every plain requirement on it holds it. */
  single(): readonly string[] {
    const b = this.last;
    let list = this.cells[b + 2] as readonly string[] | undefined;
    if (list === undefined) {
      list = Object.freeze([this.cells[b + 1] as string]);
      this.cells[b + 2] = list;
    }
    return list;
  }

  private add(s: string, hash: number): string {
    this.size++;
    if (2 * this.size > this.cells.length / 3) this.rehash((2 * this.cells.length) / 3);
    this.last = this.place(hash, s, undefined);
    return s;
  }

  private place(hash: number, s: string, single: readonly string[] | undefined): number {
    const cells = this.cells;
    const mask = cells.length / 3 - 1;
    let b = 3 * (hash & mask);
    while (cells[b + 1] !== undefined) b = 3 * ((b / 3 + 1) & mask);
    cells[b] = hash;
    cells[b + 1] = s;
    cells[b + 2] = single;
    return b;
  }

  private rehash(slots: number): void {
    const old = this.cells;
    this.cells = new Array(3 * slots).fill(undefined);
    for (let b = 0; b < old.length; b += 3) {
      const s = old[b + 1] as string | undefined;
      if (s !== undefined) this.place(old[b] as number, s, old[b + 2] as readonly string[] | undefined);
    }
  }
}

/**
 * text[start, end) as a string of its own (see flat): read from `bytes` when given, the UTF-8 bytes
 * the text was decoded from, which for text of ASCII only (the fast path's) sit at the same offsets.
 */
export function copyOf(text: string, start: number, end: number, bytes?: Buffer): string {
  if (end - start < 13) return text.slice(start, end);
  return bytes ? bytes.toString("latin1", start, end) : flat(text.slice(start, end));
}

const WIDE = /[^\x00-\xff]/;

/**
 * A copy of `s` that does not refer to the text it was sliced from, and is itself one sequential string:
 * `(" " + s).slice(1)` would still be a view (of a small parent), which V8 compares 4-7x and stringifies
 * 4-5x slower than a plain string, and names are compared and written all through the analysis.
 * Decoding bytes makes a fresh string: latin1 for code units up to 0xff (exact), UTF-16 otherwise.
 */
export function flat(s: string): string {
  if (s.length < 13) return s;
  return WIDE.test(s) ? Buffer.from(s, "utf16le").toString("utf16le") : Buffer.from(s, "latin1").toString("latin1");
}
