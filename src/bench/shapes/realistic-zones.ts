// The realistic shape with failure domains: every service in one of ten zones of two regions, with recovery times (SPEC §4.1, §4.3).
import type { Group } from "../model.js";
import { int, type Rng } from "../random.js";
import { realisticShape } from "./realistic.js";
import { defineShape } from "./shape.js";

/** Ten zones, so that a zone holds about 10% of the estate. */
export const ZONES = 10;

function realisticZones(n: number, rng: Rng): Group[] {
  const groups = realisticShape.generate(n, rng);
  for (const g of groups) {
    for (const s of g.services) {
      const z = int(rng, ZONES);
      s.zone = `zone-${z}`;
      s.region = `region-${z % 2}`;
      s.recovery = { rollback: `${1 + int(rng, 30)}m`, start: `${10 + int(rng, 290)}s` };
    }
  }
  return groups;
}

export const realisticZonesShape = defineShape({
  id: "realistic-zones",
  description:
    "the realistic estate, each service also in one of 10 zones (`zone-0` … `zone-9`, about 10% of the estate each) of " +
    "two regions, with `recovery` times (rollback 1–30m, start 10–300s). The platform's two DNS resolvers land in " +
    "random zones, so some `anyOf` share fate.",
  minServices: realisticShape.minServices,
  generate: realisticZones,
});
