// The bench's bare search (src/bench/bare-search.ts) finds the true shortest distances: its figures are those of real work.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bareSearch } from "../../src/bench/bare-search.js";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import { estateArb, largeEstateArb } from "../helpers/arbitrary.js";

describe("bare search", () => {
  it("sums, over every service with a hard rollback, the shortest distance from its rollback's members over every hard runtime member", () => {
    fc.assert(
      fc.property(fc.oneof(estateArb, largeEstateArb(40)), (decls) => {
        const g = compile(buildEstate(decls));
        const { n, runtime, rollback } = g;
        let pairs = 0;
        let distances = 0;
        let unreached = 0;
        for (let x = 0; x < n; x++) {
          const r0 = rollback.start[x] as number;
          const r1 = rollback.start[x + 1] as number;
          if (r0 === r1) continue;
          pairs++;
          // one plain breadth-first search from all the goals at once, along "needs" (y → every member y requires)
          const dist = new Map<number, number>();
          let layer: number[] = [];
          for (let k = rollback.memberStart[r0] as number; k < (rollback.memberStart[r1] as number); k++) {
            const c = rollback.members[k] as number;
            if (!dist.has(c)) {
              dist.set(c, 0);
              layer.push(c);
            }
          }
          for (let d = 1; layer.length > 0 && !dist.has(x); d++) {
            const next: number[] = [];
            for (const y of layer) {
              for (let r = runtime.start[y] as number; r < (runtime.start[y + 1] as number); r++) {
                for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
                  const z = runtime.members[k] as number;
                  if (dist.has(z)) continue;
                  dist.set(z, d);
                  next.push(z);
                }
              }
            }
            layer = next;
          }
          if (dist.has(x)) distances += dist.get(x) as number;
          else unreached++;
        }
        const bare = bareSearch(g);
        expect({ pairs: bare.pairs, distances: bare.distances, unreached: bare.unreached }).toEqual({ pairs, distances, unreached });
        expect(bare.steps).toBeGreaterThanOrEqual(pairs - unreached > 0 && distances > 0 ? 1 : 0);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});
