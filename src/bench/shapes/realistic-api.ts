// The realistic shape with a tenth of its plain entries written as api entries (SPEC §8) that resolve to the same services.
import type { Dep, Group, Svc } from "../model.js";
import type { Rng } from "../random.js";
import { realisticShape } from "./realistic.js";
import { defineShape } from "./shape.js";

/** Every tenth plain entry, counted over the estate in order, becomes an api entry. */
const EVERY = 10;

function withApis(groups: Group[]): Group[] {
  const byName = new Map<string, Svc>();
  for (const g of groups) for (const s of g.services) byName.set(s.name, s);
  let k = 0;
  const convert = (d: Dep): Dep => {
    if (typeof d !== "string" && !("service" in d)) return d;
    if (++k % EVERY !== 0) return d;
    const name = typeof d === "string" ? d : d.service;
    const target = byName.get(name);
    if (!target) return d;
    // The target serves `<name>-api` at v1 and v2; the entry asks for v1 (or ^1), so it resolves to the target alone.
    if (!target.provides) target.provides = [{ api: `${name}-api`, versions: ["v1", "v2"] }];
    const out: Dep = { api: `${name}-api`, version: k % (2 * EVERY) === 0 ? "^1" : "v1" };
    if (typeof d !== "string") {
      if (d.soft) out.soft = true;
      if (d.note !== undefined) out.note = d.note;
    }
    return out;
  };
  for (const g of groups)
    for (const s of g.services) {
      s.runtime = s.runtime.map(convert);
      if (s.rollback) s.rollback = s.rollback.map(convert);
    }
  return groups;
}

export const realisticApiShape = defineShape({
  id: "realistic-api",
  description:
    "the realistic estate (same seed, same services and findings), with every tenth plain entry written as an api entry " +
    "`{api: <name>-api, version: v1 or ^1}` and its target providing `<name>-api` at v1 and v2: API resolution on a large estate.",
  minServices: realisticShape.minServices,
  generate: (n: number, rng: Rng) => withApis(realisticShape.generate(n, rng)),
});
