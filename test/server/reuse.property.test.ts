// serve's reuse across analyses (issue #14): an estate, its graph, its findings and its summary built from an earlier analysis's equal those built afresh.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration } from "../../src/model/types.js";
import { runRules } from "../../src/rules/index.js";
import { RuleReuse } from "../../src/rules/reuse.js";
import { estateArb, largeEstateArb } from "../helpers/arbitrary.js";

const estates = fc.oneof(estateArb, largeEstateArb(40));

/**
 * The next analysis's declarations: some of the earlier ones, the same objects (their files unchanged),
 * and some new ones (a file edited or created), which may declare names the earlier ones did not, or
 * stop declaring names they did.
 */
const edited = fc
  .tuple(estates, estates, fc.array(fc.boolean(), { maxLength: 60 }), fc.array(fc.boolean(), { maxLength: 60 }))
  .map(([before, other, keep, add]) => {
    const after: Declaration[] = [];
    before.forEach((d, i) => {
      if (keep[i] ?? true) after.push(d);
    });
    other.forEach((d, i) => {
      if (add[i] ?? false) after.push(d);
    });
    return { before, after };
  });

/** The graph's content as plain values (typed arrays as arrays), to compare. */
function plain(g: ReturnType<typeof compile>) {
  const set = (s: typeof g.runtime) => ({
    start: [...s.start],
    memberStart: [...s.memberStart],
    members: [...s.members],
    owner: [...s.owner],
    entry: s.entry,
    edges: [...s.edges],
  });
  return {
    n: g.n,
    names: g.names,
    runtime: set(g.runtime),
    rollback: set(g.rollback),
    byMemberStart: [...g.byMemberStart],
    byMember: [...g.byMember],
    undeclared: g.undeclared.map((u) => ({ ...u, service: g.names[u.service] })),
  };
}

describe("reuse of an earlier analysis (serve)", () => {
  it("the estate, the compiled graph, the findings and the edge counts (in the graph) equal those of a fresh analysis", () => {
    fc.assert(
      fc.property(edited, ({ before, after }) => {
        const reuse = new RuleReuse();
        const e1 = buildEstate(before);
        const g1 = compile(e1);
        runRules(e1, g1, {}, undefined, undefined, reuse);
        const e2 = buildEstate(after, e1);
        const g2 = compile(e2, [], g1);
        const fresh = buildEstate(after);
        const g2f = compile(fresh);
        expect(e2.services.map((s) => s.name)).toEqual(fresh.services.map((s) => s.name));
        expect([...e2.ids]).toEqual([...fresh.ids]);
        expect(e2.services).toEqual(fresh.services);
        expect(plain(g2)).toEqual(plain(g2f));
        expect(runRules(e2, g2, {}, undefined, undefined, reuse)).toEqual(runRules(fresh, g2f));
      }),
      { numRuns: 300 },
    );
  });
});
