// The web view's data: the estate and its findings as plain JSON, enough for the page to draw and to drill.
import { apiRef } from "../api/ref.js";
import { edgeApi, edgeNote, mergeEntries } from "../graph/edges.js";
import { copyFacts, DISPLAY_KEYS, type ServiceFacts } from "../model/facts.js";
import type { DependencyKind, Diagnostic, Entry, Estate, Finding, Service, SourcePos } from "../model/types.js";
import type { Observation } from "../observed/observe.js";
import { byCodeUnit, comparePos } from "../util/order.js";
import { VERSION } from "../version.js";
import { findingJson } from "./json.js";
import type { Summary } from "./summary.js";

/** One declared requirement entry, as written (soft and undeclared names included). */
export interface ViewEntry {
  kind: DependencyKind;
  names: string[];
  anyOf?: true;
  soft?: true;
  note?: string;
  /** An api entry (SPEC §8): `api@version`, or the api alone; `names` are its providers. */
  api?: string;
  /** Where each name is written, parallel to `names` (the browser's drill locates its witnesses with them). */
  namePos: SourcePos[];
}

/** A service as the page gets it: its facts (src/model/facts.ts; `serviceFactLines` shows them), its entries, where it is declared. */
export interface ViewService extends ServiceFacts {
  name: string;
  /** False when no declaration has a `rollback` key (recovery unknown). */
  rollbackDeclared: boolean;
  runtime: ViewEntry[];
  rollback: ViewEntry[];
  /** Where each declaration's name is written. */
  declared: SourcePos[];
}

/** One drawn edge: a (service, name) pair of one kind; `entry` points into the owner's list of that kind. */
export interface ViewEdge {
  from: string;
  to: string;
  kind: DependencyKind;
  soft: boolean;
  anyOf: boolean;
  note?: string;
  /** The api entries that resolve to this edge (SPEC §8), `api@version`, ", " between them. */
  api?: string;
  /** True when `to` is not declared (drawn as a missing service). */
  missing?: true;
  /** True for a hard runtime entry that observed traffic, which shows both ends, never shows (unobserved-dependency). */
  unobserved?: true;
}

/** An observed call between two declared services (after name mapping), declared or not. */
export interface ViewObservedEdge {
  from: string;
  to: string;
  calls: number | null;
  observedIn: string[];
  /** False when no entry of `from` names `to` (an undeclared-dependency): drawn in the observed style. */
  declared: boolean;
  /** True when `--observed-edges hard` made it a hard runtime requirement. */
  hard?: true;
}

/** A finding as the page gets it: the JSON report's fields (SPEC §6). */
export type ViewFinding = Finding;

export interface ViewModel {
  tool: { name: "catch22"; version: string };
  schemaVersion: 1;
  /** The analysed paths, as given. */
  inputs: string[];
  summary: Summary;
  services: ViewService[];
  edges: ViewEdge[];
  findings: ViewFinding[];
  /** Observed traffic between declared services, when observed files were read (SPEC §7). */
  observed?: ViewObservedEdge[];
}

/** What the server sends: a fresh analysis, or the input errors that stopped it. */
export type ViewPayload = { ok: true; model: ViewModel } | { ok: false; inputs: string[]; diagnostics: Diagnostic[] };

function viewEntry(e: Entry): ViewEntry {
  const v: ViewEntry = { kind: e.kind, names: e.names.slice(), namePos: e.namePos.slice() };
  if (e.anyOf) v.anyOf = true;
  if (e.soft) v.soft = true;
  if (e.note !== undefined) v.note = e.note;
  if (e.api !== undefined) v.api = apiRef(e.api.name, e.api.version);
  return v;
}

/** An entry with its anyOf names in plain string order (each with its position). */
function canonicalEntry(e: Entry): Entry {
  if (e.names.length < 2) return e;
  const order = e.names.map((_, i) => i).sort((a, b) => byCodeUnit(e.names[a] as string, e.names[b] as string));
  return { ...e, names: order.map((i) => e.names[i] as string), namePos: order.map((i) => e.namePos[i] as SourcePos) };
}

/** Two entries that say the same thing: the one written first goes first. */
function firstPos(a: Entry, b: Entry): number {
  const pa = a.namePos[0] ?? a.api?.pos;
  const pb = b.namePos[0] ?? b.api?.pos;
  return pa && pb ? comparePos(pa, pb) : 0;
}

/** What an entry says, as one comparable text: names, anyOf, soft, note. */
function entryKey(e: Entry): string {
  // JSON.stringify([names, anyOf, soft, note ?? null, api?]) written out, the same text: a hub's 100,000 entries
  // each made a list and stringified it; an api entry says its api too (an unprovided one names no service).
  const names = e.names.length === 1 ? `[${JSON.stringify(e.names[0])}]` : JSON.stringify(e.names);
  const note = e.note === undefined ? "null" : JSON.stringify(e.note);
  const api = e.api === undefined ? "" : `,${JSON.stringify(apiRef(e.api.name, e.api.version))}`;
  return `[${names},${e.anyOf === true},${e.soft === true},${note}${api}]`;
}

/**
 * A service's entries of one kind in an order of what they say, not of where they are written, so the
 * page's data (and so the HTML report) is the same bytes when entries or documents are reordered.
 */
function canonicalEntries(list: readonly Entry[]): Entry[] {
  return list
    .map(canonicalEntry)
    .map((e) => ({ e, key: entryKey(e) }))
    .sort((a, b) => byCodeUnit(a.key, b.key) || firstPos(a.e, b.e))
    .map((x) => x.e);
}

/**
 * One service's part of the view: the service and its drawn edges, `missing` not yet marked (that depends
 * on the rest of the estate). A function of the service's declarations alone, so `serve` knows it unchanged
 * while they are the same objects (src/server/view-index.ts).
 */
export interface ServicePart {
  service: ViewService;
  edges: ViewEdge[];
}

export function servicePart(s: Service): ServicePart {
  const edges: ViewEdge[] = [];
  // each kind's entries put in order once, for the service and for its edges
  const runtime = canonicalEntries(s.runtime);
  const rollback = canonicalEntries(s.rollback);
  const service: ViewService = {
    name: s.name,
    rollbackDeclared: s.rollbackDeclared,
    runtime: runtime.map(viewEntry),
    rollback: rollback.map(viewEntry),
    declared: s.declarations.map((d) => d.pos),
  };
  copyFacts(s, service, DISPLAY_KEYS);
  for (const [kind, list] of [
    ["runtime", runtime],
    ["rollback", rollback],
  ] as const) {
    const merged = [...mergeEntries(list)].sort((a, b) => byCodeUnit(a[0], b[0]));
    for (const [to, m] of merged) {
      const edge: ViewEdge = { from: s.name, to, kind, soft: m.soft, anyOf: m.anyOf };
      const note = edgeNote(m);
      if (note !== undefined) edge.note = note;
      const api = edgeApi(m);
      if (api !== undefined) edge.api = api;
      edges.push(edge);
    }
  }
  return { service, edges };
}

/** The view model of an analysed estate: services in name order, entries by what they say, edges merged per (from, to, kind) by graph/edges.ts, in (from, kind, to) order. */
export function buildViewModel(
  estate: Estate,
  findings: readonly Finding[],
  summary: Summary,
  inputs: readonly string[],
  observation?: Observation,
): ViewModel {
  const edges: ViewEdge[] = [];
  const services: ViewService[] = [];
  const mark = edgeMarks(estate, observation);
  for (const s of estate.services) {
    const p = servicePart(s);
    services.push(p.service);
    for (const e of p.edges) edges.push(mark(e));
  }
  return assembleModel(inputs, summary, services, edges, viewFindings(findings), observation);
}

/** The findings as the page gets them (the JSON report's fields). */
/** `memo`: each finding's view kept (`serve`): a finding is never changed once the rules are done. */
export function viewFindings(findings: readonly Finding[], memo?: WeakMap<Finding, ViewFinding>): ViewFinding[] {
  return findings.map((f) => {
    let v = memo?.get(f);
    if (!v) {
      v = findingJson(f) as unknown as ViewFinding;
      memo?.set(f, v);
    }
    return v;
  });
}

/** The view model from its parts, fields in their order (`serve` assembles one from a diff's parts too). */
export function assembleModel(
  inputs: readonly string[],
  summary: Summary,
  services: ViewService[],
  edges: ViewEdge[],
  findings: ViewFinding[],
  observation?: Observation,
): ViewModel {
  const model: ViewModel = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    inputs: inputs.slice(),
    summary,
    services,
    edges,
    findings,
  };
  if (observation) model.observed = observedEdges(observation);
  return model;
}

/**
 * An edge with the marks that depend on the whole estate: `missing` (its target undeclared), `unobserved`
 * (a declared runtime edge that traffic never shows). Parts are shared between analyses (serve): a
 * marked edge is a copy, the part's edge is never changed.
 */
export function edgeMarks(estate: Estate, observation?: Observation): (e: ViewEdge) => ViewEdge {
  const pair = (a: string, b: string) => `${a}\u0000${b}`;
  const unobserved = new Set(observation?.drift.unobservedDependencies.map((d) => pair(d.service, d.dependency)) ?? []);
  return (e) => {
    const missing = !estate.ids.has(e.to);
    const unseen = unobserved.size > 0 && e.kind === "runtime" && unobserved.has(pair(e.from, e.to));
    if (!missing && !unseen) return e;
    const marked: ViewEdge = { ...e };
    if (missing) marked.missing = true;
    if (unseen) marked.unobserved = true;
    return marked;
  };
}

/** The observed edges of the view (SPEC §7): each observed call between declared services, declared or not. */
export function observedEdges({ traffic, drift, hard }: Observation): ViewObservedEdge[] {
  const pair = (a: string, b: string) => `${a}\u0000${b}`;
  const undeclared = new Set(drift.undeclaredDependencies.map((d) => pair(d.service, d.dependency)));
  return traffic.edges.map((e) => {
    const v: ViewObservedEdge = {
      from: e.from,
      to: e.to,
      calls: e.calls,
      observedIn: e.observedIn.slice(),
      declared: !undeclared.has(pair(e.from, e.to)),
    };
    if (hard && !v.declared) v.hard = true;
    return v;
  });
}

/**
 * JSON safe to place inside an HTML `<script>` element: `<`, `>`, `&` and the line separators are escaped,
 * so no `</script>` or `<!--` in any description or note can end the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
