// Parsed YAML documents → service declarations, or diagnostics saying what was expected where (SPEC §1).
import type { Declaration, DependencyKind, Entry, SourcePos } from "../model/types.js";
import { didYouMean } from "../util/did-you-mean.js";
import type { PNode, Point } from "./yaml.js";

export const API_VERSION = "catch22/v1";
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,199}$/;
export const NAME_RULE = "1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit";

/** The keys of each mapping, the one definition that validation, messages and the JSON Schema read. */
export const SERVICE_FIELDS = ["name", "description", "owner", "system", "tier", "runtime", "rollback"] as const;
export const DOCUMENT_KEYS = {
  Service: ["apiVersion", "kind", ...SERVICE_FIELDS],
  ServiceList: ["apiVersion", "kind", "services"],
} as const;
export const ENTRY_KEYS = ["service", "anyOf", "soft", "note"] as const;
export const KINDS = Object.keys(DOCUMENT_KEYS) as (keyof typeof DOCUMENT_KEYS)[];

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
  if (typeof node.value === "string") return `the text "${truncate(node.value)}"`;
  return `${typeof node.value === "number" ? "the number" : "the value"} ${String(node.value)}`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Reads one catch22 document (already known to have a `catch22/...` apiVersion). */
export function readCatch22Document(doc: PNode, file: string, problems: Problems): Declaration[] {
  const apiVersion = field(doc, "apiVersion") as PNode & { kind: "scalar" };
  if (apiVersion.value !== API_VERSION) {
    problems.add(apiVersion.at, `unsupported apiVersion "${apiVersion.value}"; this catch22 reads "${API_VERSION}"`);
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
      `unknown kind ${kindNode.kind === "scalar" ? `"${kind}"` : describeNode(kindNode)}${didYouMean(kind, KINDS)}; expected Service or ServiceList`,
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

function checkKeys(node: PNode, allowed: readonly string[], what: string, problems: Problems): void {
  if (node.kind !== "map") return;
  for (const { key } of node.pairs) {
    const k = key.kind === "scalar" ? String(key.value) : "";
    if (key.kind !== "scalar") {
      problems.add(key.at, `expected a plain key in ${what}, got ${describeNode(key)}`);
    } else if (!allowed.includes(k)) {
      problems.add(key.at, `unknown key "${k}" in ${what}${didYouMean(k, allowed)}; expected one of: ${allowed.join(", ")}`);
    }
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
  for (const key of ["description", "owner", "system"] as const) {
    const v = field(node, key);
    if (v === undefined) continue;
    if (v.kind !== "scalar" || typeof v.value !== "string" || (key !== "description" && v.value.trim() === "")) {
      problems.add(v.at, `expected "${key}" to be ${key === "description" ? "text" : "a non-empty name"}, got ${describeNode(v)}`);
    } else decl[key] = v.value;
  }
  const tier = field(node, "tier");
  if (tier !== undefined) {
    if (tier.kind === "scalar" && typeof tier.value === "number" && Number.isInteger(tier.value) && tier.value >= 0 && tier.value <= 3) {
      decl.tier = tier.value;
    } else {
      problems.add(tier.at, `expected "tier" to be an integer from 0 (most critical) to 3, got ${describeNode(tier)}`);
    }
  }
  const runtime = field(node, "runtime");
  if (runtime !== undefined) decl.runtime = readEntries(runtime, "runtime", file, problems);
  const rollback = field(node, "rollback");
  if (rollback !== undefined) decl.rollback = readEntries(rollback, "rollback", file, problems);
  return name === undefined ? undefined : decl;
}

/** A service name, or undefined after reporting what is wrong with it. */
export function readName(node: PNode, problems: Problems, what: string): string | undefined {
  if (node.kind !== "scalar" || typeof node.value !== "string") {
    const hint = node.kind === "scalar" && node.value !== null ? ` (quote it: "${String(node.value)}")` : "";
    problems.add(node.at, `expected a ${what}, got ${describeNode(node)}${hint}`);
    return undefined;
  }
  const v = node.value;
  if (v === "") {
    problems.add(node.at, `empty ${what}; a name is ${NAME_RULE}`);
    return undefined;
  }
  if (!NAME_PATTERN.test(v)) {
    problems.add(node.at, `invalid ${what} "${truncate(v)}": a name is ${NAME_RULE}`);
    return undefined;
  }
  return v;
}

function readEntries(node: PNode, kind: DependencyKind, file: string, problems: Problems): Entry[] {
  if (node.kind !== "seq") {
    const hint = node.kind === "scalar" && node.value === null ? ` (write "${kind}: []" for "needs nothing")` : "";
    problems.add(node.at, `expected "${kind}" to be a list of requirements, got ${describeNode(node)}${hint}`);
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
  const soft = field(item, "soft");
  if (soft !== undefined) {
    if (soft.kind === "scalar" && typeof soft.value === "boolean") entry.soft = soft.value;
    else {
      problems.add(soft.at, `expected "soft" to be true or false, got ${describeNode(soft)}`);
      ok = false;
    }
  }
  const note = field(item, "note");
  if (note !== undefined) {
    if (note.kind === "scalar" && typeof note.value === "string") entry.note = note.value;
    else {
      problems.add(note.at, `expected "note" to be text, got ${describeNode(note)}`);
      ok = false;
    }
  }
  return ok ? entry : undefined;
}
