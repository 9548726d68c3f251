// Backstage catalog entities → services: Component and Resource entities are services, API entities the interfaces they reach each other through.
import { FACT_KEYS, type FactKey, SERVICE_FACTS, setFact } from "../../model/facts.js";
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { append } from "../../util/append.js";
import { didYouMean } from "../../util/did-you-mean.js";
import { readFact } from "../fields.js";
import { refine } from "../refine.js";
import type { PNode, Point } from "../yaml.js";
import { describeNode, field, type Problems, readName } from "../yaml-node.js";
import { readAnnotationList, readFactAnnotation } from "./backstage-annotations.js";
import { definitionVersion, repositoryRoot } from "./backstage-definition.js";
import { apiRef, DEPENDENCY_KINDS, type EntityRef, parseEntityRef, REF_PART, serviceName, viaEntry } from "./backstage-refs.js";
import type { AdapterOutput, AdapterSource, Dependent, InputFormat, Interface, Provision } from "./contract.js";

const API_VERSION = /^backstage\.io\/v1(alpha1|beta1)$/;
/** Kinds read: services, and the interfaces services provide and consume. */
const READ_KINDS = ["Component", "Resource", "API"] as const;
/** Backstage's other kinds (and any plugin's: AiResource, Environment…), passed over; a near miss of a read kind gets a hint in --verbose. */
const OTHER_KINDS = ["AiResource", "Domain", "Environment", "Group", "Location", "System", "Template", "User"];

/** The annotations catch22 reads; any other `catch22.dev/` annotation is an error (a typo, most likely). */
export const ANNOTATIONS = {
  rollback: "catch22.dev/rollback",
  runtime: "catch22.dev/runtime",
  soft: "catch22.dev/soft",
  tier: "catch22.dev/tier",
} as const;
const ANNOTATION_PREFIX = "catch22.dev/";
/**
 * The service facts carried as `catch22.dev/<key>` annotations (the `backstage` column of
 * src/model/facts.ts), each holding the fact's value as YAML text (`"{rollback: 20m, start: 2m}"`);
 * a list of names may also be written `"a, b"`. `tier` keeps its own reader (a number or its text).
 */
const FACT_ANNOTATIONS = new Map<string, FactKey>(
  FACT_KEYS.filter((k) => SERVICE_FACTS[k].backstage === "annotation" && k !== "tier").map((k) => [`${ANNOTATION_PREFIX}${k}`, k]),
);
/** Kubernetes' well-known labels, read as zone and region when no annotation sets them. */
const TOPOLOGY_LABELS = [
  ["zone", "topology.kubernetes.io/zone"],
  ["region", "topology.kubernetes.io/region"],
] as const;

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
    // Every other kind is passed over (Backstage plugins add kinds: AiResource, Environment…); --verbose lists it.
    return readKind(kind) !== undefined;
  },
  read: readEntity,
  passOver(doc) {
    const v = field(doc, "apiVersion");
    const kind = kindOf(doc);
    if (v?.kind !== "scalar" || typeof v.value !== "string" || !API_VERSION.test(v.value)) return undefined;
    const hint = kind !== undefined && !OTHER_KINDS.includes(kind) ? didYouMean(kind, READ_KINDS) : "";
    return `a Backstage ${kind ?? "document without a kind"}${kind ? " entity" : ""}${hint}: catch22 reads Component, Resource and API entities`;
  },
};

/** A reference shortened as Backstage shows it: without its default kind and without the "default" namespace. */
function compactRef(ref: EntityRef, defaultKind: string): string {
  return `${ref.kind && ref.kind !== defaultKind ? `${ref.kind}:` : ""}${serviceName(ref)}`;
}

function readEntity(doc: PNode, src: AdapterSource, problems: Problems): AdapterOutput {
  const out: AdapterOutput = { declarations: [] };
  const pos = (at: Point): SourcePos => ({ file: src.file, line: at.line, column: at.column });
  const kindNode = field(doc, "kind") as PNode;
  const kind = readKind(kindOf(doc) as string);
  // `claims` takes only the kinds read; this stays for a caller that reads without asking.
  if (kind === undefined) {
    problems.add(kindNode.at, `Backstage kind "${kindOf(doc)}" is not one catch22 reads (Component, Resource, API)`);
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
    const version = definitionVersion(field(doc, "spec"), src.dir, repositoryRoot(src.dir));
    out.interfaces = [{ ref: apiRef(self), pos: pos(nameNode.at), ...(version !== undefined ? { version } : {}) } satisfies Interface];
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
  // `A dependencyOf B`: B depends on A at runtime; the requirement is B's, positioned here.
  const dependents: Dependent[] = [];
  for (const { ref, node } of refList("dependencyOf")) {
    if (ref.kind !== undefined && !DEPENDENCY_KINDS.includes(ref.kind)) {
      problems.add(
        node.at,
        `"spec.dependencyOf" names ${ref.kind === "api" ? "an API" : `a ${ref.kind}`}; catch22 reads it for components and resources`,
      );
      continue;
    }
    const at = pos(node.at);
    dependents.push({
      dependent: serviceName(ref),
      entry: { kind: "runtime", names: [decl.name], anyOf: false, soft: false, namePos: [at] },
      written: String((node as PNode & { kind: "scalar" }).value),
    });
  }
  if (dependents.length > 0) out.dependents = dependents;
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
    const known = [...Object.values(ANNOTATIONS), ...FACT_ANNOTATIONS.keys()] as string[];
    for (const { key, value } of annotations.pairs) {
      const k = key.kind === "scalar" ? String(key.value) : "";
      if (!k.startsWith(ANNOTATION_PREFIX)) continue;
      if (!known.includes(k)) {
        problems.add(key.at, `unknown annotation "${k}"${didYouMean(k, known)}; catch22 reads ${known.join(", ")}`);
        continue;
      }
      const fact = FACT_ANNOTATIONS.get(k);
      if (fact !== undefined) {
        const got = readFactAnnotation(fact, k, value, src, problems);
        if (got !== undefined) setFact(decl, fact, got);
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
      else append(extra, entries);
    }
  }
  const labels = field(metadata, "labels");
  for (const [key, label] of TOPOLOGY_LABELS) {
    const v = labels?.kind === "map" ? field(labels, label) : undefined;
    if (v === undefined || decl[key] !== undefined) continue;
    const got = readFact(key, v, problems, `label ${label}`);
    if (got !== undefined) decl[key] = got;
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
