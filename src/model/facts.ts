// The service facts (SPEC §1): every field of a service besides its name and requirements, defined once for every stage that reads, merges, writes or shows one.

/**
 * How a fact's value is written and checked (src/load/facts.ts reads each kind, src/load/schema.ts
 * turns each into JSON Schema, src/init/manifests.ts writes each back).
 */
export type FactType =
  | "text" /* free text */
  | "label" /* non-empty text: an owner or a system */
  | "tier" /* an integer 0..3 */
  | "name" /* a name (the name grammar of SPEC §1) */
  | "names" /* a list of names */
  | "duration" /* `<integer><s|m|h>` parts, largest unit first; kept in seconds */
  | "recovery" /* {rollback?, start?}: durations */
  | "provides"; /* a list of {api, versions?} */

/** How long a service takes to recover (SPEC §4.3), in seconds; an absent part counts as 0. */
export interface Recovery {
  rollback?: number;
  start?: number;
}

/** An API a service serves (SPEC §8); no `versions` means any version. */
export interface Provided {
  api: string;
  versions?: string[];
}

/** The value of each kind of fact, as the model keeps it. */
export interface FactValues {
  text: string;
  label: string;
  tier: number;
  name: string;
  names: string[];
  duration: number;
  recovery: Recovery;
  provides: Provided[];
}

export interface FactDef {
  type: FactType;
  /** Across the declarations of one name: the first (file, line, column order) that has it, or the union of all. */
  merge: "first" | "union";
  /** The JSON Schema description, and what editors show on hover. */
  description: string;
  /** How `check` details and the web view's details panel name it. */
  label: string;
  /**
   * How the Backstage adapter carries it: from the entity's own fields (read by the adapter:
   * metadata.description, spec.owner, spec.system), or from the `catch22.dev/<key>` annotation.
   */
  backstage: "entity" | "annotation";
  /** How the Compose adapter carries it: in a service's `x-catch22`, or only as a file-wide default (`system`). */
  compose: "x-catch22" | "file";
}

/**
 * The table. Adding a service field is adding an entry here (and, where an adapter needs more
 * than the generic carriage, its code): the types below make every consumer handle it.
 */
export const SERVICE_FACTS = {
  description: {
    type: "text",
    merge: "first",
    description: "Free text describing the service.",
    label: "description",
    backstage: "entity",
    compose: "x-catch22",
  },
  owner: {
    type: "label",
    merge: "first",
    description: "The owning team; used for grouping and filtering.",
    label: "owner",
    backstage: "entity",
    compose: "x-catch22",
  },
  system: {
    type: "label",
    merge: "first",
    description: "The system the service belongs to; used for grouping.",
    label: "system",
    backstage: "entity",
    compose: "file",
  },
  tier: {
    type: "tier",
    merge: "first",
    description: "Criticality from 0 (most critical) to 3.",
    label: "tier",
    backstage: "annotation",
    compose: "x-catch22",
  },
  zone: {
    type: "name",
    merge: "first",
    description: "The failure domain the service runs in (such as an availability zone): what fails together.",
    label: "zone",
    backstage: "annotation",
    compose: "x-catch22",
  },
  region: {
    type: "name",
    merge: "first",
    description: "The larger failure domain (such as a cloud region) the service runs in.",
    label: "region",
    backstage: "annotation",
    compose: "x-catch22",
  },
  aliases: {
    type: "names",
    merge: "union",
    description: "Other names the service is known by in observed traffic and telemetry.",
    label: "aliases",
    backstage: "annotation",
    compose: "x-catch22",
  },
  recovery: {
    type: "recovery",
    merge: "first",
    description:
      "How long the service takes to recover: `rollback` once its rollback requirements are up, `start` once its runtime requirements are up (each 0 when absent).",
    label: "recovery",
    backstage: "annotation",
    compose: "x-catch22",
  },
  rto: {
    type: "duration",
    merge: "first",
    description: "The recovery time objective: how soon after a failure the service must be back (such as 30m or 1h30m).",
    label: "RTO",
    backstage: "annotation",
    compose: "x-catch22",
  },
  provides: {
    type: "provides",
    merge: "union",
    description: "The APIs the service serves, each with the versions it serves (no versions: any version).",
    label: "provides",
    backstage: "annotation",
    compose: "x-catch22",
  },
} as const satisfies Record<string, FactDef>;

export type FactKey = keyof typeof SERVICE_FACTS;
export type FactValue<K extends FactKey> = FactValues[(typeof SERVICE_FACTS)[K]["type"]];

/** The facts of a service or a declaration: a key without a definition in the table does not compile. */
export type ServiceFacts = { [K in FactKey]?: FactValue<K> };

export const FACT_KEYS = Object.keys(SERVICE_FACTS) as FactKey[];

/** Sets one fact; the one place the key/value pairing is checked generically. */
export function setFact<K extends FactKey>(target: ServiceFacts, key: K, value: FactValue<K>): void {
  (target as Record<FactKey, unknown>)[key] = value;
}

/** Copies the facts `from` has onto `to`, in the order of `keys` (the table's by default): an output's key order. */
export function copyFacts(from: ServiceFacts, to: ServiceFacts, keys: readonly FactKey[] = FACT_KEYS): void {
  for (const key of keys) {
    const v = from[key];
    if (v !== undefined) (to as Record<FactKey, unknown>)[key] = v;
  }
}

/** The facts of several declarations of one name, already in source order (SPEC §1: first that has it, or the union). */
export function mergeFacts(decls: readonly ServiceFacts[]): ServiceFacts {
  const out: ServiceFacts = {};
  for (const key of FACT_KEYS) {
    const def: FactDef = SERVICE_FACTS[key];
    let merged: unknown;
    for (const d of decls) {
      const v = d[key];
      if (v === undefined) continue;
      if (merged === undefined) merged = v;
      else if (def.merge === "first") break;
      else merged = union(def.type, merged, v);
    }
    if (merged !== undefined) (out as Record<FactKey, unknown>)[key] = merged;
  }
  return out;
}

function union(type: FactType, a: unknown, b: unknown): unknown {
  if (type === "names") return [...new Set([...(a as string[]), ...(b as string[])])];
  if (type === "provides") return mergeProvided([...(a as Provided[]), ...(b as Provided[])]);
  throw new Error(`union: facts of type ${type} take the first declaration's value`);
}

/** One entry per api, in first-written order: versions merged (in written order, no repeats); any version wins. */
export function mergeProvided(list: readonly Provided[]): Provided[] {
  const byApi = new Map<string, Provided>();
  for (const p of list) {
    const prev = byApi.get(p.api);
    if (!prev) byApi.set(p.api, p.versions ? { api: p.api, versions: [...new Set(p.versions)] } : { api: p.api });
    else if (prev.versions && p.versions) prev.versions = [...new Set([...prev.versions, ...p.versions])];
    else delete prev.versions;
  }
  return [...byApi.values()];
}

/** Seconds as a duration is written: `1h30m`, `90s` is `1m30s`, 0 is `0s`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const text = `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
  return text === "" ? "0s" : text;
}

/** A fact's value as one line of text, for `check` details and the web view. */
export function factText<K extends FactKey>(key: K, value: FactValue<K>): string {
  const type: FactType = SERVICE_FACTS[key].type;
  switch (type) {
    case "text":
    case "label":
    case "name":
      return value as string;
    case "tier":
      return String(value);
    case "names":
      return (value as string[]).join(", ");
    case "duration":
      return formatDuration(value as number);
    case "recovery": {
      const r = value as Recovery;
      return `rollback ${formatDuration(r.rollback ?? 0)}, start ${formatDuration(r.start ?? 0)}`;
    }
    case "provides":
      return (value as Provided[]).map((p) => `${p.api} (${p.versions ? p.versions.join(", ") : "any version"})`).join(", ");
  }
}

/** The facts in the order views show them: the short ones in table order, then free text (a long line below them). */
export const DISPLAY_KEYS: readonly FactKey[] = [
  ...FACT_KEYS.filter((k) => SERVICE_FACTS[k].type !== "text"),
  ...FACT_KEYS.filter((k) => SERVICE_FACTS[k].type === "text"),
];

/** A service's facts as label and text, for a details panel: only those it has. */
export function serviceFactLines(service: ServiceFacts): { key: FactKey; label: string; text: string }[] {
  const out: { key: FactKey; label: string; text: string }[] = [];
  for (const key of DISPLAY_KEYS) {
    const v = service[key];
    if (v !== undefined) out.push({ key, label: SERVICE_FACTS[key].label, text: factText(key, v) });
  }
  return out;
}
