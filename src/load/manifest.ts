// Parsed YAML documents → service declarations, or diagnostics saying what was expected where (SPEC §1).
import type { Declaration, DependencyKind, Entry, SourcePos } from "../model/types.js";
import { didYouMean } from "../util/did-you-mean.js";
import { quote } from "../util/text.js";
import type { PNode, Point } from "./yaml.js";

export const API_VERSION = "catch22/v1";
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,199}$/;
export const NAME_RULE = "1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit";

/**
 * The manifest definition: the keys, value types and descriptions of every mapping a catch22
 * document holds. The validator below reads it (allowed keys, how each value is checked) and
 * src/load/schema.ts turns it into the JSON Schema for editors, so the two cannot drift apart.
 */
export type FieldType =
  | "name" /* a service name (NAME_RULE) */
  | "text" /* free text */
  | "label" /* non-empty text: an owner or a system */
  | "tier" /* an integer 0..3 */
  | "boolean"
  | "origin" /* the format a document extends (EXTENDABLE) */
  | "names" /* a non-empty list of service names */
  | "requirements" /* a list of requirements (REQUIREMENT_DEFINITION) */
  | "services"; /* a list of service mappings (SERVICE_DEFINITION) */

export interface FieldDef {
  type: FieldType;
  description: string;
  /** Keys that may not appear next to this one (their value comes from elsewhere). */
  excludes?: readonly string[];
}

/** The formats whose services a catch22 document may extend (`extends:`), read by adapters. */
export const EXTENDABLE = ["backstage", "compose"] as const;
export type Extendable = (typeof EXTENDABLE)[number];

export const SERVICE_DEFINITION = {
  name: { type: "name", description: `The service's name, declared once across the estate (${NAME_RULE}).` },
  description: { type: "text", description: "Free text describing the service." },
  owner: { type: "label", description: "The owning team; used for grouping and filtering." },
  system: { type: "label", description: "The system the service belongs to; used for grouping." },
  tier: { type: "tier", description: "Criticality from 0 (most critical) to 3." },
  runtime: {
    type: "requirements",
    description: "What the service needs to serve traffic and to start. Hard by default; soft entries degrade only.",
  },
  rollback: {
    type: "requirements",
    description:
      'What must be up to roll back, redeploy or reconfigure the service. Absent means "not declared"; [] means "needs nothing".',
  },
  extends: {
    type: "origin",
    description:
      "This document adds catch22 knowledge (rollback, runtime refinements, tier) to the Backstage entity or Compose service of the same name, which stays the source of its description, owner, system and dependencies.",
    excludes: ["description", "owner", "system"],
  },
} as const satisfies Record<string, FieldDef>;

export const REQUIREMENT_DEFINITION = {
  service: { type: "name", description: "The service required." },
  anyOf: { type: "names", description: "Alternatives: the requirement is met when at least one of them is up." },
  soft: { type: "boolean", description: "Degrades only; never propagates failure (default false)." },
  note: { type: "text", description: "Why the requirement exists." },
} as const satisfies Record<string, FieldDef>;

export const DOCUMENT_DEFINITION = {
  Service: { description: "One service.", fields: SERVICE_DEFINITION },
  ServiceList: {
    description: "Several services in one document.",
    fields: { services: { type: "services", description: "The services, as mappings without apiVersion and kind." } },
  },
} as const;

/** The keys of each mapping, read from the definition (validation, messages and the JSON Schema). */
export const SERVICE_FIELDS = Object.keys(SERVICE_DEFINITION) as (keyof typeof SERVICE_DEFINITION)[];
export const DOCUMENT_KEYS = {
  Service: ["apiVersion", "kind", ...SERVICE_FIELDS],
  ServiceList: ["apiVersion", "kind", ...Object.keys(DOCUMENT_DEFINITION.ServiceList.fields)],
} as const;
export const ENTRY_KEYS = Object.keys(REQUIREMENT_DEFINITION) as (keyof typeof REQUIREMENT_DEFINITION)[];
export const KINDS = Object.keys(DOCUMENT_DEFINITION) as (keyof typeof DOCUMENT_DEFINITION)[];

/** Collects diagnostics for one file. */
export class Problems {
  readonly list: { line: number; column: number; message: string }[] = [];
  add(at: Point, message: string): void {
    this.list.push({ line: at.line, column: at.column, message });
  }
}

export interface DocumentResult {
  /** "manifest" when the document is catch22's, "skipped" (with why) when it belongs to something else. */
  status: "manifest" | "skipped" | "empty";
  reason?: string;
  declarations: Declaration[];
}

/** Looks up a key of a mapping node. */
export function field(node: PNode, key: string): PNode | undefined {
  if (node.kind !== "map") return undefined;
  for (const p of node.pairs) if (p.key.kind === "scalar" && String(p.key.value) === key) return p.value;
  return undefined;
}

export function describeNode(node: PNode): string {
  if (node.kind === "seq") return "a list";
  if (node.kind === "map") return "a mapping";
  if (node.value === null) return "nothing (null)";
  if (typeof node.value === "string") return `the text ${quote(truncate(node.value))}`;
  return `${typeof node.value === "number" ? "the number" : "the value"} ${String(node.value)}`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Reads one catch22 document (already known to have a `catch22/...` apiVersion). */
export function readCatch22Document(doc: PNode, file: string, problems: Problems): Declaration[] {
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
    const d = readService(doc, file, problems);
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
    const d = readService(item, file, problems);
    if (d) out.push(d);
  }
  return out;
}

/** Reports keys that the definition does not list, with a "did you mean". */
export function checkKeys(node: PNode, allowed: readonly string[], what: string, problems: Problems): void {
  if (node.kind !== "map") return;
  for (const { key } of node.pairs) {
    const k = key.kind === "scalar" ? String(key.value) : "";
    if (key.kind !== "scalar") {
      problems.add(key.at, `expected a plain key in ${what}, got ${describeNode(key)}`);
    } else if (!allowed.includes(k)) {
      const merge =
        k === "<<"
          ? " (YAML merge keys are not supported: catch22 reads YAML 1.2, which has none; repeat the keys, or alias a whole list)"
          : "";
      problems.add(key.at, `unknown key ${quote(k)} in ${what}${didYouMean(k, allowed)}${merge}; expected one of: ${allowed.join(", ")}`);
    }
  }
}

type Value = string | number | boolean | Extendable;

/**
 * Checks one scalar field against its type in the definition: the value, or undefined after
 * reporting what was expected. (Names, lists and requirements have readers of their own.)
 */
export function readScalarField(key: string, def: FieldDef, v: PNode, problems: Problems): Value | undefined {
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
      if (text !== undefined && (EXTENDABLE as readonly string[]).includes(text)) return text as Extendable;
      problems.add(
        v.at,
        `expected "${key}" to be one of ${EXTENDABLE.join(", ")}, got ${describeNode(v)}${didYouMean(text ?? "", EXTENDABLE)}`,
      );
      return undefined;
    default:
      throw new Error(`readScalarField: ${def.type} is not a scalar type`);
  }
}

function readService(node: PNode, file: string, problems: Problems): Declaration | undefined {
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
    const value = readScalarField(key, def, v, problems);
    // A document that meant to extend something is not a declaration of its own (its error is reported).
    if (value === undefined && key === "extends") return undefined;
    if (value === undefined) continue;
    if (key === "tier") decl.tier = value as number;
    else if (key === "extends") decl.extends = value as Extendable;
    else decl[key as "description" | "owner" | "system"] = value as string;
    for (const other of def.excludes ?? []) {
      const o = pairs.find((p) => p.key.kind === "scalar" && String(p.key.value) === other);
      if (o)
        problems.add(o.key.at, `a document with "${key}: ${String(value)}" takes "${other}" from what it extends; set it there, not here`);
    }
  }
  return name === undefined ? undefined : decl;
}

/** A service name, or undefined after reporting what is wrong with it. */
export function readName(node: PNode, problems: Problems, what: string): string | undefined {
  if (node.kind !== "scalar" || typeof node.value !== "string") {
    const hint = node.kind === "scalar" && node.value !== null ? ` (quote it: "${String(node.value)}")` : "";
    problems.add(node.at, `expected a ${what}, got ${describeNode(node)}${hint}`);
    return undefined;
  }
  return checkName(node.value, node.at, problems, what);
}

/** Checks a name against NAME_RULE; the name, or undefined after reporting it at `at`. */
export function checkName(v: string, at: Point, problems: Problems, what: string): string | undefined {
  if (v === "") {
    problems.add(at, `empty ${what}; a name is ${NAME_RULE}`);
    return undefined;
  }
  if (!NAME_PATTERN.test(v)) {
    problems.add(at, `invalid ${what} ${quote(truncate(v))}: a name is ${NAME_RULE}`);
    return undefined;
  }
  return v;
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
    problems.add(item.at, `expected a requirement (a service name, {service: name} or {anyOf: [names]}), got ${describeNode(item)}`);
    return undefined;
  }
  checkKeys(item, ENTRY_KEYS, `a ${kind} requirement`, problems);
  const service = field(item, "service");
  const anyOf = field(item, "anyOf");
  const entry: Entry = { kind, names: [], anyOf: false, soft: false, namePos: [] };
  let ok = true;
  if (service && anyOf) {
    problems.add(item.at, `a requirement has either "service" or "anyOf", not both`);
    ok = false;
  } else if (service) {
    const name = readName(service, problems, "service name");
    if (name === undefined) ok = false;
    else {
      entry.names.push(name);
      entry.namePos.push(pos(service.at));
    }
  } else if (anyOf) {
    entry.anyOf = true;
    if (anyOf.kind !== "seq") {
      problems.add(anyOf.at, `expected "anyOf" to be a list of service names, got ${describeNode(anyOf)}`);
      ok = false;
    } else if (anyOf.items.length === 0) {
      problems.add(anyOf.at, `"anyOf" needs at least one service name`);
      ok = false;
    } else {
      for (const n of anyOf.items) {
        const name = readName(n, problems, "service name");
        if (name === undefined) ok = false;
        else if (!entry.names.includes(name)) {
          entry.names.push(name);
          entry.namePos.push(pos(n.at));
        }
      }
    }
  } else {
    problems.add(item.at, `a requirement needs "service: <name>" or "anyOf: [<names>]"`);
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

/**
 * Refines `base` requirements with `extra` ones (adapters' annotations and `x-catch22`, and
 * documents that `extends` one): a plain base entry whose names, or whose `via` reference, an
 * extra entry mentions is replaced by the extra entries, so that `metrics` listed as a dependency
 * and again as soft is one soft requirement, and `a` and `b` listed as dependencies and again
 * as `anyOf: [a, b]` are one alternative.
 */
export function refine(base: readonly Entry[], extra: readonly Entry[]): Entry[] {
  if (extra.length === 0) return [...base];
  const mentioned = new Set<string>();
  for (const e of extra) {
    for (const n of e.names) mentioned.add(n);
    if (e.via !== undefined) mentioned.add(e.via);
  }
  const kept = base.filter((e) => {
    if (e.anyOf) return true;
    if (e.via !== undefined && mentioned.has(e.via)) return false;
    return !(e.names.length > 0 && e.names.every((n) => mentioned.has(n)));
  });
  return [...kept, ...extra];
}
