// The layered layout folded to the map's size (issue #15 item 12): a tall layer becomes columns, a long run
// of layers wraps into bands only when that gains much, and dependencies stay to the right within a band.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel, type ViewModel } from "../../src/report/view-model.js";
import { runRules } from "../../src/rules/index.js";
import { derive, type Visible, visibleGraph } from "../../web/derive.js";
import { layeredLayout } from "../../web/layered.js";
import { declarations, type ServiceSpec } from "../helpers/estate.js";

function visible(specs: ServiceSpec[]): Visible {
  const e = buildEstate(declarations(specs));
  const g = compile(e);
  const findings = runRules(e, g);
  const model = JSON.parse(JSON.stringify(buildViewModel(e, findings, summarize(g, findings), []))) as ViewModel;
  return visibleGraph(derive(model), {
    filters: { systems: new Set(), owners: new Set(), kinds: new Set(["runtime", "rollback", "soft"]), findings: "all" },
    expanded: null,
  });
}

/** Width / height of the drawing's services. */
function aspectOf(v: Visible): number {
  const xs = v.nodes.map((n) => n.x);
  const ys = v.nodes.map((n) => n.y);
  const w = Math.max(...xs) - Math.min(...xs) + 150;
  const h = Math.max(...ys) - Math.min(...ys) + 64;
  return w / h;
}

const name = (i: number) => `s${String(i).padStart(4, "0")}`;
/** The map at 1400×900 with both side panels open, less the fit's padding. */
const MAP = { width: 745, height: 820 };
const aspect = (MAP.width - 140) / (MAP.height - 140);

describe("the layered layout fitted to the map", () => {
  it("folds one tall layer (300 services on one store) into columns near the map's aspect", () => {
    const specs: ServiceSpec[] = [...Array.from({ length: 300 }, (_, i) => ({ name: name(i), runtime: ["store"] })), { name: "store" }];
    const v = visible(specs);
    layeredLayout(v);
    const thin = aspectOf(v);
    layeredLayout(v, MAP);
    const fitted = aspectOf(v);
    expect(thin).toBeLessThan(aspect / 20);
    expect(fitted / aspect).toBeGreaterThan(0.5);
    expect(fitted / aspect).toBeLessThan(2);
    const store = v.byId.get("store")?.x as number;
    for (const n of v.nodes) if (n.id !== "store") expect(n.x).toBeLessThan(store);
  });

  it("wraps a 200-deep chain into bands, read left to right, then the next band down", () => {
    const specs: ServiceSpec[] = Array.from({ length: 200 }, (_, i) => ({ name: name(i), runtime: i + 1 < 200 ? [name(i + 1)] : [] }));
    const v = visible(specs);
    layeredLayout(v, MAP);
    expect(aspectOf(v) / aspect).toBeGreaterThan(0.5);
    expect(aspectOf(v) / aspect).toBeLessThan(2);
    for (let i = 0; i + 1 < 200; i++) {
      const a = v.byId.get(name(i)) as { x: number; y: number };
      const b = v.byId.get(name(i + 1)) as { x: number; y: number };
      // The next layer is to the right in the same band, or starts the band below.
      expect(b.x > a.x || b.y > a.y).toBe(true);
    }
  });

  it("keeps a small layering in one band and only spreads it (the tencent example's shape)", () => {
    const specs: ServiceSpec[] = [
      { name: "a", runtime: ["b", "c"] },
      { name: "b", runtime: ["d"] },
      { name: "c", runtime: ["d"] },
      { name: "d", runtime: ["e"] },
      { name: "e" },
    ];
    const v = visible(specs);
    layeredLayout(v, MAP);
    const y = (id: string) => v.byId.get(id)?.y as number;
    const x = (id: string) => v.byId.get(id)?.x as number;
    expect(y("a")).toBe(y("d"));
    expect(y("d")).toBe(y("e"));
    expect(x("a")).toBeLessThan(x("b"));
    expect(x("d")).toBeLessThan(x("e"));
  });

  it("never puts a runtime dependency left of its dependent in one band, on random estates and windows", () => {
    const estate = fc
      .integer({ min: 2, max: 60 })
      .chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(estate, fc.integer({ min: 200, max: 2000 }), fc.integer({ min: 200, max: 1200 }), (deps, width, height) => {
        // Edges only to higher indices: a DAG, so every runtime edge crosses layers.
        const specs: ServiceSpec[] = deps.map((ds, i) => ({ name: name(i), runtime: [...new Set(ds.filter((d) => d > i))].map(name) }));
        const v = visible(specs);
        layeredLayout(v, { width, height });
        for (const e of v.edges) {
          if (e.kind !== "runtime") continue;
          // Either to the right, or in a band below (its y is beyond the dependent's whole band).
          expect(e.target.x > e.source.x || e.target.y > e.source.y).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
