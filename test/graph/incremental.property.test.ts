// The shortcuts of issue 14 against the SPEC §2 definition of Down(F), computed naively: the drill's
// shrinking Down set, the "may c be down with x" filter, and the components of plain requirements.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { DownSet } from "../../src/graph/down.js";
import { downFilter, plainComponents, ReachFilter } from "../../src/graph/reach.js";
import { buildEstate } from "../../src/model/estate.js";
import { estateArb, largeEstateArb } from "../helpers/arbitrary.js";
import { bruteDown, bruteModel, sorted } from "../reference/brute.js";

const TIMEOUT = 60_000;
const estates = fc.oneof(estateArb, largeEstateArb(40));

describe("incremental Down sets and filters against the definition", () => {
  it(
    "§2 Down(U) shrunk by released roots, wave after wave, equals Down of the roots left, computed from nothing",
    () => {
      fc.assert(
        fc.property(
          estates,
          fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          (decls, picks, order) => {
            const g = compile(buildEstate(decls));
            const m = bruteModel(decls);
            const roots = [...new Set(picks.map((p) => p % g.n))];
            const d = new DownSet(g);
            d.add(roots);
            const failed = new Uint8Array(g.n);
            for (const r of roots) failed[r] = 1;
            const left = roots.slice();
            // release the roots in a random order, one or two at a time
            for (let k = 0; left.length > 0; k++) {
              const released = left.splice((order[k] ?? 0) % left.length, 1 + ((order[k] ?? 0) % 2));
              const before = g.names.filter((_, i) => d.isDown[i]);
              for (const r of released) failed[r] = 0;
              const up = d.shrink(released, failed);
              const expected = sorted(
                bruteDown(
                  m,
                  left.map((i) => g.names[i] as string),
                ),
              );
              expect(g.names.filter((_, i) => d.isDown[i])).toEqual(expected);
              expect(sorted(up.map((i) => g.names[i] as string))).toEqual(before.filter((s) => !expected.includes(s)));
            }
          },
        ),
        { numRuns: 1000 },
      );
    },
    TIMEOUT,
  );

  it(
    "the down filter never rules out a service that x's failure takes down, and plain components share one Down",
    () => {
      fc.assert(
        fc.property(estates, (decls) => {
          const g = compile(buildEstate(decls));
          const m = bruteModel(decls);
          const mayDown = downFilter(g, new ReachFilter(g));
          const { comp, size } = plainComponents(g);
          for (let x = 0; x < g.n; x++) {
            const D = sorted(bruteDown(m, [g.names[x] as string]));
            for (const c of D) expect(mayDown.mayReach(g.estate.ids.get(c) as number, x)).toBe(true);
            if ((size[comp[x] as number] as number) < 2) continue;
            for (let y = 0; y < g.n; y++) {
              if (comp[y] === comp[x]) expect(sorted(bruteDown(m, [g.names[y] as string]))).toEqual(D);
            }
          }
        }),
        { numRuns: 1000 },
      );
    },
    TIMEOUT,
  );
});
