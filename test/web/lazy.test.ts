// A large estate in the page (web/lazy.ts, web/lazy-graph.ts): from the overview and the systems loaded on
// expansion, the page draws the same graph, with the same account of what is hidden, as from the whole model.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ViewModel } from "../../src/report/view-model.js";
import { buildOverview, NO_SYSTEM } from "../../src/view/overview.js";
import { derive, type EdgeClass, type Filters, type Visible, visibleGraph } from "../../web/derive.js";
import { LazyEstate } from "../../web/lazy.js";
import { lazyVisibleGraph } from "../../web/lazy-graph.js";
import { NAMES, randomEstate, SYSTEMS, viewOf } from "../helpers/view.js";

function lazyOf(model: ViewModel): LazyEstate {
  const { overview, slice } = buildOverview(model);
  return new LazyEstate(overview, {
    system: async (name) => {
      const s = slice(name);
      if (!s) throw new Error(`no system ${name}`);
      return JSON.parse(JSON.stringify(s));
    },
  });
}

/** What a drawn graph shows, independent of node order. */
function shape(v: Visible) {
  return {
    nodes: v.nodes.map((n) => `${n.kind}|${n.id}|${n.state}|${n.count ?? ""}`).sort(),
    edges: v.edges.map((e) => `${e.source.id}|${e.target.id}|${e.kind}|${e.soft}|${e.anyOf}|${e.count}|${e.key}`).sort(),
    nodeOf: [...v.nodeOf].map(([a, b]) => `${a}>${b}`).sort(),
    hidden: v.hidden,
    totalEdges: v.totalEdges,
  };
}

const kinds: EdgeClass[] = ["runtime", "rollback", "soft"];
const systemNames = ["s1", "s2", "s3", NO_SYSTEM];

describe("the overview in the page", () => {
  it("draws what the whole model draws, for any systems expanded (in any order) and any system and edge filters", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomEstate,
        fc.array(fc.constantFrom(...SYSTEMS), { minLength: NAMES.length, maxLength: NAMES.length }),
        fc.array(fc.subarray(systemNames), { minLength: 1, maxLength: 3 }),
        fc.subarray(kinds),
        fc.subarray(systemNames),
        async (specs, systems, expansions, shownKinds, only) => {
          const model = viewOf(specs, (n) => systems[NAMES.indexOf(n)]);
          const lazy = lazyOf(model);
          const filters: Filters = { systems: new Set(only), owners: new Set(), kinds: new Set(shownKinds), findings: "all" };
          // Systems loaded earlier and collapsed since must not be counted twice.
          for (const expanded of expansions) {
            await lazy.load(expanded);
            const got = lazyVisibleGraph(lazy.derive(), lazy, { filters, expanded: new Set(expanded) });
            const want = visibleGraph(derive(model), { filters, expanded: new Set(expanded) });
            expect(shape(got)).toEqual(shape(want));
          }
          await lazy.load(null);
          const all = lazyVisibleGraph(lazy.derive(), lazy, { filters, expanded: null });
          expect(shape(all)).toEqual(shape(visibleGraph(derive(model), { filters, expanded: null })));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("filters collapsed systems by owner and findings as the whole model does: matching services counted, none hidden", async () => {
    const OWNERS = ["team-a", "team-b", undefined];
    await fc.assert(
      fc.asyncProperty(
        randomEstate,
        fc.array(fc.constantFrom(...SYSTEMS), { minLength: NAMES.length, maxLength: NAMES.length }),
        fc.array(fc.constantFrom(...OWNERS), { minLength: NAMES.length, maxLength: NAMES.length }),
        fc.subarray(["team-a", "team-b", "(no owner)"]),
        fc.constantFrom("all", "serious", "any", "drift") as fc.Arbitrary<Filters["findings"]>,
        fc.subarray(systemNames),
        async (specs, systems, owners, ownerFilter, findings, expanded) => {
          const model = viewOf(
            specs,
            (n) => systems[NAMES.indexOf(n)],
            (n) => ({ owner: owners[NAMES.indexOf(n)], zone: owners[NAMES.indexOf(n)] && `zone-of-${owners[NAMES.indexOf(n)]}` }),
          );
          const lazy = lazyOf(model);
          const filters: Filters = { systems: new Set(), owners: new Set(ownerFilter), kinds: new Set(kinds), findings };
          await lazy.load(expanded);
          const got = lazyVisibleGraph(lazy.derive(), lazy, { filters, expanded: new Set(expanded) });
          const want = visibleGraph(derive(model), { filters, expanded: new Set(expanded) });
          // The drawn nodes (a group's count is its matching services), where each service is drawn, what is hidden;
          // the (undeclared) group comes with the aggregated edges, which count every service of a collapsed system.
          const declared = (v: Visible) => shape(v).nodes.filter((n) => !n.startsWith("group|group:(undeclared)|"));
          expect(declared(got)).toEqual(declared(want));
          expect(shape(got).nodeOf).toEqual(shape(want).nodeOf);
          const { services, collapsedServices, collapsedSystems } = want.hidden;
          expect(got.hidden).toMatchObject({ services, collapsedServices, collapsedSystems });
          // Every service's zone is known before its system is loaded (a shared-fate zone cause, the failure domains).
          expect(lazyOf(model).derive().zones).toEqual(derive(model).zones);
          // Expanded, every edge is the model's own: the whole account is the same.
          await lazy.load(null);
          const all = lazyVisibleGraph(lazy.derive(), lazy, { filters, expanded: null });
          expect(shape(all)).toEqual(shape(visibleGraph(derive(model), { filters, expanded: null })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rebuilds the whole model from every system, services in name order and each edge once", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomEstate,
        fc.array(fc.constantFrom(...SYSTEMS), { minLength: NAMES.length, maxLength: NAMES.length }),
        async (specs, systems) => {
          const model = viewOf(specs, (n) => systems[NAMES.indexOf(n)]);
          const full = await lazyOf(model).all();
          expect(full.services).toEqual(model.services);
          const key = (e: ViewModel["edges"][number]) => JSON.stringify([e.from, e.kind, e.to, e]);
          expect(full.edges.map(key).sort()).toEqual(model.edges.map(key).sort());
          expect(full.findings).toEqual(model.findings);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("maps every declared service to its system before any is loaded, and searches the overview's names", async () => {
    const model = viewOf(
      [
        { name: "a", rollback: [] },
        { name: "b", rollback: [] },
        { name: "c", runtime: ["a"], rollback: [] },
      ],
      (n) => (n === "c" ? "s2" : "s1"),
    );
    const lazy = lazyOf(model);
    expect(lazy.systemOf.get("c")).toBe("s2");
    expect(lazy.systemOf.get("ghost")).toBeUndefined();
    expect(lazy.services).toBe(3);
    const answered = new Promise<void>((resolve) => expect(lazy.matches("B", 10, resolve)).toEqual([]));
    expect(lazy.searching("B")).toBe(true);
    await answered;
    expect(lazy.matches("B", 10, () => {})).toEqual(["b"]);
  });
});
