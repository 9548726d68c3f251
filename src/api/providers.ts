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

/** One api as the estate writes it: each `provides` entry of it, in estate order (a service may repeat). */
interface Written {
  services: string[];
  /** Parallel to `services`: the entry's labels (undefined: any version). */
  versions: (readonly string[] | undefined)[];
  /** The same, read (`readApi`) at the first lookup: an api no entry names is never read. */
  read?: ApiProviders;
  /** The one service of an api with one `provides` entry, as a providers list (shared and frozen). */
  one?: readonly string[];
}

interface ApiProviders {
  /** Every providing service, sorted, shared and frozen: the providers of every version all of them serve. */
  all: readonly string[];
  /** Each service's labels, merged (null: any version); `provided` is built from it when a finding asks. */
  labelsOf: ReadonlyMap<string, ReadonlySet<string> | null>;
  provided?: readonly ProvidedVersions[];
  /** Each distinct label, read once, with the services that provide it. */
  labels: { label: Label; services: readonly string[] }[];
  /** Whether some service provides the api without `versions`. */
  anyVersion: readonly string[];
  /** Entry version → its providers, sorted, shared and frozen (memoised: many entries share an api@version). */
  matched: Map<string | undefined, readonly string[]>;
}

/** The estate's `provides` by api. Build it once per estate (`indexProvides`); lookups memoise per (api, version). */
export interface ApiIndex {
  readonly apis: ReadonlyMap<string, Written>;
  /** Label text → read (labels repeat across apis, `v1`, `v2`; reading one parses it with semver). */
  readonly labels: Map<string, Label>;
  /** Entry version → compiled (memoised across apis: parsing a range costs more than all the rest). */
  readonly versions: Map<string | undefined, CompiledVersion>;
  /** Entry version → label text → whether it matches (memoised across apis: a range test costs more than a lookup). */
  readonly verdicts: Map<string | undefined, Map<string, boolean>>;
}

/**
 * Indexes what every service provides by api, so resolving an entry never scans all providers.
 * Only the grouping by api happens here; an api is read (labels merged, parsed) at its first lookup.
 */
export function indexProvides(estate: readonly ServiceProvides[]): ApiIndex {
  const apis = new Map<string, Written>();
  for (const { service, provides } of estate) {
    for (const p of provides) {
      const w = apis.get(p.api);
      if (w) {
        w.services.push(service);
        w.versions.push(p.versions);
      } else apis.set(p.api, { services: [service], versions: [p.versions] });
    }
  }
  return { apis, labels: new Map(), versions: new Map(), verdicts: new Map() };
}

function labelOf(index: ApiIndex, text: string): Label {
  let l = index.labels.get(text);
  if (!l) {
    l = readLabel(text);
    index.labels.set(text, l);
  }
  return l;
}

/** The api's providers, read once: labels merged per service (a name declared twice provides the union). */
function readApi(index: ApiIndex, w: Written): ApiProviders {
  if (w.read) return w.read;
  // service → its labels (null: any version, which absorbs every label).
  const labelsOf = new Map<string, Set<string> | null>();
  for (let i = 0; i < w.services.length; i++) {
    const service = w.services[i] as string;
    const versions = w.versions[i];
    const had = labelsOf.get(service);
    if (versions === undefined) labelsOf.set(service, null);
    else if (had === undefined) labelsOf.set(service, new Set(versions));
    else if (had !== null) for (const v of versions) had.add(v);
  }
  const byLabel = new Map<string, string[]>();
  const anyVersion: string[] = [];
  for (const [service, labels] of labelsOf) {
    if (labels === null) anyVersion.push(service);
    else
      for (const label of labels) {
        const list = byLabel.get(label);
        if (list) list.push(service);
        else byLabel.set(label, [service]);
      }
  }
  const labels: ApiProviders["labels"] = [];
  for (const [text, services] of byLabel) labels.push({ label: labelOf(index, text), services });
  // one service (a name declared twice may write two entries): the list the one-provider shortcut shares
  if (labelsOf.size === 1) w.one ??= Object.freeze([w.services[0] as string]);
  const all = w.one ?? Object.freeze([...labelsOf.keys()].sort(byCodeUnit));
  w.read = { all, labelsOf, labels, anyVersion, matched: new Map() };
  return w.read;
}

function compiled(index: ApiIndex, version: string | undefined): CompiledVersion {
  let c = index.versions.get(version);
  if (!c) {
    c = compileVersion(version);
    index.versions.set(version, c);
  }
  return c;
}

const NONE: readonly string[] = Object.freeze([]);
const NO_PROVIDED: readonly ProvidedVersions[] = Object.freeze([]);

/** Entry version → label text → whether it matches, for one version (created at its first use). */
function verdictsOf(index: ApiIndex, version: string | undefined): Map<string, boolean> {
  let verdicts = index.verdicts.get(version);
  if (!verdicts) {
    verdicts = new Map();
    index.verdicts.set(version, verdicts);
  }
  return verdicts;
}

function verdict(index: ApiIndex, version: string | undefined, verdicts: Map<string, boolean>, text: string): boolean {
  let ok = verdicts.get(text);
  if (ok === undefined) {
    ok = compiled(index, version).matches(labelOf(index, text));
    verdicts.set(text, ok);
  }
  return ok;
}

function matching(index: ApiIndex, p: ApiProviders, version: string | undefined): readonly string[] {
  const hit = p.matched.get(version);
  if (hit) return hit;
  const verdicts = verdictsOf(index, version);
  const found = new Set(p.anyVersion);
  for (const { label, services } of p.labels) {
    // every service matched already: the rest of the labels cannot add one
    if (found.size === p.all.length) break;
    if (verdict(index, version, verdicts, label.text)) for (const s of services) found.add(s);
  }
  // The usual outcomes share a list: every provider (one service providing the api, say), or none.
  const m = found.size === p.all.length ? p.all : found.size === 0 ? NONE : Object.freeze([...found].sort(byCodeUnit));
  p.matched.set(version, m);
  return m;
}

/** The most labels the one-provider shortcut tests per entry: past them, an api's verdicts are memoised (`matching`) as for several. */
const FEW_LABELS = 8;

/**
 * The providers of an api that one `provides` entry with few labels provides, the usual case: its
 * labels tested as written (each verdict memoised across apis), with none of the reading
 * (`readApi`) that merging several services' labels needs; the work per entry stays bounded.
 */
function oneProvider(index: ApiIndex, w: Written, entry: ApiEntryRef): readonly string[] {
  const service = w.services[0] as string;
  if (service === entry.owner) return NONE;
  const versions = w.versions[0];
  if (versions !== undefined) {
    const verdicts = verdictsOf(index, entry.version);
    let ok = false;
    for (let i = 0; i < versions.length && !ok; i++) ok = verdict(index, entry.version, verdicts, versions[i] as string);
    if (!ok) return NONE;
  }
  w.one ??= Object.freeze([service]);
  return w.one;
}

/**
 * The providers of an entry (SPEC §8): the services other than its owner that provide its api at
 * a matching version, sorted. One is a plain requirement, several an `anyOf`, none an
 * `api-unprovided` finding. The result is shared between entries and frozen.
 */
export function apiProviders(index: ApiIndex, entry: ApiEntryRef): readonly string[] {
  const w = index.apis.get(entry.api);
  if (!w) return NONE;
  if (w.services.length === 1 && (w.versions[0]?.length ?? 0) <= FEW_LABELS) return oneProvider(index, w, entry);
  const p = readApi(index, w);
  const list = matching(index, p, entry.version);
  // A service is never a provider of its own entries; only the rare self-provider pays for a copy.
  return p.labelsOf.has(entry.owner) ? Object.freeze(list.filter((s) => s !== entry.owner)) : list;
}

function providedOf(p: ApiProviders): readonly ProvidedVersions[] {
  if (p.provided) return p.provided;
  const list: ProvidedVersions[] = [];
  for (const service of p.all) {
    const labels = p.labelsOf.get(service);
    list.push(Object.freeze({ service, versions: labels ? Object.freeze([...labels].sort(byCodeUnit)) : null }));
  }
  p.provided = Object.freeze(list);
  return p.provided;
}

/** Every service that provides an api, with its versions (SPEC §6 `provided`, §8 `providedInBase`); shared and frozen. */
export function providedVersions(index: ApiIndex, api: string): readonly ProvidedVersions[] {
  const w = index.apis.get(api);
  return w ? providedOf(readApi(index, w)) : NO_PROVIDED;
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
  const w = index.apis.get(entry.api);
  if (!w) return { missing, provided: NO_PROVIDED, message: `${head}, but no service provides ${entry.api}` };
  const p = readApi(index, w);
  const others = p.all.length > (p.labelsOf.has(entry.owner) ? 1 : 0);
  const what =
    entry.version === undefined || !others
      ? "it"
      : compiled(index, entry.version).isRange
        ? "a matching version"
        : `that label (${quote(entry.version)} is not a semver range)`;
  const all = providedOf(p);
  const message = `${head}, but no ${others ? "" : "other "}service provides ${what}; provided: ${describeProvided(all, entry.owner)}`;
  return { missing, provided: all, message };
}
