// The realistic shape: a shared platform and layered product teams, with a few planted cycles and catch-22s.
import type { Group, Svc } from "../model.js";
import type { Rng } from "../random.js";
import { PLATFORM_SIZE, platform, platformGroup } from "./platform.js";
import { drawPipelineRollback, layeredProducts, rollbackNote, teamGroups } from "./products.js";
import { defineShape } from "./shape.js";

function realistic(n: number, rng: Rng): Group[] {
  const plat = platform();
  const p = layeredProducts(rng, n, n - PLATFORM_SIZE, drawPipelineRollback);
  // the planted catch-22s: x's rollback needs y, which hard-needs x
  for (const [x, y] of p.catch22s) {
    const yn = (p.services[y] as Svc).name;
    (p.services[x] as Svc).rollback = ["deploy-pipeline", { service: yn, note: rollbackNote(rng, yn) }];
  }
  return [platformGroup(plat), ...teamGroups(p, () => null)];
}

export const realisticShape = defineShape({
  id: "realistic",
  description:
    "shared platform services, then product services in layers (each needs 1–5 services of lower layers plus some " +
    "platform services), ~70% with a `rollback`, about 4.5 edges per service. Planted: max(1, round(services / 10,000)) " +
    "runtime cycles of 2–5 members and as many catch-22s (a service whose rollback needs a service that hard-depends " +
    "on it). Nothing else is a cycle or a catch-22.",
  minServices: 40,
  generate: realistic,
});
