// criticality's ranking against the straightforward merge: the top entries kept as they come, out of budget, are the top of all.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Ranked, type Ranking, rank } from "../../src/drill/criticality.js";

const before = (a: Ranked, b: Ranked) => b.count - a.count || a.service - b.service;

/** The ranking as written first: every candidate not reached made an entry, all of them sorted, the top kept. */
function straightforward(bound: Int32Array, exact: Int32Array, top: number, compute: (x: number) => boolean): Ranking {
  const candidates: number[] = [];
  for (let x = 0; x < bound.length; x++) if ((bound[x] as number) > 0) candidates.push(x);
  candidates.sort((a, b) => (bound[b] as number) - (bound[a] as number) || a - b);
  const best: Ranked[] = [];
  let i = 0;
  let stopped = false;
  for (; i < candidates.length; i++) {
    const x = candidates[i] as number;
    const b = bound[x] as number;
    const last = best.length === top ? (best[top - 1] as Ranked) : undefined;
    if (last && (b < last.count || (b === last.count && x > last.service))) {
      if (b < last.count) break;
      continue;
    }
    if (!compute(x)) {
      stopped = true;
      break;
    }
    const value = exact[x] as number;
    if (value <= 0) continue;
    best.push({ service: x, count: value, exact: true });
    best.sort(before);
    if (best.length > top) best.pop();
  }
  if (!stopped) return best;
  const rest = candidates
    .slice(i)
    .map((x) =>
      exact[x] === -1 ? { service: x, count: bound[x] as number, exact: false } : { service: x, count: exact[x] as number, exact: true },
    );
  const merged: Ranking = [...best, ...rest.filter((e) => e.count > 0)].sort(before).slice(0, top);
  const last = merged.length === top ? (merged[top - 1] as Ranked) : undefined;
  merged.incomplete = rest.some((e) => !e.exact && e.count > 0 && (!last || e.count >= last.count));
  return merged;
}

describe("criticality ranking", () => {
  it("equals the straightforward merge, in budget and out of it, with exact values known beforehand or not", () => {
    const input = fc.integer({ min: 1, max: 60 }).chain((n) =>
      fc.record({
        bounds: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
        // exact value as a share of the bound; some known before the ranking starts (computed by the other one)
        shares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        known: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        top: fc.integer({ min: 1, max: 8 }),
        budget: fc.integer({ min: 0, max: n + 2 }),
      }),
    );
    fc.assert(
      fc.property(input, ({ bounds, shares, known, top, budget }) => {
        const bound = Int32Array.from(bounds);
        const value = bounds.map((b, x) => Math.floor(b * (shares[x] as number)));
        const run = (f: typeof rank) => {
          const exact = new Int32Array(bound.length).fill(-1);
          known.forEach((k, x) => {
            if (k) exact[x] = value[x] as number;
          });
          let spent = 0;
          const compute = (x: number) => {
            if (exact[x] !== -1) return true;
            if (spent >= budget) return false;
            spent++;
            exact[x] = value[x] as number;
            return true;
          };
          const r = f(bound, exact, top, compute);
          return JSON.stringify({ r: [...r], incomplete: r.incomplete ?? false });
        };
        expect(run(rank)).toBe(run(straightforward));
      }),
      { numRuns: 3000 },
    );
  });
});
