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
  /**
   * The services that served the entry in the base and whose rollback, in head, needs what their
   * failure takes down (a `rollback-needs-broken` finding): undoing the change is stuck (sorted).
   */
  rollbackNeedsBroken: string[];
  /** "this change stops serving cloud-api v1 (base: cloud-api v1, v2); 7 services still need it; and rolling back cloud-api needs cloud-api". */
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
 * provider for it) or the need is new (the base had none either). `rollbackStuck` holds head's
 * services with a `rollback-needs-broken` finding: when one of them is a provider the change
 * stopped, the note tells the second half of the incident, that rolling it back needs itself
 * (that rule's witness always leads from X's rollback back to X).
 */
export function introducedApiUnprovided(
  index: ApiDiffIndex,
  entry: ApiEntryRef,
  rollbackStuck: ReadonlySet<string> = new Set(),
): IntroducedApiUnprovided {
  const providedInBase = providedVersions(index.base, entry.api);
  const wanted = entry.version === undefined ? entry.api : `${entry.api} ${entry.version}`;
  const base = providedInBase.length === 0 ? "no provider" : describeProvided(providedInBase, entry.owner);
  const n = unmetCount(index, apiRef(entry.api, entry.version));
  const stopped = apiProviders(index.base, entry);
  if (stopped.length > 0) {
    const need = n === 1 ? "1 service still needs it" : `${plural(n, "service")} still need it`;
    const stuck = stopped.filter((s) => rollbackStuck.has(s));
    const rollback = stuck.length === 0 ? "" : `; and ${stuck.map((s) => `rolling back ${s} needs ${s}`).join(", ")}`;
    return { providedInBase, rollbackNeedsBroken: stuck, note: `this change stops serving ${wanted} (base: ${base}); ${need}${rollback}` };
  }
  const needNew = n === 1 ? "1 service needs it" : `${plural(n, "service")} need it`;
  return { providedInBase, rollbackNeedsBroken: [], note: `the base did not serve ${wanted} either (base: ${base}); ${needNew}` };
}
