// Reading one field's value from a YAML node (scalars by their definition, service facts by src/model/facts.ts): the value, or diagnostics saying what was expected where.
import { type FactKey, type FactType, type FactValue, mergeProvided, type Provided, type Recovery, SERVICE_FACTS } from "../model/facts.js";
import type { Origin } from "../model/types.js";
import { didYouMean } from "../util/did-you-mean.js";
import type { FieldDef } from "./definition.js";
import type { PNode } from "./yaml.js";
import { checkKeys, describeNode, field, type Problems, readName } from "./yaml-node.js";

type Value = string | number | boolean;

/**
 * Checks one scalar field against its type in the definition: the value, or undefined after
 * reporting what was expected. (Names, lists and requirements have readers of their own.)
 */
export function readScalarField(
  key: string,
  def: FieldDef,
  v: PNode,
  problems: Problems,
  /** For an "origin": the formats it may name. */
  origins: readonly Origin[] = [],
): Value | undefined {
  const text = v.kind === "scalar" && typeof v.value === "string" ? v.value : undefined;
  switch (def.type) {
    case "text":
      if (text !== undefined) return text;
      problems.add(v.at, `expected "${key}" to be text, got ${describeNode(v)}`);
      return undefined;
    case "label":
      if (text !== undefined && text.trim() !== "") return text;
      problems.add(v.at, `expected "${key}" to be a non-empty name, got ${describeNode(v)}`);
      return undefined;
    case "tier":
      if (v.kind === "scalar" && typeof v.value === "number" && Number.isInteger(v.value) && v.value >= 0 && v.value <= 3) return v.value;
      problems.add(v.at, `expected "${key}" to be an integer from 0 (most critical) to 3, got ${describeNode(v)}`);
      return undefined;
    case "boolean":
      if (v.kind === "scalar" && typeof v.value === "boolean") return v.value;
      problems.add(v.at, `expected "${key}" to be true or false, got ${describeNode(v)}`);
      return undefined;
    case "origin":
      if (text !== undefined && (origins as readonly string[]).includes(text)) return text;
      problems.add(v.at, `expected "${key}" to be one of ${origins.join(", ")}, got ${describeNode(v)}${didYouMean(text ?? "", origins)}`);
      return undefined;
    default:
      throw new Error(`readScalarField: ${def.type} is not a scalar type`);
  }
}

/** A duration: one or more `<integer><unit>` parts, largest unit first (SPEC §1). */
export const DURATION = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const DURATION_RULE = "a duration such as 90s, 30m or 1h30m (<integer><s|m|h> parts, largest unit first)";
const RECOVERY_KEYS = ["rollback", "start"] as const;
const PROVIDED_KEYS = ["api", "versions"] as const;

/** Reads the fact `key` from `v`; undefined after reporting what is wrong with it. */
export function readFact<K extends FactKey>(
  key: K,
  v: PNode,
  problems: Problems,
  /** What messages call it (an adapter's annotation); the key by default. */
  label: string = key,
): FactValue<K> | undefined {
  return readFactOfType(SERVICE_FACTS[key].type, label, v, problems) as FactValue<K> | undefined;
}

function readFactOfType(type: FactType, key: string, v: PNode, problems: Problems): unknown {
  switch (type) {
    case "text":
    case "label":
    case "tier":
      return readScalarField(key, { type, description: "" }, v, problems);
    case "name":
      return readName(v, problems, `name in "${key}"`);
    case "names":
      return readNames(key, v, problems);
    case "duration":
      return readDuration(key, v, problems);
    case "recovery":
      return readRecovery(key, v, problems);
    case "provides":
      return readProvides(key, v, problems);
    default: {
      // A new FactType without a reader does not compile.
      const missing: never = type;
      throw new Error(`no reader for ${String(missing)}`);
    }
  }
}

function readNames(key: string, v: PNode, problems: Problems): string[] | undefined {
  if (v.kind !== "seq") {
    problems.add(v.at, `expected "${key}" to be a list of names, got ${describeNode(v)}`);
    return undefined;
  }
  const out = new Set<string>();
  let ok = true;
  for (const item of v.items) {
    const name = readName(item, problems, `name in "${key}"`);
    if (name === undefined) ok = false;
    else out.add(name);
  }
  return ok ? [...out] : undefined;
}

/** Seconds, or undefined after reporting the node. */
export function readDuration(key: string, v: PNode, problems: Problems): number | undefined {
  const text = v.kind === "scalar" && typeof v.value === "string" ? v.value : undefined;
  const m = text === undefined || text === "" ? null : DURATION.exec(text);
  if (m) return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  const n = v.kind === "scalar" && typeof v.value === "number" ? v.value : undefined;
  const hint = n !== undefined ? ` (give it a unit: ${n}s, ${n}m or ${n}h)` : "";
  problems.add(v.at, `expected "${key}" to be ${DURATION_RULE}, got ${describeNode(v)}${hint}`);
  return undefined;
}

function readRecovery(key: string, v: PNode, problems: Problems): Recovery | undefined {
  if (v.kind !== "map") {
    problems.add(v.at, `expected "${key}" to be a mapping such as {rollback: 20m, start: 2m}, got ${describeNode(v)}`);
    return undefined;
  }
  checkKeys(v, RECOVERY_KEYS, `"${key}"`, problems);
  const out: Recovery = {};
  let ok = true;
  for (const part of RECOVERY_KEYS) {
    const node = field(v, part);
    if (node === undefined) continue;
    const seconds = readDuration(`${key}.${part}`, node, problems);
    if (seconds === undefined) ok = false;
    else out[part] = seconds;
  }
  return ok ? out : undefined;
}

/** An API version label: text, never a YAML number (which loses digits: 1.10 reads as 1.1). */
export function readVersion(key: string, v: PNode, problems: Problems): string | undefined {
  if (v.kind === "scalar" && typeof v.value === "string" && v.value.trim() !== "") return v.value;
  const hint =
    v.kind === "scalar" && typeof v.value === "number"
      ? ` (quote it as written: versions are text, and an unquoted 1.10 is the number 1.1)`
      : "";
  problems.add(v.at, `expected ${key} to be a version label (text such as "v2" or "1.10"), got ${describeNode(v)}${hint}`);
  return undefined;
}

function readProvides(key: string, v: PNode, problems: Problems): Provided[] | undefined {
  if (v.kind !== "seq") {
    problems.add(v.at, `expected "${key}" to be a list of {api, versions}, got ${describeNode(v)}`);
    return undefined;
  }
  const out: Provided[] = [];
  let ok = true;
  for (const item of v.items) {
    if (item.kind !== "map") {
      problems.add(item.at, `expected an entry of "${key}" to be a mapping {api: <name>, versions: [<labels>]}, got ${describeNode(item)}`);
      ok = false;
      continue;
    }
    checkKeys(item, PROVIDED_KEYS, `an entry of "${key}"`, problems);
    const apiNode = field(item, "api");
    if (!apiNode) {
      problems.add(item.at, `missing "api" in an entry of "${key}"; write {api: <name>, versions: [<labels>]}`);
      ok = false;
      continue;
    }
    const api = readName(apiNode, problems, "API name");
    const versionsNode = field(item, "versions");
    let versions: string[] | undefined;
    if (versionsNode !== undefined) {
      if (versionsNode.kind !== "seq") {
        problems.add(versionsNode.at, `expected "versions" to be a list of version labels, got ${describeNode(versionsNode)}`);
        ok = false;
      } else if (versionsNode.items.length === 0) {
        problems.add(versionsNode.at, `"versions: []" lists no version; omit versions for any version`);
        ok = false;
      } else {
        versions = [];
        for (const n of versionsNode.items) {
          const label = readVersion('a label of "versions"', n, problems);
          if (label === undefined) ok = false;
          else versions.push(label);
        }
      }
    }
    if (api === undefined) ok = false;
    else out.push(versions ? { api, versions } : { api });
  }
  return ok ? mergeProvided(out) : undefined;
}
