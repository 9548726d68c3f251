// Adapter services → catch22 manifests to write (`catch22 init`): one file per service, runtime filled in, rollback asked of the owner.
import { Document, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { formatById } from "../load/formats/index.js";
import { FACT_KEYS, type FactType, formatDuration, type Provided, type Recovery, SERVICE_FACTS } from "../model/facts.js";
import type { Declaration, Entry, Service } from "../model/types.js";
import { formatPos, printable } from "../util/text.js";

export type InitMode = "replace" | "extends";

export interface PlannedFile {
  /** Relative to the output directory, with forward slashes. */
  path: string;
  service: string;
  text: string;
  /** Other declarations of the same name written next to the first: check reports them as duplicate-service. */
  duplicates: number;
}

/**
 * `billing/payments` → `billing/payments.yaml`; `:` (not allowed in Windows file names) becomes `_`.
 * Every part stays a plain name inside the output directory: empty parts become `_` and parts
 * starting with a dot get a `_` in front, so `a/../../x` can never write outside it.
 */
export function manifestPath(name: string): string {
  const parts = name
    .replaceAll(":", "_")
    .split("/")
    .map((p) => (p === "" ? "_" : p.startsWith(".") ? `_${p}` : p));
  return `${parts.join("/")}.yaml`;
}

/**
 * Comment text: one line, control characters (and so every line break) shown escaped, because the
 * YAML library starts a new `#` line only at `\n`, and a raw `\r` would end the comment.
 */
const commentText = printable;

function flowSeq(doc: Document, items: readonly unknown[]): YAMLSeq {
  const seq = doc.createNode(items) as YAMLSeq;
  seq.flow = true;
  return seq;
}

/** A fact's value as a YAML node (flow lists and mappings, a block list for `provides`). */
function factNode(doc: Document, type: FactType, value: unknown): unknown {
  switch (type) {
    case "text":
    case "label":
    case "name":
    case "tier":
      return doc.createNode(value);
    case "names":
      return flowSeq(doc, value as string[]);
    case "duration":
      return doc.createNode(formatDuration(value as number));
    case "recovery": {
      const r = value as Recovery;
      const map = new YAMLMap();
      for (const p of ["rollback", "start"] as const) if (r[p] !== undefined) map.set(p, formatDuration(r[p]));
      map.flow = true;
      return map;
    }
    case "provides": {
      const seq = new YAMLSeq();
      for (const p of value as Provided[]) {
        const item = new YAMLMap();
        item.set("api", p.api);
        if (p.versions) {
          // Versions stay strings ("1.10" must not read back as the number 1.1).
          const vs = new YAMLSeq();
          vs.flow = true;
          for (const v of p.versions) {
            const s = new Scalar(v);
            s.type = Scalar.QUOTE_DOUBLE;
            vs.add(s);
          }
          item.set("versions", vs);
        }
        seq.add(item);
      }
      return seq;
    }
  }
}

function entryNode(doc: Document, e: Entry): unknown {
  let node: Scalar | YAMLMap;
  const extra = (map: YAMLMap) => {
    if (e.soft) map.set("soft", true);
    if (e.note !== undefined) map.set("note", e.note);
  };
  if (e.api) {
    node = new YAMLMap();
    node.set("api", e.api.name);
    if (e.api.version !== undefined) {
      const v = new Scalar(e.api.version);
      v.type = Scalar.QUOTE_DOUBLE;
      node.set("version", v);
    }
    extra(node);
    return node;
  }
  if (e.anyOf) {
    node = new YAMLMap();
    node.set("anyOf", flowSeq(doc, e.names));
    extra(node);
  } else if (!e.soft && e.note === undefined) {
    node = new Scalar(e.names[0] as string);
  } else {
    node = new YAMLMap();
    node.set("service", e.names[0] as string);
    extra(node);
  }
  if (e.via !== undefined) node.comment = ` through ${commentText(e.via)}`;
  return node;
}

function entriesNode(doc: Document, entries: readonly Entry[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const e of entries) seq.add(entryNode(doc, e));
  if (entries.length === 0) seq.flow = true;
  return seq;
}

/** The rollback question for the owner, as comment lines under the document. */
function rollbackQuestion(svc: Service): string {
  return [
    ` TODO(${commentText(svc.owner ?? "owner")}): what must be up to roll back, redeploy or reconfigure ${commentText(svc.name)}?`,
    ` List it and uncomment the lines below; "rollback: []" means it needs nothing.`,
    " rollback:",
    "   - <service>",
  ].join("\n");
}

function render(doc: Document): string {
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function header(what: string, d: Declaration, more: string): string {
  return ` Written by \`catch22 init\` from the ${what} at ${commentText(formatPos(d.pos))}.\n ${more}`;
}

/** A full manifest of one declaration (its own facts and lists); `ask` adds the rollback question when none is declared. */
function fullDocument(svc: Service, d: Declaration, ask: boolean, first: boolean): string {
  const what = formatById(d.origin).what;
  const doc = new Document(new YAMLMap());
  const map = doc.contents as YAMLMap;
  map.commentBefore = header(
    what,
    d,
    first
      ? `It replaces that ${what} for catch22: check this directory on its own.`
      : `It declares ${commentText(svc.name)} again: catch22 reports this as duplicate-service until one of the two goes.`,
  );
  map.set("apiVersion", "catch22/v1");
  map.set("kind", "Service");
  map.set("name", d.name);
  for (const key of FACT_KEYS) {
    const v = d[key];
    if (v !== undefined) map.set(key, factNode(doc, SERVICE_FACTS[key].type, v));
  }
  map.set("runtime", entriesNode(doc, d.runtime));
  if (d.rollback !== undefined) map.set("rollback", entriesNode(doc, d.rollback));
  else if (ask) map.comment = rollbackQuestion(svc);
  return render(doc);
}

/**
 * One manifest per service that an adapter declares. "replace" writes full manifests (check the
 * directory on its own); "extends" writes `extends:` documents that hold only what the adapter
 * input lacks (the rollback question), to be checked together with the adapter input.
 * A name an adapter declares twice keeps both declarations, as two documents of its file, so
 * `check` of the output reports duplicate-service as `check` of the input does.
 */
export function planManifests(services: readonly Service[], mode: InitMode): PlannedFile[] {
  const out: PlannedFile[] = [];
  for (const svc of services) {
    const from = svc.declarations.filter((d) => d.origin !== "catch22");
    const first = from[0];
    if (!first) continue;
    const what = formatById(first.origin).what;
    let text: string;
    if (mode === "extends") {
      if (svc.rollbackDeclared) continue;
      const doc = new Document(new YAMLMap());
      const map = doc.contents as YAMLMap;
      map.commentBefore = header(what, first, `It adds to that ${what}; check both together.`);
      map.set("apiVersion", "catch22/v1");
      map.set("kind", "Service");
      map.set("name", svc.name);
      map.set("extends", first.origin);
      map.comment = rollbackQuestion(svc);
      text = render(doc);
    } else {
      // The question is asked once, under the first declaration, and only when no declaration answers it.
      text = from.map((d, i) => fullDocument(svc, d, i === 0 && !svc.rollbackDeclared, i === 0)).join("---\n");
    }
    out.push({ path: manifestPath(svc.name), service: svc.name, text, duplicates: mode === "extends" ? 0 : from.length - 1 });
  }
  return out;
}
