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
