// What the page derives from the view model: service states from the findings, and the visible graph
// (filters applied, systems collapsed into group nodes in the overview) with an account of everything hidden.
import type { DependencyKind } from "../src/model/types.js";
import type { ViewEdge, ViewModel, ViewService } from "../src/report/view-model.js";
import { ruleMeta } from "../src/rules/table.js";
import { NO_OWNER, NO_SYSTEM, UNDECLARED } from "../src/view/overview.js";

export type ServiceState = "clean" | "core" | "catch22" | "impacted" | "shared" | "missing";
/** Worst first: a group node shows the worst state among its members. */
export const STATE_RANK: Record<ServiceState, number> = { catch22: 5, core: 4, impacted: 3, shared: 2, missing: 1, clean: 0 };

export { NO_SYSTEM, UNDECLARED } from "../src/view/overview.js";

export interface Estate2 {
  model: ViewModel;
  byName: Map<string, ViewService>;
  state: Map<string, ServiceState>;
  /** Services with error or warning findings, and every finding index per service. */
  findingsOf: Map<string, number[]>;
  serious: Set<string>;
  dependents: Map<string, ViewEdge[]>;
  outgoing: Map<string, ViewEdge[]>;
  systems: string[];
  owners: string[];
  missingNames: string[];
  /** Services with a finding of an observed-traffic rule, or at an end of an observed-only edge (the "drift" filter). */
  drift: Set<string>;
  /** Each `zone` value and its services in name order, in value order (a large estate: of every service, loaded or not). */
  zones: Map<string, string[]>;
}

/** Each zone value and its services' names, both in plain string order. */
export function zonesOf(services: Iterable<{ name: string; zone?: string }>): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const s of services) {
    if (s.zone === undefined) continue;
    const list = zones.get(s.zone);
    if (list) list.push(s.name);
    else zones.set(s.zone, [s.name]);
  }
  const sorted = new Map<string, string[]>();
  for (const z of [...zones.keys()].sort(byCode)) sorted.set(z, (zones.get(z) as string[]).sort(byCode));
  return sorted;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function derive(model: ViewModel): Estate2 {
  const byName = new Map(model.services.map((s) => [s.name, s]));
  const state = new Map<string, ServiceState>();
  const raise = (name: string, s: ServiceState) => {
    const prev = state.get(name) ?? "clean";
    if (STATE_RANK[s] > STATE_RANK[prev]) state.set(name, s);
  };
  const findingsOf = new Map<string, number[]>();
  const serious = new Set<string>();
  const drift = new Set<string>();
  for (const e of model.observed ?? []) {
    if (e.declared) continue;
    drift.add(e.from);
    drift.add(e.to);
  }
  model.findings.forEach((f, i) => {
    if (ruleMeta(f.rule).observed) for (const n of f.services) drift.add(n);
    for (const n of f.services) {
      const list = findingsOf.get(n);
      if (list) list.push(i);
      else findingsOf.set(n, [i]);
      if (f.severity !== "info") serious.add(n);
    }
    const marks = ruleMeta(f.rule).marks;
    if (marks?.services) for (const n of f.services) raise(n, marks.services);
    if (marks?.impacted) for (const n of f.impacted) raise(n, marks.impacted);
  });
  const dependents = new Map<string, ViewEdge[]>();
  const outgoing = new Map<string, ViewEdge[]>();
  const missing = new Set<string>();
  for (const e of model.edges) {
    const d = dependents.get(e.to);
    if (d) d.push(e);
    else dependents.set(e.to, [e]);
    const o = outgoing.get(e.from);
    if (o) o.push(e);
    else outgoing.set(e.from, [e]);
    if (e.missing) missing.add(e.to);
  }
  for (const m of missing) state.set(m, "missing");
  const systems = [...new Set(model.services.map((s) => s.system ?? NO_SYSTEM))].sort(byCode);
  const owners = [...new Set(model.services.map((s) => s.owner ?? NO_OWNER))].sort(byCode);
  return {
    model,
    byName,
    state,
    findingsOf,
    serious,
    dependents,
    outgoing,
    systems,
    owners,
    missingNames: [...missing].sort(byCode),
    drift,
    zones: zonesOf(model.services),
  };
}

/** "observed": an edge only observed traffic shows (SPEC §7), drawn in its own style. */
export type EdgeClass = "runtime" | "rollback" | "soft" | "observed";
export const edgeClass = (e: { kind: DependencyKind; soft: boolean }): EdgeClass => (e.soft ? "soft" : e.kind);

export interface Filters {
  systems: Set<string>;
  owners: Set<string>;
  kinds: Set<EdgeClass>;
  /** "all", or only services with error/warning findings ("serious"), with any finding ("any"), or where traffic and manifests disagree ("drift"). */
  findings: "all" | "serious" | "any" | "drift";
}

export interface VNode {
  id: string;
  label: string;
  kind: "service" | "group" | "missing";
  state: ServiceState;
  /** For a group node: its system and how many services it holds. */
  system?: string;
  count?: number;
  x: number;
  y: number;
  r: number;
}

export interface VEdge {
  key: string;
  source: VNode;
  target: VNode;
  kind: DependencyKind;
  soft: boolean;
  anyOf: boolean;
  /** How many declared edges this drawn edge stands for (more than one between group nodes). */
  count: number;
  note?: string;
  /** An edge only observed traffic shows (no entry declares it), with its calls (null: no counts) and files. */
  observed?: true;
  calls?: number | null;
  observedIn?: string[];
  /** A declared hard runtime edge that observed traffic never shows (unobserved-dependency). */
  unobserved?: true;
  /** The api entries the edge resolves (SPEC §8), `api@version`, shown on hover. */
  api?: string;
}

export interface Visible {
  nodes: VNode[];
  edges: VEdge[];
  byId: Map<string, VNode>;
  /** Which visible node shows each service (itself, or its system's group). */
  nodeOf: Map<string, string>;
  hidden: {
    services: number;
    edgesByFilter: number;
    edgesByKind: Record<EdgeClass, number>;
    collapsedSystems: number;
    collapsedServices: number;
    /** Declared edges drawn inside or between group nodes. */
    groupedEdges: number;
    internalEdges: number;
  };
  totalEdges: number;
}

export interface ViewOptions {
  filters: Filters;
  /** null: every system expanded; otherwise only these systems are (the overview). */
  expanded: Set<string> | null;
}

export function groupId(system: string): string {
  return `group:${system}`;
}

/** The owner and findings filters (the system filter is applied per group by each graph builder). */
export function ownerAndFindingFilter(d: Estate2, filters: Filters): (s: ViewService) => boolean {
  const passes = nameAndOwnerFilter(d, filters);
  return (s) => passes(s.name, s.owner ?? NO_OWNER);
}

/** The same filter on a service's name and owner (NO_OWNER for none): what a large estate's overview knows of a collapsed system's services. */
export function nameAndOwnerFilter(d: Estate2, filters: Filters): (name: string, owner: string) => boolean {
  return (name, owner) => {
    if (filters.owners.size > 0 && !filters.owners.has(owner)) return false;
    if (filters.findings === "serious" && !d.serious.has(name)) return false;
    if (filters.findings === "any" && !d.findingsOf.has(name)) return false;
    if (filters.findings === "drift" && !d.drift.has(name)) return false;
    return true;
  };
}

/** Whether the owner or findings filter is set (the overview then counts a collapsed system's matching services). */
export const filtersServices = (filters: Filters): boolean => filters.owners.size > 0 || filters.findings !== "all";

/** Where a node starts: where it was in the previous layout, or near the node it came from; else unplaced (NaN). */
export function placer(previous?: Map<string, VNode>): (id: string, near?: string) => { x: number; y: number } {
  return (id, near) => {
    const p = previous?.get(id) ?? (near ? previous?.get(near) : undefined);
    if (p) return { x: p.x + (p.id === id ? 0 : (Math.random() - 0.5) * 40), y: p.y + (p.id === id ? 0 : (Math.random() - 0.5) * 40) };
    return { x: Number.NaN, y: Number.NaN };
  };
}

/** The graph to draw: never drops an edge without counting it in `hidden`. */
export function visibleGraph(d: Estate2, opts: ViewOptions, previous?: Map<string, VNode>): Visible {
  const { filters, expanded } = opts;
  const passes = ownerAndFindingFilter(d, filters);
  const shown = (s: ViewService) => (filters.systems.size === 0 || filters.systems.has(s.system ?? NO_SYSTEM)) && passes(s);
  const nodes: VNode[] = [];
  const byId = new Map<string, VNode>();
  const nodeOf = new Map<string, string>();
  const place = placer(previous);
  let hiddenServices = 0;
  let collapsedServices = 0;
  const groups = new Map<string, VNode>();
  for (const s of d.model.services) {
    if (!shown(s)) {
      hiddenServices++;
      continue;
    }
    const system = s.system ?? NO_SYSTEM;
    const st = d.state.get(s.name) ?? "clean";
    if (expanded && !expanded.has(system)) {
      collapsedServices++;
      const gid = groupId(system);
      let g = groups.get(gid);
      if (!g) {
        g = { id: gid, label: system, kind: "group", state: "clean", system, count: 0, r: 14, ...place(gid) };
        groups.set(gid, g);
        nodes.push(g);
        byId.set(gid, g);
      }
      g.count = (g.count ?? 0) + 1;
      if (STATE_RANK[st] > STATE_RANK[g.state]) g.state = st;
      nodeOf.set(s.name, gid);
      continue;
    }
    const n: VNode = { id: s.name, label: s.name, kind: "service", state: st, r: 8, ...place(s.name, groupId(system)) };
    nodes.push(n);
    byId.set(n.id, n);
    nodeOf.set(s.name, n.id);
  }
  for (const g of groups.values()) g.r = 12 + Math.sqrt(g.count ?? 1) * 2.2;
  const edgesByKind: Record<EdgeClass, number> = { runtime: 0, rollback: 0, soft: 0, observed: 0 };
  let edgesByFilter = 0;
  let groupedEdges = 0;
  let internalEdges = 0;
  const edges: VEdge[] = [];
  const agg = new Map<string, VEdge>();
  for (const e of d.model.edges) {
    const cls = edgeClass(e);
    const fromId = nodeOf.get(e.from);
    let toId = e.missing ? undefined : nodeOf.get(e.to);
    if (fromId === undefined || (!e.missing && toId === undefined)) {
      edgesByFilter++;
      continue;
    }
    if (!filters.kinds.has(cls)) {
      edgesByKind[cls]++;
      continue;
    }
    if (e.missing) {
      // An undeclared name is drawn as its own ghost node (or inside "(undeclared)" when its dependent is collapsed).
      const collapsed = fromId.startsWith("group:");
      toId = collapsed ? groupId(UNDECLARED) : `missing:${e.to}`;
      if (!byId.has(toId)) {
        const n: VNode = collapsed
          ? { id: toId, label: UNDECLARED, kind: "group", state: "missing", system: UNDECLARED, count: 0, r: 14, ...place(toId) }
          : { id: toId, label: e.to, kind: "missing", state: "missing", r: 7, ...place(toId) };
        nodes.push(n);
        byId.set(toId, n);
      }
    }
    const source = byId.get(fromId) as VNode;
    const target = byId.get(toId as string) as VNode;
    const grouped = source.kind === "group" || target.kind === "group";
    if (grouped) groupedEdges++;
    if (grouped && source === target) {
      internalEdges++;
      continue;
    }
    if (!grouped) {
      const edge: VEdge = {
        key: `${e.from}\u0000${e.to}\u0000${e.kind}`,
        source,
        target,
        kind: e.kind,
        soft: e.soft,
        anyOf: e.anyOf,
        count: 1,
      };
      if (e.note !== undefined) edge.note = e.note;
      if (e.unobserved) edge.unobserved = true;
      if (e.api !== undefined) edge.api = e.api;
      edges.push(edge);
      continue;
    }
    const key = `${source.id}\u0000${target.id}\u0000${e.kind}\u0000${e.soft ? 1 : 0}`;
    const prev = agg.get(key);
    if (prev) {
      prev.count++;
      prev.anyOf = prev.anyOf || e.anyOf;
    } else {
      const edge: VEdge = { key, source, target, kind: e.kind, soft: e.soft, anyOf: e.anyOf, count: 1 };
      agg.set(key, edge);
      edges.push(edge);
    }
  }
  // Observed-only edges between shown services (a witness over one, with hard observed edges, finds it by its runtime key).
  let observedTotal = 0;
  for (const o of d.model.observed ?? []) {
    if (o.declared) continue;
    observedTotal++;
    const fromId = nodeOf.get(o.from);
    const toId = nodeOf.get(o.to);
    if (fromId === undefined || toId === undefined) {
      edgesByFilter++;
      continue;
    }
    if (!filters.kinds.has("observed")) {
      edgesByKind.observed++;
      continue;
    }
    const source = byId.get(fromId) as VNode;
    const target = byId.get(toId) as VNode;
    if (source.kind === "group" || target.kind === "group") {
      groupedEdges++;
      if (source === target) internalEdges++;
      continue;
    }
    edges.push({
      key: `${o.from}\u0000${o.to}\u0000runtime`,
      source,
      target,
      kind: "runtime",
      soft: false,
      anyOf: false,
      count: 1,
      observed: true,
      calls: o.calls,
      observedIn: o.observedIn,
    });
  }
  return {
    nodes,
    edges,
    byId,
    nodeOf,
    hidden: {
      services: hiddenServices,
      edgesByFilter,
      edgesByKind,
      collapsedSystems: groups.size,
      collapsedServices,
      groupedEdges,
      internalEdges,
    },
    totalEdges: d.model.edges.length + observedTotal,
  };
}
