// The drill as JSON (SPEC §6 drill shape), plus each stuck root's blocking requirements and their witnesses.
import { VERSION } from "../../version.js";
import { type DrillContext, namesOf, steps } from "./context.js";

export function renderDrillJson(ctx: DrillContext): string {
  const { graph: g, result } = ctx;
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    failed: namesOf(g, result.failed),
    blastRadius: namesOf(g, result.blastRadius),
    waves: result.waves.map((w) => ({ rollback: namesOf(g, w.rollback), recovered: namesOf(g, w.recovered) })),
    stuck: namesOf(g, result.stuck),
    stuckRoots: namesOf(g, result.stuckRoots),
    blocking: result.blocked.map((b) => ({
      root: g.names[b.root] as string,
      requirements: b.requirements.map((q) => ({
        needs: namesOf(g, q.services),
        witness: { path: steps(g, q.witness.path), locations: q.witness.locations },
        ...(q.services.length > 1
          ? {
              alternatives: q.alternatives.map((c) => ({
                service: g.names[c.path[1] as number] as string,
                path: steps(g, c.path),
                locations: c.locations,
              })),
            }
          : {}),
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
