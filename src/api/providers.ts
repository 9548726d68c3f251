// The providers of api entries (SPEC §2, §8): the estate's `provides` indexed by api once, and the `api-unprovided` data.
import { byCodeUnit } from "../util/order.js";
import { isVersionRange, versionMatcher } from "./match.js";

/** One `provides` entry: an api and its version labels (undefined: any version). */
export interface ApiProvision {
  api: string;
  versions?: readonly string[];
}

/** What one service provides (a name declared twice may appear twice: its `provides` are the union). */
export interface ServiceProvides {
  service: string;
  provides: readonly ApiProvision[];
}

/** An `{api, version?}` dependency entry of the service `owner`. */
export interface ApiEntryRef {
  owner: string;
  api: string;
  version?: string;
}

/** What one service provides of one api: its labels, merged and sorted, or null for any version. */
export interface ProvidedVersions {
  service: string;
  versions: string[] | null;
}

/** The `api-unprovided` fields of one entry (SPEC §3, §6). */
export interface ApiUnprovided {
  /** `api@version`, or the api alone (part of the fingerprint). */
  missing: string;
  /** Every service that provides the api, at any version, the owner included (sorted by service). */
  provided: ProvidedVersions[];
  message: string;
}

interface ApiProviders {
  provided: ProvidedVersions[];
  services: Set<string>;
  /** Each distinct label with the services that provide it. */
  labels: Map<string, string[]>;
  /** The services that provide the api without `versions`. */
  anyVersion: string[];
  /** Entry version → the matching providers, sorted; owners are left out per entry. */
  matched: Map<string | undefined, readonly string[]>;
}

/** The estate's `provides` by api. Build it once per estate (`indexProvides`); lookups memoise per (api, version). */
export interface ApiIndex {
  readonly apis: ReadonlyMap<string, ApiProviders>;
}

/** Indexes what every service provides by api, so resolving an entry never scans all providers. */
export function indexProvides(estate: readonly ServiceProvides[]): ApiIndex {
  // api → service → its labels (null: any version, which absorbs every label).
  const byApi = new Map<string, Map<string, Set<string> | null>>();
  for (const { service, provides } of estate) {
    for (const p of provides) {
      let services = byApi.get(p.api);
      if (!services) {
        services = new Map();
        byApi.set(p.api, services);
      }
      const had = services.get(service);
      if (p.versions === undefined) services.set(service, null);
      else if (had === undefined) services.set(service, new Set(p.versions));
      else if (had !== null) for (const v of p.versions) had.add(v);
    }
  }
  const apis = new Map<string, ApiProviders>();
  for (const [api, services] of byApi) {
    const entry: ApiProviders = { provided: [], services: new Set(services.keys()), labels: new Map(), anyVersion: [], matched: new Map() };
    for (const [service, labels] of services) {
      entry.provided.push({ service, versions: labels === null ? null : [...labels].sort(byCodeUnit) });
      if (labels === null) entry.anyVersion.push(service);
      else
        for (const label of labels) {
          const list = entry.labels.get(label);
          if (list) list.push(service);
          else entry.labels.set(label, [service]);
        }
    }
    entry.provided.sort((a, b) => byCodeUnit(a.service, b.service));
    apis.set(api, entry);
  }
  return { apis };
}

const NONE: readonly string[] = Object.freeze([]);

function matching(p: ApiProviders, version: string | undefined): readonly string[] {
  const hit = p.matched.get(version);
  if (hit) return hit;
  const match = versionMatcher(version);
  const found = new Set(p.anyVersion);
  for (const [label, services] of p.labels) if (match(label)) for (const s of services) found.add(s);
  const list = Object.freeze([...found].sort(byCodeUnit));
  p.matched.set(version, list);
  return list;
}

/**
 * The providers of an entry (SPEC §8): the services other than its owner that provide its api at
 * a matching version, sorted. One is a plain requirement, several an `anyOf`, none an
 * `api-unprovided` finding. The result is shared between entries: do not change it.
 */
export function apiProviders(index: ApiIndex, entry: ApiEntryRef): readonly string[] {
  const p = index.apis.get(entry.api);
  if (!p) return NONE;
  const list = matching(p, entry.version);
  // A service is never a provider of its own entries; only the rare self-provider pays for a copy.
  return p.services.has(entry.owner) ? list.filter((s) => s !== entry.owner) : list;
}

/** Every service that provides an api, with its versions (SPEC §6 `provided`, §8 `providedInBase`). */
export function providedVersions(index: ApiIndex, api: string): ProvidedVersions[] {
  return (index.apis.get(api)?.provided ?? []).map((p) => ({ service: p.service, versions: p.versions && [...p.versions] }));
}

/** `api@version`, or the api alone: the `missing` field and the way messages name an entry. */
export function apiRef(api: string, version: string | undefined): string {
  return version === undefined ? api : `${api}@${version}`;
}

/** The inverse of `apiRef`: a name never holds `@` (SPEC §1 grammar), so the first one splits. */
export function splitApiRef(ref: string): { api: string; version?: string } {
  const at = ref.indexOf("@");
  return at < 0 ? { api: ref } : { api: ref.slice(0, at), version: ref.slice(at + 1) };
}

/** `cloud-api v1, v2; gateway any version`, the owner marked `(itself)`: which versions are provided, by whom. */
export function describeProvided(provided: readonly ProvidedVersions[], owner?: string): string {
  return provided
    .map((p) => `${p.service}${p.service === owner ? " (itself)" : ""} ${p.versions === null ? "any version" : p.versions.join(", ")}`)
    .join("; ");
}

/**
 * The `api-unprovided` data of an entry that has no providers (`apiProviders` is empty): what it
 * misses, what is provided of its api and by whom, and a message that says so, noting when the
 * version is not a semver range (it then matches only an equal label).
 */
export function apiUnprovided(index: ApiIndex, entry: ApiEntryRef): ApiUnprovided {
  const missing = apiRef(entry.api, entry.version);
  const provided = providedVersions(index, entry.api);
  const head = `${entry.owner} needs ${missing}`;
  if (provided.length === 0) return { missing, provided, message: `${head}, but no service provides ${entry.api}` };
  const others = provided.some((p) => p.service !== entry.owner);
  const what =
    entry.version === undefined || !others
      ? "it"
      : isVersionRange(entry.version)
        ? "a matching version"
        : `that label ("${entry.version}" is not a semver range)`;
  const message = `${head}, but no ${others ? "" : "other "}service provides ${what}; provided: ${describeProvided(provided, entry.owner)}`;
  return { missing, provided, message };
}
