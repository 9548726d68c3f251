// api-unprovided: an `{api, version?}` entry that no other declared service provides at a matching version (SPEC §3, §8).
import { apiRef, apiUnprovided as describeUnprovided, indexProvides, type ServiceProvides } from "../api/providers.js";
import type { DependencyKind, Entry, Service, SourcePos } from "../model/types.js";
import { byCodeUnit, comparePos } from "../util/order.js";
import type { RawFinding, Rule } from "./rule.js";

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
    // Unprovided api entries per service: the resolve pass left them without names (SPEC §8).
    const unprovided = (e: Entry) => e.api !== undefined && e.names.length === 0;
    const owners = estate.services.filter((s) => s.runtime.some(unprovided) || s.rollback.some(unprovided));
    if (owners.length === 0) return out;
    const provides: ServiceProvides[] = [];
    for (const s of estate.services) if (s.provides && s.provides.length > 0) provides.push({ service: s.name, provides: s.provides });
    const index = indexProvides(provides);
    for (const svc of owners) {
      // One finding per api@version; runtime before rollback, then source order, for its location.
      const first = new Map<string, { entry: Entry; pos: SourcePos; kind: DependencyKind }>();
      for (const e of [...svc.runtime, ...svc.rollback]) {
        if (!unprovided(e) || !e.api) continue;
        const ref = apiRef(e.api.name, e.api.version);
        const seen = first.get(ref);
        if (!seen || (seen.kind === "rollback" && e.kind === "runtime") || (seen.kind === e.kind && comparePos(e.api.pos, seen.pos) < 0)) {
          first.set(ref, { entry: e, pos: e.api.pos, kind: e.kind });
        }
      }
      for (const ref of [...first.keys()].sort(byCodeUnit))
        out.push(finding(svc, first.get(ref) as { entry: Entry; pos: SourcePos }, index));
    }
    return out;
  },
};

function finding(svc: Service, at: { entry: Entry; pos: SourcePos }, index: ReturnType<typeof indexProvides>): RawFinding {
  const api = at.entry.api as NonNullable<Entry["api"]>;
  const u = describeUnprovided(index, { owner: svc.name, api: api.name, ...(api.version !== undefined ? { version: api.version } : {}) });
  return {
    message: u.message,
    services: [svc.name],
    path: [],
    impacted: [],
    locations: [at.pos],
    missing: u.missing,
    provided: u.provided.map((p) => ({ service: p.service, versions: p.versions === null ? null : [...p.versions] })),
  };
}
