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
  private slots = new Int32Array(1 << 12).fill(-1);
  private readonly strings: string[] = [];
  /** Per string, the one-name list `[s]` that every plain requirement on it shares (frozen: no reader changes an entry's names). */
  private readonly singles: (readonly string[] | undefined)[] = [];
  /** The index of the string `at` or `of` returned last. */
  last = -1;
  private hashes: Int32Array = new Int32Array(1 << 11);

  /** The table's string equal to text[start, end), whose hash is `hash`; added when new. */
  at(text: string, start: number, end: number, hash: number): string {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s] as number;
      if (k < 0) break;
      if (this.hashes[k] === hash) {
        const cand = this.strings[k] as string;
        if (cand.length === len && text.startsWith(cand, start)) {
          this.last = k;
          return cand;
        }
      }
    }
    return this.add(flat(text.slice(start, end)), hash);
  }

  /** The table's string equal to `s`. */
  of(s: string): string {
    let h = HASH_SEED;
    for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
    return this.at(s, 0, s.length, h);
  }

  /** The shared `[s]` of the string `at` or `of` returned last. */
  single(): readonly string[] {
    const k = this.last;
    let list = this.singles[k];
    if (list === undefined) {
      list = Object.freeze([this.strings[k] as string]);
      this.singles[k] = list;
    }
    return list;
  }

  private add(s: string, hash: number): string {
    const k = this.strings.length;
    this.last = k;
    if (k === this.hashes.length) {
      const grown = new Int32Array(k * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.strings.push(s);
    this.hashes[k] = hash;
    if (2 * (k + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(k);
    return s;
  }

  private place(k: number): void {
    const mask = this.slots.length - 1;
    let s = (this.hashes[k] as number) & mask;
    while ((this.slots[s] as number) >= 0) s = (s + 1) & mask;
    this.slots[s] = k;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let k = 0; k < this.strings.length; k++) this.place(k);
  }
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
