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
 * through. Pure: declarations without api entries are returned as they are; the others are copies.
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
  return list.map((e) => {
    if (e.api === undefined) return e;
    const ref: ApiEntryRef = e.api.version === undefined ? { owner, api: e.api.name } : { owner, api: e.api.name, version: e.api.version };
    const by = apiProviders(index, ref);
    const at = e.api.pos;
    if (by.length > 0) return { ...e, names: by.slice(), anyOf: by.length > 1, namePos: by.map(() => at), api: { ...e.api } };
    // What api-unprovided reports, computed here where the index is (the rule then needs no semver: the web view imports the rules).
    const u = apiUnprovided(index, ref);
    const provided = u.provided.map((p) => ({ service: p.service, versions: p.versions === null ? null : [...p.versions] }));
    return {
      ...e,
      names: [],
      anyOf: false,
      namePos: [],
      api: { ...e.api, unprovided: { missing: u.missing, provided, message: u.message } },
    };
  });
}
