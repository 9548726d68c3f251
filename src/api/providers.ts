// The providers of api entries (SPEC §2, §8): the estate's `provides` indexed by api once, and the `api-unprovided` data.
import { byCodeUnit } from "../util/order.js";
import { quote } from "../util/text.js";
import { type CompiledVersion, compileVersion, type Label, readLabel } from "./match.js";
import { apiRef } from "./ref.js";

// The naming of api entries lives in ./ref.ts (no semver there: the web view imports it).
export { apiRef, splitApiRef, throughApi } from "./ref.js";

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
  readonly service: string;
  readonly versions: readonly string[] | null;
}

/** The `api-unprovided` fields of one entry (SPEC §3, §6). */
export interface ApiUnprovided {
  /** `api@version`, or the api alone (part of the fingerprint). */
  missing: string;
  /** Every service that provides the api, at any version, the owner included (sorted by service; shared and frozen). */
  provided: readonly ProvidedVersions[];
  message: string;
}

interface Matched {
  /** The providers at that version, sorted; owners are left out per entry. */
  providers: readonly string[];
  version: CompiledVersion;
}

interface ApiProviders {
  provided: readonly ProvidedVersions[];
  services: Set<string>;
  /** Each distinct label, read once, with the services that provide it. */
  labels: { label: Label; services: string[] }[];
  /** The services that provide the api without `versions`. */
  anyVersion: string[];
  /** Entry version → its providers (memoised: many entries share an api@version). */
  matched: Map<string | undefined, Matched>;
}

/** The estate's `provides` by api. Build it once per estate (`indexProvides`); lookups memoise per (api, version). */
export interface ApiIndex {
  readonly apis: ReadonlyMap<string, ApiProviders>;
  /** Entry version → compiled (memoised across apis: parsing a range costs more than all the rest). */
  readonly versions: Map<string | undefined, CompiledVersion>;
  /** Entry version → label text → whether it matches (memoised across apis: a range test costs more than a lookup). */
  readonly verdicts: Map<string | undefined, Map<string, boolean>>;
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
  // Labels repeat across apis (`v1`, `v2`): each text is read once per index (reading one parses it with semver).
  const read = new Map<string, Label>();
  const labelOf = (text: string): Label => {
    let l = read.get(text);
    if (!l) {
      l = readLabel(text);
      read.set(text, l);
    }
    return l;
  };
  for (const [api, services] of byApi) {
    const provided: ProvidedVersions[] = [];
    const byLabel = new Map<string, string[]>();
    const anyVersion: string[] = [];
    for (const [service, labels] of services) {
      provided.push(Object.freeze({ service, versions: labels === null ? null : Object.freeze([...labels].sort(byCodeUnit)) }));
      if (labels === null) anyVersion.push(service);
      else
        for (const label of labels) {
          const list = byLabel.get(label);
          if (list) list.push(service);
          else byLabel.set(label, [service]);
        }
    }
    provided.sort((a, b) => byCodeUnit(a.service, b.service));
    apis.set(api, {
      provided: Object.freeze(provided),
      services: new Set(services.keys()),
      labels: [...byLabel].map(([text, list]) => ({ label: labelOf(text), services: list })),
      anyVersion,
      matched: new Map(),
    });
  }
  return { apis, versions: new Map(), verdicts: new Map() };
}

const NONE: readonly string[] = Object.freeze([]);
const NO_PROVIDED: readonly ProvidedVersions[] = Object.freeze([]);

function matching(index: ApiIndex, p: ApiProviders, version: string | undefined): Matched {
  const hit = p.matched.get(version);
  if (hit) return hit;
  let compiled = index.versions.get(version);
  if (!compiled) {
    compiled = compileVersion(version);
    index.versions.set(version, compiled);
  }
  let verdicts = index.verdicts.get(version);
  if (!verdicts) {
    verdicts = new Map();
    index.verdicts.set(version, verdicts);
  }
  const found = new Set(p.anyVersion);
  for (const { label, services } of p.labels) {
    let ok = verdicts.get(label.text);
    if (ok === undefined) {
      ok = compiled.matches(label);
      verdicts.set(label.text, ok);
    }
    if (ok) for (const s of services) found.add(s);
  }
  const m: Matched = { providers: Object.freeze([...found].sort(byCodeUnit)), version: compiled };
  p.matched.set(version, m);
  return m;
}

/**
 * The providers of an entry (SPEC §8): the services other than its owner that provide its api at
 * a matching version, sorted. One is a plain requirement, several an `anyOf`, none an
 * `api-unprovided` finding. The result is shared between entries and frozen.
 */
export function apiProviders(index: ApiIndex, entry: ApiEntryRef): readonly string[] {
  const p = index.apis.get(entry.api);
  if (!p) return NONE;
  const list = matching(index, p, entry.version).providers;
  // A service is never a provider of its own entries; only the rare self-provider pays for a copy.
  return p.services.has(entry.owner) ? list.filter((s) => s !== entry.owner) : list;
}

/** Every service that provides an api, with its versions (SPEC §6 `provided`, §8 `providedInBase`); shared and frozen. */
export function providedVersions(index: ApiIndex, api: string): readonly ProvidedVersions[] {
  return index.apis.get(api)?.provided ?? NO_PROVIDED;
}

/** How many providers a message names before "and N more": an api of a large estate may have hundreds. */
const NAMED_PROVIDERS = 6;

/**
 * `cloud-api v1, v2; gateway any version`: which versions are provided, by whom. The owner is
 * always named, marked `(itself)`; past six services the rest are counted.
 */
export function describeProvided(provided: readonly ProvidedVersions[], owner?: string): string {
  const one = (p: ProvidedVersions) =>
    `${p.service}${p.service === owner ? " (itself)" : ""} ${p.versions === null ? "any version" : p.versions.join(", ")}`;
  if (provided.length <= NAMED_PROVIDERS) return provided.map(one).join("; ");
  const self = provided.find((p) => p.service === owner);
  const shown = provided.filter((p) => p !== self).slice(0, self ? NAMED_PROVIDERS - 1 : NAMED_PROVIDERS);
  if (self) shown.push(self);
  shown.sort((a, b) => byCodeUnit(a.service, b.service));
  return `${shown.map(one).join("; ")} and ${provided.length - shown.length} more`;
}

/**
 * The `api-unprovided` data of an entry that has no providers (`apiProviders` is empty): what it
 * misses, what is provided of its api and by whom, and a message that says so, noting when the
 * version is not a semver range (it then matches only an equal label).
 */
export function apiUnprovided(index: ApiIndex, entry: ApiEntryRef): ApiUnprovided {
  const missing = apiRef(entry.api, entry.version);
  const head = `${entry.owner} needs ${missing}`;
  const p = index.apis.get(entry.api);
  if (!p) return { missing, provided: NO_PROVIDED, message: `${head}, but no service provides ${entry.api}` };
  const others = p.services.size > (p.services.has(entry.owner) ? 1 : 0);
  const what =
    entry.version === undefined || !others
      ? "it"
      : matching(index, p, entry.version).version.isRange
        ? "a matching version"
        : `that label (${quote(entry.version)} is not a semver range)`;
  const message = `${head}, but no ${others ? "" : "other "}service provides ${what}; provided: ${describeProvided(p.provided, entry.owner)}`;
  return { missing, provided: p.provided, message };
}
