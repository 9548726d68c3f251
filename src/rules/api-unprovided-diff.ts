// What `diff` adds to an introduced api-unprovided finding (SPEC §8): what the base provided, and that the change stopped serving it.
import { apiDiffIndex, introducedApiUnprovided } from "../api/diff.js";
import { type ApiEntryRef, apiRef, type ServiceProvides, splitApiRef } from "../api/providers.js";
import type { Estate, Finding } from "../model/types.js";
import { apiUnprovided } from "./api-unprovided.js";
import { rollbackNeedsBroken } from "./rollback-needs-broken.js";

function provides(estate: Estate): ServiceProvides[] {
  const out: ServiceProvides[] = [];
  for (const s of estate.services) if (s.provides && s.provides.length > 0) out.push({ service: s.name, provides: s.provides });
  return out;
}

function apiEntries(estate: Estate): ApiEntryRef[] {
  const out: ApiEntryRef[] = [];
  for (const s of estate.services)
    for (const e of [...s.runtime, ...s.rollback])
      if (e.api) out.push({ owner: s.name, api: e.api.name, ...(e.api.version !== undefined ? { version: e.api.version } : {}) });
  return out;
}

/**
 * The introduced findings, each `api-unprovided` one with `providedInBase` and the diff's `note` ("this change stops serving cloud-api v1 (base: cloud-api v1, v2);
 * 7 services still need it; and rolling back cloud-api needs cloud-api"); `headFindings` are all
 * of head's findings, for the rollbacks that the stopped providers cannot run. New objects: the
 * evaluation's findings are left as they are.
 */
export function withApiDiff(introduced: readonly Finding[], base: Estate, head: Estate, headFindings: readonly Finding[]): Finding[] {
  if (!introduced.some((f) => f.rule === apiUnprovided.meta.id)) return [...introduced];
  const index = apiDiffIndex(provides(base), provides(head), apiEntries(head));
  const stuck = new Set(headFindings.filter((f) => f.rule === rollbackNeedsBroken.meta.id).flatMap((f) => f.services));
  return introduced.map((f) => {
    if (f.rule !== apiUnprovided.meta.id || f.missing === undefined) return f;
    const ref = splitApiRef(f.missing);
    const entry: ApiEntryRef = { owner: f.services[0] as string, ...ref };
    const d = introducedApiUnprovided(index, entry, stuck);
    // The fingerprint's `missing` round-trips (a name never holds `@`).
    if (apiRef(entry.api, entry.version) !== f.missing) return f;
    return {
      ...f,
      note: d.note,
      providedInBase: d.providedInBase.map((p) => ({ service: p.service, versions: p.versions === null ? null : [...p.versions] })),
    };
  });
}
