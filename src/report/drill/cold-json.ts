// The cold drill as JSON (SPEC §6 `mode: "cold"`), plus each never-up service's blocking requirements and each core's witness locations and impacted services.
import { VERSION } from "../../version.js";
import { type ColdDrillContext, namesOf, runtimeSteps } from "./context.js";
import { rtoJson } from "./timing-text.js";

export function renderColdJson(ctx: ColdDrillContext): string {
  const { graph: g, result, timing } = ctx;
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    mode: "cold",
    failed: namesOf(g, result.failed),
    waves: result.waves.map((w, k) => ({ up: namesOf(g, w.up), endsAfter: timing.waves[k]?.endsAfter ?? 0 })),
    neverUp: namesOf(g, result.neverUp),
    cores: result.cores.map((c) => ({
      services: namesOf(g, c.members),
      path: runtimeSteps(g, c.cycle),
      locations: c.locations,
      impacted: namesOf(g, c.impacted),
    })),
    recoveryTime: timing.recoveryTime,
    rtoExceeded: rtoJson(g, timing),
    withoutRecoveryTimes: timing.withoutRecoveryTimes,
    blocking: result.blocked.map((b) => ({
      service: g.names[b.service] as string,
      needs: b.requirements.map((q) => namesOf(g, q.services)),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
