// The api entries of the estate resolved to their providers (SPEC §2, §8): the one place every command's estate goes through.
import { type ApiEntryRef, type ApiIndex, apiProviders, apiUnprovided, indexProvides, type ServiceProvides } from "../api/providers.js";
import type { Declaration, Entry } from "../model/types.js";

function hasApi(list: readonly Entry[] | undefined): boolean {
  if (list) for (const e of list) if (e.api !== undefined) return true;
  return false;
}

/**
 * Fills each `{api, version?}` entry's `names` with its providers: the services other than its
 * owner that provide its api at a matching version (one: a plain requirement; several: an `anyOf`;
 * none: no names, so the analysis drops it as it drops an undeclared name, and `api-unprovided`
 * reports what `api.unprovided` holds). Each provider is positioned at the entry's `api` scalar,
 * and `api` stays on the entry, so witnesses, messages and views can name the api a step goes
 * through. Pure: declarations without api entries are returned as they are; the others are copies
 * (serve reuses the input across analyses, src/load/file-cache.ts), sharing only what nothing changes.
 */
export function resolveApiEntries(declarations: readonly Declaration[]): Declaration[] {
  // One scan finds the declarations to change; an estate without api entries costs only that.
  const changed: number[] = [];
  for (let i = 0; i < declarations.length; i++) {
    const d = declarations[i] as Declaration;
    if (hasApi(d.runtime) || hasApi(d.rollback)) changed.push(i);
  }
  const out = declarations.slice();
  if (changed.length === 0) return out;
  // A name declared twice provides the union of its declarations' `provides` (indexProvides merges them).
  const provides: ServiceProvides[] = [];
  for (const d of declarations) if (d.provides && d.provides.length > 0) provides.push({ service: d.name, provides: d.provides });
  const index = indexProvides(provides);
  for (const i of changed) {
    const d = declarations[i] as Declaration;
    const copy: Declaration = { ...d, runtime: resolveList(index, d.name, d.runtime) };
    if (d.rollback) copy.rollback = resolveList(index, d.name, d.rollback);
    out[i] = copy;
  }
  return out;
}

function resolveList(index: ApiIndex, owner: string, list: readonly Entry[]): Entry[] {
  const out = list.slice();
  for (let k = 0; k < out.length; k++) {
    const e = out[k] as Entry;
    if (e.api !== undefined) out[k] = resolveEntry(index, owner, e, e.api);
  }
  return out;
}

/**
 * The entry with its providers. One literal in the readers' key order (src/load/manifest.ts and
 * src/load/fast/manifest.ts), not a spread: a spread per entry cost more than the lookups. The
 * input's `api` is shared when it has providers (nothing changes it after the readers), and so is
 * the providers list: frozen, so code that changed one entry's names would throw, not change others.
 */
function resolveEntry(index: ApiIndex, owner: string, e: Entry, api: NonNullable<Entry["api"]>): Entry {
  const ref: ApiEntryRef = api.version === undefined ? { owner, api: api.name } : { owner, api: api.name, version: api.version };
  const by = apiProviders(index, ref);
  let out: Entry;
  if (by.length > 0) {
    const at = api.pos;
    const namePos = by.length === 1 ? [at] : by.map(() => at);
    out = { kind: e.kind, names: by, anyOf: by.length > 1, soft: e.soft, namePos, api };
  } else {
    // What api-unprovided reports, computed here where the index is (the rule then needs no semver: the web view imports the rules).
    const u = apiUnprovided(index, ref);
    const provided = u.provided.map((p) => ({ service: p.service, versions: p.versions === null ? null : [...p.versions] }));
    out = {
      kind: e.kind,
      names: [],
      anyOf: false,
      soft: e.soft,
      namePos: [],
      api: { ...api, unprovided: { missing: u.missing, provided, message: u.message } },
    };
  }
  if (e.note !== undefined) out.note = e.note;
  if (e.via !== undefined) out.via = e.via;
  if (e.observed !== undefined) out.observed = e.observed;
  return out;
}
