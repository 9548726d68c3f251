// The api entries of the estate resolved to their providers (SPEC §2, §8): the one place every command's estate goes through.
import { type ApiEntryRef, type ApiIndex, apiProviders, apiUnprovided, indexProvides, type ServiceProvides } from "../api/providers.js";
import type { Declaration, Entry } from "../model/types.js";

/** Adds the list's api entries to `found` (with their owner), and says whether it had one. */
function collect(list: readonly Entry[] | undefined, owner: string, found: Entry[], owners: string[]): boolean {
  if (!list) return false;
  const before = found.length;
  for (let k = 0; k < list.length; k++) {
    const e = list[k] as Entry;
    if (e.api === undefined) continue;
    found.push(e);
    owners.push(owner);
  }
  return found.length > before;
}

type Api = NonNullable<Entry["api"]>;

/**
 * Fills each `{api, version?}` entry's `names` with its providers: the services other than its
 * owner that provide its api at a matching version (one: a plain requirement; several: an `anyOf`;
 * none: no names, so the analysis drops it as it drops an undeclared name, and `api-unprovided`
 * reports what `api.unprovided` holds). Each provider is positioned at the entry's `api` scalar,
 * and `api` stays on the entry, so witnesses, messages and views can name the api a step goes
 * through. Declarations without api entries are returned as they are. The others are copies,
 * sharing only what nothing changes, unless `own`: the caller's declarations are this load's alone
 * (no file cache hands them to a later load), so their api entries are filled in place, which
 * spares a copy of every declaration with an api entry. `serve` reuses its parses across analyses
 * (src/load/file-cache.ts), so it never passes `own`: a provider's edit must reach the entries in a
 * new object (src/rules/reuse.ts relies on it), and the previous analysis must keep its own.
 */
export function resolveApiEntries(declarations: readonly Declaration[], own = false): Declaration[] {
  // One scan finds the declarations to change, their api entries, and what is provided; an estate without api entries costs only that.
  const changed: number[] = [];
  const found: Entry[] = [];
  const owners: string[] = [];
  // A name declared twice provides the union of its declarations' `provides` (indexProvides merges them).
  const provides: ServiceProvides[] = [];
  for (let i = 0; i < declarations.length; i++) {
    const d = declarations[i] as Declaration;
    const runtime = collect(d.runtime, d.name, found, owners);
    if (collect(d.rollback, d.name, found, owners) || runtime) changed.push(i);
    if (d.provides && d.provides.length > 0) provides.push({ service: d.name, provides: d.provides });
  }
  const out = declarations.slice();
  if (changed.length === 0) return out;
  const index = indexProvides(provides);
  if (own) {
    for (let k = 0; k < found.length; k++) fill(index, owners[k] as string, found[k] as Entry);
    return out;
  }
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

/** The entry, in place, with its providers (the same fields as `resolveEntry` gives a copy). */
function fill(index: ApiIndex, owner: string, e: Entry): void {
  const api = e.api as Api;
  const ref = refOf(owner, api);
  const by = apiProviders(index, ref);
  e.names = by;
  e.anyOf = by.length > 1;
  e.namePos = providerPositions(by, api);
  if (by.length === 0) e.api = withUnprovided(index, ref, api);
}

/**
 * The entry with its providers. One literal in the readers' key order (src/load/manifest.ts and
 * src/load/fast/manifest.ts), not a spread: a spread per entry cost more than the lookups. The
 * input's `api` is shared when it has providers (nothing changes it after the readers), and so is
 * the providers list: frozen, so code that changed one entry's names would throw, not change others.
 */
function resolveEntry(index: ApiIndex, owner: string, e: Entry, api: Api): Entry {
  const ref = refOf(owner, api);
  const by = apiProviders(index, ref);
  const out: Entry = {
    kind: e.kind,
    names: by,
    anyOf: by.length > 1,
    soft: e.soft,
    namePos: providerPositions(by, api),
    api: by.length > 0 ? api : withUnprovided(index, ref, api),
  };
  if (e.note !== undefined) out.note = e.note;
  if (e.via !== undefined) out.via = e.via;
  if (e.observed !== undefined) out.observed = e.observed;
  return out;
}

function refOf(owner: string, api: Api): ApiEntryRef {
  return api.version === undefined ? { owner, api: api.name } : { owner, api: api.name, version: api.version };
}

/** Each provider positioned at the entry's `api` scalar. */
function providerPositions(by: readonly string[], api: Api): Entry["namePos"] {
  const at = api.pos;
  return by.length === 1 ? [at] : by.map(() => at);
}

/** The entry's `api` with what api-unprovided reports, computed here where the index is (the rule then needs no semver: the web view imports the rules). */
function withUnprovided(index: ApiIndex, ref: ApiEntryRef, api: Api): Api {
  const u = apiUnprovided(index, ref);
  const provided = u.provided.map((p) => ({ service: p.service, versions: p.versions === null ? null : [...p.versions] }));
  return { ...api, unprovided: { missing: u.missing, provided, message: u.message } };
}
