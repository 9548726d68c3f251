// Parsed YAML documents → service declarations, or diagnostics saying what was expected where (SPEC §1).
import { type FactKey, SERVICE_FACTS, setFact } from "../model/facts.js";
import type { Declaration, DependencyKind, Entry, Origin, SourcePos } from "../model/types.js";
import { didYouMean } from "../util/did-you-mean.js";
import { quote } from "../util/text.js";
import {
  API_VERSION,
  DOCUMENT_KEYS,
  ENTRY_KEYS,
  type FieldDef,
  KINDS,
  REQUIREMENT_DEFINITION,
  SERVICE_DEFINITION,
  SERVICE_FIELDS,
} from "./definition.js";
import { readFact, readScalarField, readVersion } from "./fields.js";
import type { PNode, Point } from "./yaml.js";
import { checkKeys, describeNode, field, NAME_RULE, type Problems, readName } from "./yaml-node.js";

/** Reads one catch22 document (already known to have a `catch22/...` apiVersion). */
export function readCatch22Document(doc: PNode, file: string, problems: Problems, extendable: readonly Origin[]): Declaration[] {
  const apiVersion = field(doc, "apiVersion") as PNode & { kind: "scalar" };
  if (apiVersion.value !== API_VERSION) {
    problems.add(apiVersion.at, `unsupported apiVersion ${quote(String(apiVersion.value))}; this catch22 reads "${API_VERSION}"`);
    return [];
  }
  const kindNode = field(doc, "kind");
  if (!kindNode) {
    problems.add(doc.at, `missing "kind"; expected "kind: Service" or "kind: ServiceList"`);
    return [];
  }
  const kind = kindNode.kind === "scalar" ? String(kindNode.value) : "";
  if (!(KINDS as string[]).includes(kind)) {
    problems.add(
      kindNode.at,
      `unknown kind ${kindNode.kind === "scalar" ? quote(kind) : describeNode(kindNode)}${didYouMean(kind, KINDS)}; expected Service or ServiceList`,
    );
    return [];
  }
  checkKeys(doc, DOCUMENT_KEYS[kind as keyof typeof DOCUMENT_KEYS], `a ${kind} document`, problems);
  if (kind === "Service") {
    const d = readService(doc, file, problems, extendable);
    return d ? [d] : [];
  }
  const services = field(doc, "services");
  if (!services) {
    problems.add(doc.at, `missing "services"; a ServiceList holds a list of services`);
    return [];
  }
  if (services.kind !== "seq") {
    problems.add(services.at, `expected "services" to be a list of services, got ${describeNode(services)}`);
    return [];
  }
  const out: Declaration[] = [];
  for (const item of services.items) {
    if (item.kind !== "map") {
      problems.add(item.at, `expected a service (a mapping with at least "name"), got ${describeNode(item)}`);
      continue;
    }
    checkKeys(item, SERVICE_FIELDS, "a service", problems);
    const d = readService(item, file, problems, extendable);
    if (d) out.push(d);
  }
  return out;
}

function readService(node: PNode, file: string, problems: Problems, extendable: readonly Origin[]): Declaration | undefined {
  const pos = (at: Point): SourcePos => ({ file, line: at.line, column: at.column });
  const nameNode = field(node, "name");
  if (!nameNode) {
    problems.add(node.at, `missing "name"; every service needs a name (${NAME_RULE})`);
    return undefined;
  }
  const name = readName(nameNode, problems, "service name");
  const decl: Declaration = { name: name ?? "", pos: pos(nameNode.at), runtime: [], origin: "catch22" };
  // One pass over the pairs (unknown keys are checkKeys' business; YAML has no duplicate keys).
  const pairs = node.kind === "map" ? node.pairs : [];
  for (const { key: keyNode, value: v } of pairs) {
    if (keyNode.kind !== "scalar") continue;
    const key = String(keyNode.value) as keyof typeof SERVICE_DEFINITION;
    if (key === "name" || !Object.hasOwn(SERVICE_DEFINITION, key)) continue;
    const def: FieldDef = SERVICE_DEFINITION[key];
    if (def.type === "requirements") {
      const entries = readEntries(v, key as DependencyKind, file, problems);
      if (key === "runtime") decl.runtime = entries;
      else decl.rollback = entries;
      continue;
    }
    if (isFact(key)) {
      const value = readFact(key, v, problems);
      if (value !== undefined) setFact(decl, key, value);
      continue;
    }
    const value = readScalarField(key, def, v, problems, extendable);
    // A document that meant to extend something is not a declaration of its own (its error is reported).
    if (value === undefined) return undefined;
    decl.extends = value as Origin;
    for (const other of def.excludes ?? []) {
      const o = pairs.find((p) => p.key.kind === "scalar" && String(p.key.value) === other);
      if (o)
        problems.add(o.key.at, `a document with "${key}: ${String(value)}" takes "${other}" from what it extends; set it there, not here`);
    }
  }
  return name === undefined ? undefined : decl;
}

/** Reads a `runtime` or `rollback` list (also used by adapters for catch22-syntax extensions). */
export function readEntries(node: PNode, kind: DependencyKind, file: string, problems: Problems, key: string = kind): Entry[] {
  if (node.kind !== "seq") {
    const hint = node.kind === "scalar" && node.value === null ? ` (write "${key}: []" for "needs nothing")` : "";
    problems.add(node.at, `expected "${key}" to be a list of requirements, got ${describeNode(node)}${hint}`);
    return [];
  }
  const out: Entry[] = [];
  for (const item of node.items) {
    const e = readEntry(item, kind, file, problems);
    if (e) out.push(e);
  }
  return out;
}

function readEntry(item: PNode, kind: DependencyKind, file: string, problems: Problems): Entry | undefined {
  const pos = (at: Point): SourcePos => ({ file, line: at.line, column: at.column });
  if (item.kind === "scalar") {
    const name = readName(item, problems, "service name");
    return name === undefined ? undefined : { kind, names: [name], anyOf: false, soft: false, namePos: [pos(item.at)] };
  }
  if (item.kind !== "map") {
    problems.add(
      item.at,
      `expected a requirement (a service name, {service: name}, {anyOf: [names]} or {api: name}), got ${describeNode(item)}`,
    );
    return undefined;
  }
  checkKeys(item, ENTRY_KEYS, `a ${kind} requirement`, problems);
  const service = field(item, "service");
  const anyOf = field(item, "anyOf");
  const api = field(item, "api");
  const names: string[] = [];
  const entry: Entry = { kind, names, anyOf: false, soft: false, namePos: [] };
  let ok = true;
  const forms = (["service", "anyOf", "api"] as const).filter((k) => field(item, k) !== undefined);
  const version = field(item, "version");
  if (version && !api) {
    problems.add(version.at, `"version" goes with "api": the version of the API required`);
    ok = false;
  }
  if (forms.length > 1) {
    const [a, b] = forms;
    problems.add(
      item.at,
      forms.length === 2
        ? `a requirement has either "${a}" or "${b}", not both`
        : `a requirement has one of "service", "anyOf" or "api", not several`,
    );
    ok = false;
  } else if (api) {
    // Kept, positioned and validated; resolved to its providers by the resolve pass (src/load/resolve-api.ts).
    const apiName = readName(api, problems, "API name");
    // No `version` means any version; a `version` that does not read is an error (reported).
    const v = version ? readVersion('"version"', version, problems) : null;
    if (apiName === undefined || v === undefined) ok = false;
    else entry.api = { name: apiName, ...(v ? { version: v } : {}), pos: pos(api.at) };
  } else if (service) {
    const name = readName(service, problems, "service name");
    if (name === undefined) ok = false;
    else {
      names.push(name);
      entry.namePos.push(pos(service.at));
    }
  } else if (anyOf) {
    entry.anyOf = true;
    if (anyOf.kind !== "seq") {
      problems.add(anyOf.at, `expected "anyOf" to be a list of service names, got ${describeNode(anyOf)}`);
      ok = false;
    } else if (anyOf.items.length === 0) {
      problems.add(anyOf.at, `"anyOf" needs at least two service names`);
      ok = false;
    } else {
      // a set, not names.includes: an anyOf may list every service of a large estate
      const seen = new Set<string>();
      for (const n of anyOf.items) {
        const name = readName(n, problems, "service name");
        if (name === undefined) ok = false;
        else if (!seen.has(name)) {
          seen.add(name);
          names.push(name);
          entry.namePos.push(pos(n.at));
        }
      }
      const only = entry.names[0];
      if (ok && entry.names.length === 1 && only !== undefined) {
        const plain = field(item, "soft") || field(item, "note") ? `{service: ${only}, ...}` : `- ${only}`;
        problems.add(anyOf.at, `an "anyOf" with one service is a plain requirement; write "${plain}"`);
        ok = false;
      }
    }
  } else {
    problems.add(item.at, `a requirement needs "service: <name>", "anyOf: [<names>]" or "api: <name>"`);
    ok = false;
  }
  for (const key of ["soft", "note"] as const) {
    const v = field(item, key);
    if (v === undefined) continue;
    const value = readScalarField(key, REQUIREMENT_DEFINITION[key], v, problems);
    if (value === undefined) ok = false;
    else if (key === "soft") entry.soft = value as boolean;
    else entry.note = value as string;
  }
  return ok ? entry : undefined;
}

function isFact(key: string): key is FactKey {
  return Object.hasOwn(SERVICE_FACTS, key);
}
