// The drill as JSON (SPEC §6 drill shape, `mode: "warm"`), plus what only warm recovery brings back and each stuck root's blocking requirements and witnesses.
import { VERSION } from "../../version.js";
import { type DrillContext, namesOf, steps } from "./context.js";
import { rtoJson } from "./timing-text.js";

export function renderDrillJson(ctx: DrillContext): string {
  const { graph: g, result, timing } = ctx;
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    mode: "warm",
    failed: namesOf(g, result.failed),
    blastRadius: namesOf(g, result.blastRadius),
    waves: result.waves.map((w, k) => ({
      rollback: namesOf(g, w.rollback),
      recovered: namesOf(g, w.recovered),
      endsAfter: timing.waves[k]?.endsAfter ?? 0,
    })),
    stuck: namesOf(g, result.stuck),
    stuckRoots: namesOf(g, result.stuckRoots),
    recoveryTime: timing.recoveryTime,
    rtoExceeded: rtoJson(g, timing),
    withoutRecoveryTimes: timing.withoutRecoveryTimes,
    warmOnly: namesOf(g, ctx.warmOnly),
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
