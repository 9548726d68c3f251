// The generator's seeded randomness: one PRNG and the few ways the shapes draw from it.

export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence everywhere. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the high 32 bits in too, so that seeds beyond 2^32 differ from their low half. */
export function seedRng(seed: number): Rng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mulberry32(lo ^ Math.imul(hi ^ 0x5bd1e995, 0x85ebca6b));
}

export const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)] as T;

/** Index of the first weight bucket that r falls into. */
export function weighted(rng: Rng, cumulative: readonly number[]): number {
  const r = rng();
  for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] as number)) return i;
  return cumulative.length - 1;
}
