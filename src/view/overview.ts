// The web view's overview of a large estate: systems with their members, edges aggregated between systems by
// kind, every finding; and one system's own slice (its services and every edge with an end in it), sent when
// the page expands it. Built from the view model, so the page draws the same thing either way.
import type { DependencyKind } from "../model/types.js";
import type { Summary } from "../report/summary.js";
import type { ViewEdge, ViewFinding, ViewModel, ViewObservedEdge, ViewService } from "../report/view-model.js";

/** The group of services with no `system`, and of names no manifest declares (as the page names them). */
export const NO_SYSTEM = "(no system)";
export const UNDECLARED = "(undeclared)";
/** How the owner filter names services with no `owner`. */
export const NO_OWNER = "(no owner)";

export interface OverviewSystem {
  name: string;
  /** Its services' names, in name order (the page maps a finding's names to systems with them, and searches them). */
  services: string[];
  /** Each service's owner, parallel to `services`: an index into the overview's `owners` (the owner filter counts a collapsed system's matches). */
  owners: number[];
  /** Each service's zone, parallel to `services`: an index into the overview's `zones`, -1 for none; absent when no service has a zone. */
  zones?: number[];
}

/** Declared edges from services of one system to services of another (or the same: inside it), of one kind. */
export interface OverviewEdge {
  from: string;
  /** A system, or UNDECLARED for names no manifest declares. */
  to: string;
  kind: DependencyKind;
  soft: boolean;
  /** Some of them are anyOf alternatives. */
  anyOf: boolean;
  count: number;
}

/** Observed-only calls (no entry declares them) between two systems. */
export interface OverviewObserved {
  from: string;
  to: string;
  count: number;
}

export interface ViewOverview {
  tool: ViewModel["tool"];
  schemaVersion: 1;
  inputs: string[];
  summary: Summary;
  /** In name order. */
  systems: OverviewSystem[];
  owners: string[];
  /** The `zone` values, in plain string order; absent when no service has a zone. */
  zones?: string[];
  /** In (from, to, kind, soft) order. */
  edges: OverviewEdge[];
  /** How many declared edges the estate has (ViewModel.edges.length). */
  edgeCount: number;
  findings: ViewFinding[];
  /** Present when observed files were read (SPEC §7). */
  observed?: OverviewObserved[];
}

/** One system as the page gets it when expanded: its services, and every edge from or to one of them. */
export interface SystemSlice {
  system: string;
  services: ViewService[];
  /** Edges from its services (in the model's order), then edges into them from other systems. */
  edges: ViewEdge[];
  observed?: ViewObservedEdge[];
}

/** The overview the page opens on (instead of the whole model) and a system's slice when it is expanded. */
export type OverviewPayload = { ok: true; overview: ViewOverview };

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const systemOfService = (s: Pick<ViewService, "system">): string => s.system ?? NO_SYSTEM;

export interface OverviewIndex {
  overview: ViewOverview;
  /** The slice of a system, by name; undefined when no service is in it. */
  slice(system: string): SystemSlice | undefined;
  /** Each declared service's system. */
  systemOf: ReadonlyMap<string, string>;
}

/** The overview and the slices of a model: one pass over services and edges (slices are made on demand). */
export function buildOverview(model: ViewModel): OverviewIndex {
  const systemOf = new Map<string, string>();
  const members = new Map<string, ViewService[]>();
  const owners = new Set<string>();
  const zones = new Set<string>();
  for (const s of model.services) {
    const sys = systemOfService(s);
    systemOf.set(s.name, sys);
    owners.add(s.owner ?? NO_OWNER);
    if (s.zone !== undefined) zones.add(s.zone);
    const list = members.get(sys);
    if (list) list.push(s);
    else members.set(sys, [s]);
  }
  const agg = new Map<string, OverviewEdge>();
  const outgoing = new Map<string, ViewEdge[]>();
  const incoming = new Map<string, ViewEdge[]>();
  /** Adds e to k's list in m, and returns that list. */
  const push = (m: Map<string, ViewEdge[]>, k: string, e: ViewEdge): ViewEdge[] => {
    let list = m.get(k);
    if (!list) {
      list = [];
      m.set(k, list);
    }
    list.push(e);
    return list;
  };
  // Edges come grouped by their `from` service: the last aggregate and the last outgoing list are kept at hand, so
  // a run of edges between the same two systems makes no key and no lookup (a hub's 100,000 edges are one run).
  let last: OverviewEdge | undefined;
  let lastOut: ViewEdge[] | undefined;
  let lastOutFrom: string | undefined;
  for (const e of model.edges) {
    const from = systemOf.get(e.from) as string;
    const to = e.missing ? UNDECLARED : (systemOf.get(e.to) as string);
    if (from !== lastOutFrom) {
      lastOut = push(outgoing, from, e);
      lastOutFrom = from;
    } else (lastOut as ViewEdge[]).push(e);
    if (!e.missing && to !== from) push(incoming, to, e);
    let a = last && last.from === from && last.to === to && last.kind === e.kind && last.soft === e.soft ? last : undefined;
    if (!a) {
      const key = `${from}\u0000${to}\u0000${e.kind}\u0000${e.soft ? 1 : 0}`;
      a = agg.get(key);
      if (!a) {
        a = { from, to, kind: e.kind, soft: e.soft, anyOf: false, count: 0 };
        agg.set(key, a);
      }
      last = a;
    }
    a.count++;
    a.anyOf = a.anyOf || e.anyOf;
  }
  const edges = [...agg.values()].sort(
    (a, b) => byCode(a.from, b.from) || byCode(a.to, b.to) || byCode(a.kind, b.kind) || Number(a.soft) - Number(b.soft),
  );
  const ownerList = [...owners].sort(byCode);
  const ownerIndex = new Map(ownerList.map((o, i) => [o, i]));
  const zoneList = [...zones].sort(byCode);
  const zoneIndex = new Map(zoneList.map((z, i) => [z, i]));
  const system = (name: string): OverviewSystem => {
    const list = [...(members.get(name) ?? [])].sort((a, b) => byCode(a.name, b.name));
    const sys: OverviewSystem = {
      name,
      services: list.map((s) => s.name),
      owners: list.map((s) => ownerIndex.get(s.owner ?? NO_OWNER) as number),
    };
    if (zoneIndex.size > 0) sys.zones = list.map((s) => (s.zone === undefined ? -1 : (zoneIndex.get(s.zone) as number)));
    return sys;
  };
  const overview: ViewOverview = {
    tool: model.tool,
    schemaVersion: 1,
    inputs: model.inputs,
    summary: model.summary,
    systems: [...members.keys()].sort(byCode).map(system),
    owners: ownerList,
    ...(zoneList.length > 0 ? { zones: zoneList } : {}),
    edges,
    edgeCount: model.edges.length,
    findings: model.findings,
  };
  const observedOf = new Map<string, ViewObservedEdge[]>();
  if (model.observed) {
    const pairs = new Map<string, OverviewObserved>();
    for (const o of model.observed) {
      const from = systemOf.get(o.from) as string;
      const to = systemOf.get(o.to) as string;
      const list = observedOf.get(from);
      if (list) list.push(o);
      else observedOf.set(from, [o]);
      if (to !== from) {
        const l2 = observedOf.get(to);
        if (l2) l2.push(o);
        else observedOf.set(to, [o]);
      }
      if (o.declared) continue;
      const key = `${from}\u0000${to}`;
      const p = pairs.get(key);
      if (p) p.count++;
      else pairs.set(key, { from, to, count: 1 });
    }
    overview.observed = [...pairs.values()].sort((a, b) => byCode(a.from, b.from) || byCode(a.to, b.to));
  }
  const slice = (system: string): SystemSlice | undefined => {
    const services = members.get(system);
    if (!services) return undefined;
    const s: SystemSlice = { system, services, edges: [...(outgoing.get(system) ?? []), ...(incoming.get(system) ?? [])] };
    if (model.observed) s.observed = observedOf.get(system) ?? [];
    return s;
  };
  return { overview, slice, systemOf };
}
