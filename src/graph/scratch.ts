// Scratch typed arrays per compiled graph: borrowed by the analyses and given back, so a run allocates a handful of buffers, not hundreds.
import type { Compiled } from "./compiled.js";

/**
 * Every typed array's bytes count towards V8's external memory, and each 64 MB of it allocated past the
 * last full collection starts another full collection of the whole heap: at a million services the rules
 * and criticality made ~700 MB of short-lived arrays, ~11 full collections of a 1.4 GB heap. Their
 * buffers are given back here instead and handed out again, zeroed (or filled as asked), so only the
 * most that is borrowed at once is ever allocated. An array never given back is only garbage, as before;
 * one read or written after it was given back is a bug (another analysis may hold its buffer).
 */
export class Scratch {
  /** Buffers free to hand out, smallest first. */
  private readonly free: ArrayBuffer[] = [];
  /** Bytes handed out and not given back yet: for tests. */
  lent = 0;

  int32(length: number, value = 0): Int32Array<ArrayBuffer> {
    const a = new Int32Array(this.take(4 * length), 0, length);
    a.fill(value);
    return a;
  }

  uint8(length: number, value = 0): Uint8Array<ArrayBuffer> {
    const a = new Uint8Array(this.take(length), 0, length);
    a.fill(value);
    return a;
  }

  float64(length: number): Float64Array<ArrayBuffer> {
    const a = new Float64Array(this.take(8 * length), 0, length);
    a.fill(0);
    return a;
  }

  /** Gives the arrays' buffers back (each array, or one view of it, once). */
  give(...arrays: readonly ArrayBufferView[]): void {
    for (const a of arrays) {
      const b = a.buffer as ArrayBuffer;
      if (this.free.includes(b)) throw new Error("scratch buffer given back twice");
      let i = this.free.length;
      while (i > 0 && (this.free[i - 1] as ArrayBuffer).byteLength > b.byteLength) i--;
      this.free.splice(i, 0, b);
      this.lent -= b.byteLength;
    }
  }

  /** Bytes held free: for tests. */
  get freeBytes(): number {
    let sum = 0;
    for (const b of this.free) sum += b.byteLength;
    return sum;
  }

  /**
   * The smallest free buffer of at least `bytes`, unless that is more than twice as large (an n-byte mark
   * array would otherwise hold a 4n-byte one that an Int32Array of n needs next): a new one then.
   */
  private take(bytes: number): ArrayBuffer {
    const need = Math.max(8, bytes);
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
}

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
export const scratchOf = perGraph(() => new Scratch());
