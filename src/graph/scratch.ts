// Scratch typed arrays per compiled graph: borrowed by the analyses and given back, so a run allocates a handful of buffers, not hundreds.
import type { Compiled } from "./compiled.js";

/**
 * Every typed array's bytes count towards V8's external memory, and each 64 MB of it allocated past the
 * last full collection starts another full collection of the whole heap: at a million services the rules
 * and criticality made ~700 MB of short-lived arrays, ~11 full collections of a 1.4 GB heap. Their
 * buffers are given back here instead and handed out again, zeroed (or filled as asked), so only the
 * most that is borrowed at once is ever allocated. An array never given back is only garbage, as before;
 * one read or written after it was given back is a bug (another analysis may hold its buffer).
 *
 * With `slabBytes`, arrays are carved out of one buffer of that size first (best fit, holes merged when
 * given back), and only what does not fit gets a buffer of its own. One allocation instead of twenty:
 * at a million services the twenty made 150 MB of new external memory while the rules ran, two more full
 * collections of a 1 GB heap (3.5 s of pauses); the slab, allocated as the first analysis starts, is counted
 * in the collection the compiled graph's own arrays start. Its pages cost memory only once written.
 */
export class Scratch {
  /** Buffers of their own free to hand out, smallest first. */
  private readonly free: ArrayBuffer[] = [];
  private readonly slab: ArrayBuffer | undefined;
  /** The slab's free ranges as (offset, bytes) pairs, by offset, none adjacent. */
  private readonly holes: number[] = [];
  /** The slab's ranges handed out: offset → bytes. */
  private readonly carved = new Map<number, number>();
  /** Bytes handed out and not given back yet: for tests. */
  lent = 0;

  constructor(slabBytes = 0) {
    const bytes = roundUp(slabBytes);
    if (bytes > 0) {
      this.slab = new ArrayBuffer(bytes);
      this.holes.push(0, bytes);
    }
  }

  int32(length: number, value = 0): Int32Array<ArrayBuffer> {
    const [buffer, offset] = this.take(4 * length);
    const a = new Int32Array(buffer, offset, length);
    a.fill(value);
    return a;
  }

  uint8(length: number, value = 0): Uint8Array<ArrayBuffer> {
    const [buffer, offset] = this.take(length);
    const a = new Uint8Array(buffer, offset, length);
    a.fill(value);
    return a;
  }

  float64(length: number): Float64Array<ArrayBuffer> {
    const [buffer, offset] = this.take(8 * length);
    const a = new Float64Array(buffer, offset, length);
    a.fill(0);
    return a;
  }

  /** Gives the arrays' buffers back (each array, or one view of it, once). */
  give(...arrays: readonly ArrayBufferView[]): void {
    for (const a of arrays) {
      const b = a.buffer as ArrayBuffer;
      if (b === this.slab) {
        this.giveCarved(a.byteOffset);
        continue;
      }
      if (this.free.includes(b)) throw new Error("scratch buffer given back twice");
      let i = this.free.length;
      while (i > 0 && (this.free[i - 1] as ArrayBuffer).byteLength > b.byteLength) i--;
      this.free.splice(i, 0, b);
      this.lent -= b.byteLength;
    }
  }

  /** Bytes held free (the slab's holes too): for tests. */
  get freeBytes(): number {
    let sum = 0;
    for (const b of this.free) sum += b.byteLength;
    for (let k = 1; k < this.holes.length; k += 2) sum += this.holes[k] as number;
    return sum;
  }

  /**
   * A buffer and an offset in it with `bytes` free: the slab's smallest hole that fits, else a buffer of its own.
   * A range carved out of the slab is 8 bytes longer than asked: every view of its array, even an empty one at
   * its very end, then starts inside it, so `give` never takes such a view for the start of the next range.
   */
  private take(bytes: number): [ArrayBuffer, number] {
    const need = roundUp(bytes) + 8;
    const holes = this.holes;
    let best = -1;
    for (let k = 0; k < holes.length; k += 2) {
      const size = holes[k + 1] as number;
      if (size >= need && (best < 0 || size < (holes[best + 1] as number))) best = k;
    }
    if (best >= 0) {
      const offset = holes[best] as number;
      const rest = (holes[best + 1] as number) - need;
      if (rest > 0) {
        holes[best] = offset + need;
        holes[best + 1] = rest;
      } else holes.splice(best, 2);
      this.carved.set(offset, need);
      this.lent += need;
      return [this.slab as ArrayBuffer, offset];
    }
    return [this.own(roundUp(Math.max(8, bytes))), 0];
  }

  /**
   * The smallest free buffer of its own of at least `need` bytes, unless that is more than twice as large (an
   * n-byte mark array would otherwise hold a 4n-byte one that an Int32Array of n needs next): a new one then.
   */
  private own(need: number): ArrayBuffer {
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i] as ArrayBuffer;
      if (b.byteLength < need) continue;
      if (b.byteLength > 2 * need) break;
      this.free.splice(i, 1);
      this.lent += b.byteLength;
      return b;
    }
    this.lent += need;
    return new ArrayBuffer(need);
  }

  /** The slab range holding `at` back among the holes, merged with a hole just before or after it. */
  private giveCarved(at: number): void {
    let offset = -1;
    for (const start of this.carved.keys()) if (start <= at && start > offset) offset = start;
    const size = offset >= 0 ? (this.carved.get(offset) as number) : 0;
    if (offset < 0 || at >= offset + size) throw new Error("scratch buffer given back twice");
    this.carved.delete(offset);
    this.lent -= size;
    const holes = this.holes;
    let k = 0;
    while (k < holes.length && (holes[k] as number) < offset) k += 2;
    let start = offset;
    let end = offset + size;
    let from = k;
    let to = k;
    if (k > 0 && (holes[k - 2] as number) + (holes[k - 1] as number) === start) {
      from = k - 2;
      start = holes[k - 2] as number;
    }
    if (k < holes.length && holes[k] === end) {
      end += holes[k + 1] as number;
      to = k + 2;
    }
    holes.splice(from, to - from, start, end - start);
  }
}

/** `bytes` rounded up to a multiple of 8, so that every range carved out of a slab can hold a Float64Array. */
function roundUp(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** Slab bytes per service: above the most the analyses borrow at once on every bench shape (at most 113 at 100,000). */
const SLAB_PER_SERVICE = 160;

/** `build` memoised per compiled graph: for what is a function of the graph alone (a graph is never changed once compiled). */
export function perGraph<T>(build: (g: Compiled) => T): (g: Compiled) => T {
  const cache = new WeakMap<Compiled, T>();
  return (g) => {
    let v = cache.get(g);
    if (v === undefined) {
      v = build(g);
      cache.set(g, v);
    }
    return v;
  };
}

/** The scratch of `g`: one per compiled graph, so `serve`, which analyses successive graphs, never shares one between two. */
export const scratchOf = perGraph((g) => new Scratch(SLAB_PER_SERVICE * g.n));
