// The estate's APIs (SPEC §8): who provides and who consumes each, for the page's details panel and the `api:` search (page and server).
import type { ViewModel } from "../report/view-model.js";

export interface ApiUse {
  /** Services that list the api in `provides`, with their labels (null: any version). */
  providers: { service: string; versions: string[] | null }[];
  /** Services with an api entry on it, with the `api@version` they name. */
  consumers: { service: string; ref: string }[];
}

/** Every api named in the model, by api name; built once per model. */
export function apiUses(model: Pick<ViewModel, "services">): Map<string, ApiUse> {
  const out = new Map<string, ApiUse>();
  const use = (api: string): ApiUse => {
    let u = out.get(api);
    if (!u) {
      u = { providers: [], consumers: [] };
      out.set(api, u);
    }
    return u;
  };
  for (const s of model.services) {
    for (const p of s.provides ?? []) use(p.api).providers.push({ service: s.name, versions: p.versions ? [...p.versions] : null });
    for (const e of [...s.runtime, ...s.rollback]) {
      if (e.api === undefined) continue;
      const at = e.api.indexOf("@");
      const u = use(at < 0 ? e.api : e.api.slice(0, at));
      if (!u.consumers.some((c) => c.service === s.name && c.ref === e.api)) u.consumers.push({ service: s.name, ref: e.api });
    }
  }
  return out;
}

/** The query of an API search (`api:cloud-api`), or undefined for a service search. */
export function apiQuery(q: string): string | undefined {
  const t = q.trim();
  return t.toLowerCase().startsWith("api:") ? t.slice(4).trim().toLowerCase() : undefined;
}

/** The services that provide or consume an api whose name contains `needle` (case-insensitive), in name order. */
export function apiMatches(uses: ReadonlyMap<string, ApiUse>, needle: string): string[] {
  const found = new Set<string>();
  for (const [api, u] of uses) {
    if (!api.toLowerCase().includes(needle)) continue;
    for (const p of u.providers) found.add(p.service);
    for (const c of u.consumers) found.add(c.service);
  }
  return [...found].sort();
}
