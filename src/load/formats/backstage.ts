// Backstage catalog entities → services: Component and Resource entities are services, API entities the interfaces they reach each other through.
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { closest, didYouMean } from "../../util/did-you-mean.js";
import { refine } from "../refine.js";
import type { PNode, Point } from "../yaml.js";
import { checkName, describeNode, field, type Problems, readName } from "../yaml-node.js";
import type { AdapterOutput, AdapterSource, InputFormat, Interface, Provision } from "./contract.js";

const API_VERSION = /^backstage\.io\/v1(alpha1|beta1)$/;
/** Kinds read: services, and the interfaces services provide and consume. */
const READ_KINDS = ["Component", "Resource", "API"] as const;
/** Backstage's other kinds, passed over without a "did you mean". */
const OTHER_KINDS = ["Domain", "Group", "Location", "System", "Template", "User"];
/** Kinds a `dependsOn` reference may name. */
const DEPENDENCY_KINDS = ["component", "resource"];

/** The annotations catch22 reads; any other `catch22.dev/` annotation is an error (a typo, most likely). */
export const ANNOTATIONS = {
  rollback: "catch22.dev/rollback",
  runtime: "catch22.dev/runtime",
  soft: "catch22.dev/soft",
  tier: "catch22.dev/tier",
} as const;
const ANNOTATION_PREFIX = "catch22.dev/";

function kindOf(doc: PNode): string | undefined {
  const k = field(doc, "kind");
  return k?.kind === "scalar" && typeof k.value === "string" ? k.value : undefined;
}

/** The kind as written, matched without regard to case as Backstage does; undefined when it is none of READ_KINDS. */
function readKind(kind: string): (typeof READ_KINDS)[number] | undefined {
  return READ_KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
}

export const backstage: InputFormat<"backstage"> = {
  id: "backstage",
  what: "Backstage entity",
  extensions: [".yaml", ".yml"],
  syntax: "yaml",
  extendable: true,
  claims(doc) {
    const v = field(doc, "apiVersion");
    if (v?.kind !== "scalar" || typeof v.value !== "string" || !API_VERSION.test(v.value)) return false;
    const kind = kindOf(doc);
    if (kind === undefined) return false;
    // A kind close to one catch22 reads is claimed, so that the typo is reported rather than skipped.
    return readKind(kind) !== undefined || (!OTHER_KINDS.includes(kind) && closest(kind, READ_KINDS) !== undefined);
  },
  read: readEntity,
  passOver(doc) {
    const v = field(doc, "apiVersion");
    const kind = kindOf(doc);
    if (v?.kind !== "scalar" || typeof v.value !== "string" || !API_VERSION.test(v.value)) return undefined;
    return `a Backstage ${kind ?? "document without a kind"}${kind ? " entity" : ""}: catch22 reads Component, Resource and API entities`;
  },
};

/** A parsed entity reference `[kind:][namespace/]name`. */
export interface EntityRef {
  kind?: string;
  namespace: string;
  name: string;
}

const REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Parses an entity reference as Backstage does; `namespace` defaults to the referring entity's. */
export function parseEntityRef(text: string, namespace: string): EntityRef | string {
  const colon = text.indexOf(":");
  const kind = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const slash = rest.indexOf("/");
  const ns = slash >= 0 ? rest.slice(0, slash) : namespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  const expected = `expected an entity reference [kind:][namespace/]name, such as "component:default/payments" or "orders-db"`;
  if (kind !== undefined && !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) return `invalid entity reference "${text}": ${expected}`;
  if (!REF_PART.test(ns) || !REF_PART.test(name)) return `invalid entity reference "${text}": ${expected}`;
  return { kind: kind?.toLowerCase(), namespace: ns, name };
}

/** The catch22 name of a Component or Resource: its name, prefixed with its namespace unless that is "default". */
export function serviceName(ref: EntityRef): string {
  return ref.namespace === "default" ? ref.name : `${ref.namespace}/${ref.name}`;
}

/** An API as catch22 names it in `via` and in findings: `api:name` (`api:namespace/name` outside "default"). */
export function apiRef(ref: EntityRef): string {
  return `api:${serviceName(ref)}`;
}

/** A reference shortened as Backstage shows it: without its default kind and without the "default" namespace. */
function compactRef(ref: EntityRef, defaultKind: string): string {
  return `${ref.kind && ref.kind !== defaultKind ? `${ref.kind}:` : ""}${serviceName(ref)}`;
}

function readEntity(doc: PNode, src: AdapterSource, problems: Problems): AdapterOutput {
  const out: AdapterOutput = { declarations: [] };
  const pos = (at: Point): SourcePos => ({ file: src.file, line: at.line, column: at.column });
  const kindNode = field(doc, "kind") as PNode;
  const kind = readKind(kindOf(doc) as string);
  if (kind === undefined) {
    const written = kindOf(doc) as string;
    problems.add(
      kindNode.at,
      `unknown Backstage kind "${written}"${didYouMean(written, READ_KINDS)}; catch22 reads Component and Resource entities as services and API entities as the interfaces between them`,
    );
    return out;
  }
  const metadata = field(doc, "metadata");
  if (metadata?.kind !== "map") {
    problems.add(
      (metadata ?? doc).at,
      `expected "metadata" to be a mapping with at least "name", got ${metadata ? describeNode(metadata) : "nothing"}`,
    );
    return out;
  }
  const nameNode = field(metadata, "name");
  if (!nameNode) {
    problems.add(metadata.at, `missing "metadata.name"; every ${kind} entity needs a name`);
    return out;
  }
  const name = readName(nameNode, problems, "entity name");
  let namespace = "default";
  const nsNode = field(metadata, "namespace");
  if (nsNode) {
    if (nsNode.kind === "scalar" && typeof nsNode.value === "string" && REF_PART.test(nsNode.value)) namespace = nsNode.value;
    else
      problems.add(nsNode.at, `expected "metadata.namespace" to be a namespace name (letters, digits, . _ -), got ${describeNode(nsNode)}`);
  }
  if (name === undefined) return out;
  if (name.includes("/") || name.includes(":")) {
    problems.add(nameNode.at, `invalid entity name "${name}": Backstage names hold no "/" or ":"`);
    return out;
  }
  const self: EntityRef = { kind: kind.toLowerCase(), namespace, name };
  if (kind === "API") {
    out.interfaces = [{ ref: apiRef(self), pos: pos(nameNode.at) } satisfies Interface];
    return out;
  }
  const decl: Declaration = { name: serviceName(self), pos: pos(nameNode.at), runtime: [], origin: "backstage" };
  const description = field(metadata, "description");
  if (description) {
    if (description.kind === "scalar" && typeof description.value === "string") decl.description = description.value;
    else problems.add(description.at, `expected "metadata.description" to be text, got ${describeNode(description)}`);
  }

  const spec = field(doc, "spec");
  if (spec && spec.kind !== "map" && !(spec.kind === "scalar" && spec.value === null)) {
    problems.add(spec.at, `expected "spec" to be a mapping, got ${describeNode(spec)}`);
  }
  const specField = (key: string) => (spec?.kind === "map" ? field(spec, key) : undefined);
  /** One reference from a string node: the reference, or undefined after reporting it. */
  const readRef = (node: PNode, where: string): EntityRef | undefined => {
    if (node.kind !== "scalar" || typeof node.value !== "string") {
      problems.add(node.at, `expected an entity reference in "${where}", got ${describeNode(node)}`);
      return undefined;
    }
    const r = parseEntityRef(node.value, namespace);
    if (typeof r === "string") {
      problems.add(node.at, r);
      return undefined;
    }
    return r;
  };
  for (const [key, defaultKind] of [
    ["owner", "group"],
    ["system", "system"],
  ] as const) {
    const v = specField(key);
    if (!v) continue;
    const r = readRef(v, `spec.${key}`);
    if (r) decl[key] = compactRef(r, defaultKind);
  }
  /** The items of a list of references (`spec.dependsOn`, ...), each with its node. */
  const refList = (key: string): { ref: EntityRef; node: PNode }[] => {
    const v = specField(key);
    if (!v || (v.kind === "scalar" && v.value === null)) return [];
    if (v.kind !== "seq") {
      problems.add(v.at, `expected "spec.${key}" to be a list of entity references, got ${describeNode(v)}`);
      return [];
    }
    const refs: { ref: EntityRef; node: PNode }[] = [];
    for (const item of v.items) {
      const r = readRef(item, `spec.${key}`);
      if (r) refs.push({ ref: r, node: item });
    }
    return refs;
  };

  const base: Entry[] = [];
  for (const { ref, node } of refList("dependsOn")) {
    const e = dependencyEntry(ref, pos(node.at), problems);
    if (e) base.push(e);
  }
  for (const { ref, node } of refList("consumesApis")) {
    if (ref.kind !== undefined && ref.kind !== "api") {
      problems.add(node.at, `"spec.consumesApis" names APIs, not a ${ref.kind}; list a ${ref.kind} under "spec.dependsOn"`);
      continue;
    }
    base.push(viaEntry(ref, "runtime", pos(node.at)));
  }
  const provides: Provision[] = [];
  for (const { ref, node } of refList("providesApis")) {
    if (ref.kind !== undefined && ref.kind !== "api") {
      problems.add(node.at, `"spec.providesApis" names APIs, not a ${ref.kind}`);
      continue;
    }
    provides.push({ ref: apiRef(ref), service: decl.name, pos: pos(node.at) });
  }
  if (provides.length > 0) out.provides = provides;

  const extra: Entry[] = [];
  const annotations = field(metadata, "annotations");
  if (annotations && annotations.kind !== "map" && !(annotations.kind === "scalar" && annotations.value === null)) {
    problems.add(annotations.at, `expected "metadata.annotations" to be a mapping, got ${describeNode(annotations)}`);
  }
  if (annotations?.kind === "map") {
    const known = Object.values(ANNOTATIONS) as string[];
    for (const { key, value } of annotations.pairs) {
      const k = key.kind === "scalar" ? String(key.value) : "";
      if (!k.startsWith(ANNOTATION_PREFIX)) continue;
      if (!known.includes(k)) {
        problems.add(key.at, `unknown annotation "${k}"${didYouMean(k, known)}; catch22 reads ${known.join(", ")}`);
        continue;
      }
      if (value.kind !== "scalar" || (typeof value.value !== "string" && !(k === ANNOTATIONS.tier && typeof value.value === "number"))) {
        problems.add(
          value.at,
          `expected annotation "${k}" to be text${k === ANNOTATIONS.tier ? ' such as "1"' : ' such as "deploy-pipeline, config-store"'}, got ${describeNode(value)}`,
        );
        continue;
      }
      if (k === ANNOTATIONS.tier) {
        const t = String(value.value).trim();
        if (/^[0-3]$/.test(t)) decl.tier = Number(t);
        else problems.add(value.at, `expected annotation "${k}" to be an integer from 0 (most critical) to 3, got ${describeNode(value)}`);
        continue;
      }
      const kindOfList: DependencyKind = k === ANNOTATIONS.rollback ? "rollback" : "runtime";
      const entries = readAnnotationList(
        value as PNode & { kind: "scalar" },
        k,
        kindOfList,
        k === ANNOTATIONS.soft,
        namespace,
        src,
        problems,
      );
      if (k === ANNOTATIONS.rollback) decl.rollback = entries;
      else extra.push(...entries);
    }
  }
  decl.runtime = refine(base, extra);
  out.declarations.push(decl);
  return out;
}

/** A `spec.dependsOn` item: a hard runtime requirement on a component or a resource. */
function dependencyEntry(ref: EntityRef, at: SourcePos, problems: Problems): Entry | undefined {
  if (ref.kind !== undefined && !DEPENDENCY_KINDS.includes(ref.kind)) {
    const hint = ref.kind === "api" ? ` (an API belongs under "spec.consumesApis")` : didYouMean(ref.kind, DEPENDENCY_KINDS);
    problems.add(
      at,
      `"spec.dependsOn" names ${ref.kind === "api" ? "an API" : `a ${ref.kind}`}${hint}; catch22 reads dependencies on components and resources`,
    );
    return undefined;
  }
  return { kind: "runtime", names: [serviceName(ref)], anyOf: false, soft: false, namePos: [at] };
}

/** An entry reached through an API: named `api:name` until the resolve pass finds the services that provide it. */
function viaEntry(ref: EntityRef, kind: DependencyKind, at: SourcePos): Entry {
  const via = apiRef(ref);
  return { kind, names: [via], anyOf: false, soft: false, namePos: [at], via };
}

/**
 * Reads an annotation's list of requirements: `"a, b|c, api:payments"` — commas separate
 * requirements, `|` separates the alternatives of an `anyOf`, each item is an entity reference.
 * An empty text is an empty list (`catch22.dev/rollback: ""` means "needs nothing").
 */
function readAnnotationList(
  node: PNode & { kind: "scalar" },
  key: string,
  kind: DependencyKind,
  soft: boolean,
  namespace: string,
  src: AdapterSource,
  problems: Problems,
): Entry[] {
  const text = String(node.value);
  const at = positionsInScalar(node, src.line);
  const pos = (offset: number): SourcePos => ({ file: src.file, ...at(offset) });
  const out: Entry[] = [];
  if (text.trim() === "") return out;
  let start = 0;
  for (const item of text.split(",")) {
    const itemStart = start;
    start += item.length + 1;
    if (item.trim() === "") {
      problems.add(
        at(itemStart),
        `empty requirement in annotation "${key}": write names separated by commas, such as "deploy-pipeline, config-store"`,
      );
      continue;
    }
    // Each alternative of `a|b`, with the offset of its first character.
    const alternatives: { ref: EntityRef | string; written: string; offset: number }[] = [];
    let altStart = itemStart;
    for (const alt of item.split("|")) {
      const offset = altStart + (alt.length - alt.trimStart().length);
      altStart += alt.length + 1;
      const written = alt.trim();
      alternatives.push({ ref: written === "" ? "" : parseEntityRef(written, namespace), written, offset });
    }
    const single = alternatives.length === 1 ? alternatives[0] : undefined;
    if (single && typeof single.ref !== "string" && single.ref.kind === "api") {
      out.push({ ...viaEntry(single.ref, kind, pos(single.offset)), soft });
      continue;
    }
    const entry: Entry = { kind, names: [], anyOf: alternatives.length > 1, soft, namePos: [] };
    let ok = true;
    for (const { ref, written, offset } of alternatives) {
      let problem: string | undefined;
      if (written === "") problem = `empty alternative in annotation "${key}": write "a|b" for "a or b"`;
      else if (typeof ref === "string") problem = `${ref} (in annotation "${key}")`;
      else if (ref.kind === "api") problem = `an alternative of "a|b" is a component or a resource, not an API (in annotation "${key}")`;
      else if (ref.kind !== undefined && !DEPENDENCY_KINDS.includes(ref.kind)) {
        problem = `annotation "${key}" names a ${ref.kind}${didYouMean(ref.kind, [...DEPENDENCY_KINDS, "api"])}; catch22 reads components, resources and APIs`;
      }
      if (problem !== undefined || typeof ref === "string") {
        problems.add(at(offset), problem as string);
        ok = false;
        continue;
      }
      const name = checkName(serviceName(ref), at(offset), problems, "service name");
      if (name === undefined) ok = false;
      else if (!entry.names.includes(name)) {
        entry.names.push(name);
        entry.namePos.push(pos(offset));
      }
    }
    if (ok) out.push(entry);
  }
  return out;
}

/**
 * Maps an offset inside a scalar's value to a line and column of the file. Exact for a plain or
 * quoted scalar on one line without escapes (how annotations are written); otherwise every
 * offset maps to the scalar's own position.
 */
export function positionsInScalar(node: PNode & { kind: "scalar" }, lineText: (n: number) => string): (offset: number) => Point {
  const value = String(node.value);
  const line = lineText(node.at.line);
  const first = line[node.at.column - 1];
  const contentColumn = first === '"' || first === "'" ? node.at.column + 1 : node.at.column;
  const exact = line.startsWith(value, contentColumn - 1) && !value.includes("\n");
  return (offset) => (exact ? { line: node.at.line, column: contentColumn + offset } : node.at);
}
