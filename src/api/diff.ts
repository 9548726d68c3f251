// `diff` for api contracts (SPEC §8): what the base provided for each `api-unprovided` finding a change introduces.
import { plural } from "../util/text.js";
import {
  type ApiEntryRef,
  type ApiIndex,
  apiProviders,
  apiRef,
  describeProvided,
  indexProvides,
  type ProvidedVersions,
  providedVersions,
  type ServiceProvides,
} from "./providers.js";

/** Both sides' `provides`, and head's api entries by `api@version`. Build once per diff. */
export interface ApiDiffIndex {
  base: ApiIndex;
  head: ApiIndex;
  /** `api@version` → head's entries of that ref. */
  entries: Map<string, ApiEntryRef[]>;
  /** `api@version` → how many services are left without it in head (memoised). */
  unmet: Map<string, number>;
}

/** What `diff` adds to an introduced `api-unprovided` finding. */
export interface IntroducedApiUnprovided {
  /** Every service that provided the api in the base, with its versions (SPEC §8), the owner included. */
  providedInBase: readonly ProvidedVersions[];
  /** "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it". */
  note: string;
}

export function apiDiffIndex(
  base: readonly ServiceProvides[],
  head: readonly ServiceProvides[],
  headEntries: readonly ApiEntryRef[],
): ApiDiffIndex {
  const entries = new Map<string, ApiEntryRef[]>();
  for (const e of headEntries) {
    const ref = apiRef(e.api, e.version);
    const list = entries.get(ref);
    if (list) list.push(e);
    else entries.set(ref, [e]);
  }
  return { base: indexProvides(base), head: indexProvides(head), entries, unmet: new Map() };
}

/** The services whose entries of that `api@version` have no provider in head (soft entries count: they are findings too). */
function unmetCount(index: ApiDiffIndex, ref: string): number {
  const hit = index.unmet.get(ref);
  if (hit !== undefined) return hit;
  const owners = new Set<string>();
  for (const e of index.entries.get(ref) ?? []) if (apiProviders(index.head, e).length === 0) owners.add(e.owner);
  index.unmet.set(ref, owners.size);
  return owners.size;
}

/**
 * For an `api-unprovided` finding on `entry` that the change introduces: what the base provided,
 * and a note that says whether the change stopped serving what the entry needs (the base had a
 * provider for it) or the need is new (the base had none either).
 */
export function introducedApiUnprovided(index: ApiDiffIndex, entry: ApiEntryRef): IntroducedApiUnprovided {
  const providedInBase = providedVersions(index.base, entry.api);
  const wanted = entry.version === undefined ? entry.api : `${entry.api} ${entry.version}`;
  const base = providedInBase.length === 0 ? "no provider" : describeProvided(providedInBase, entry.owner);
  const n = unmetCount(index, apiRef(entry.api, entry.version));
  if (apiProviders(index.base, entry).length > 0) {
    const need = n === 1 ? "1 service still needs it" : `${plural(n, "service")} still need it`;
    return { providedInBase, note: `this change stops serving ${wanted} (base: ${base}); ${need}` };
  }
  const needNew = n === 1 ? "1 service needs it" : `${plural(n, "service")} need it`;
  return { providedInBase, note: `the base did not serve ${wanted} either (base: ${base}); ${needNew}` };
}
