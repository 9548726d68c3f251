// api-unprovided: an `{api, version?}` entry that no other declared service provides at a matching version (SPEC §3, §8).
import type { DependencyKind, Entry, Service, SourcePos } from "../model/types.js";
import { byCodeUnit, comparePos } from "../util/order.js";
import type { RawFinding, Rule } from "./rule.js";

type Unprovided = NonNullable<NonNullable<Entry["api"]>["unprovided"]>;

export const apiUnprovided: Rule = {
  meta: {
    id: "api-unprovided",
    defaultSeverity: "error",
    summary: "An api entry that no declared service provides at a matching version",
    help: "A consumer names an API and version that no other service lists in `provides`, so the requirement takes part in no analysis, and whatever relied on that version is broken. Keep serving the version until its consumers move, or move the consumers.",
    fix: "Provide that api version (`provides: [{api, versions}]` on the serving service), or change the entry's version to one that is provided.",
    docs: "docs/rules/api-unprovided.md",
    path: "none",
    fingerprint: ["missing"],
  },
  run({ estate }) {
    const out: RawFinding[] = [];
    // The resolve pass (src/load/resolve-api.ts) left each unprovided entry without names and with what to report.
    for (const svc of estate.services) {
      // Most services have no unprovided entry: skipped without allocating (this walks every entry of every service).
      if (!hasUnprovided(svc.runtime) && !hasUnprovided(svc.rollback)) continue;
      let first: Map<string, { u: Unprovided; pos: SourcePos; kind: DependencyKind }> | undefined;
      for (const list of [svc.runtime, svc.rollback])
        for (const e of list) {
          const u = e.api?.unprovided;
          if (!u || !e.api) continue;
          first ??= new Map();
          // One finding per api@version: runtime before rollback, then source order, for its location.
          const seen = first.get(u.missing);
          if (
            !seen ||
            (seen.kind === "rollback" && e.kind === "runtime") ||
            (seen.kind === e.kind && comparePos(e.api.pos, seen.pos) < 0)
          ) {
            first.set(u.missing, { u, pos: e.api.pos, kind: e.kind });
          }
        }
      if (!first) continue;
      for (const missing of [...first.keys()].sort(byCodeUnit))
        out.push(finding(svc, first.get(missing) as { u: Unprovided; pos: SourcePos }));
    }
    return out;
  },
};

function hasUnprovided(list: readonly Entry[]): boolean {
  for (let i = 0; i < list.length; i++) if ((list[i] as Entry).api?.unprovided) return true;
  return false;
}

function finding(svc: Service, { u, pos }: { u: Unprovided; pos: SourcePos }): RawFinding {
  return {
    message: u.message,
    services: [svc.name],
    path: [],
    impacted: [],
    locations: [pos],
    missing: u.missing,
    provided: u.provided.map((p) => ({ service: p.service, versions: p.versions === null ? null : [...p.versions] })),
  };
}
