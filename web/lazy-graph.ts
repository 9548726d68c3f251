// The visible graph of a large estate: collapsed systems as group nodes with the overview's aggregated edges,
// expanded (loaded) systems as their services with their own edges; every edge accounted for in `hidden`.
import { UNDECLARED } from "../src/view/overview.js";
import {
  type EdgeClass,
  type Estate2,
  edgeClass,
  filtersServices,
  groupId,
  NO_SYSTEM,
  nameAndOwnerFilter,
  ownerAndFindingFilter,
  placer,
  STATE_RANK,
  type VEdge,
  type ViewOptions,
  type Visible,
  type VNode,
} from "./derive.js";
import type { LazyEstate } from "./lazy.js";

/**
 * Filters by owner and by findings hide the services of expanded systems that do not match; a collapsed system
 * counts its matching services (none: it is hidden), while the overview's aggregated edges between collapsed
 * systems stay counted over all their services (the status line says so).
 */
export function lazyVisibleGraph(d: Estate2, lazy: LazyEstate, opts: ViewOptions, previous?: Map<string, VNode>): Visible {
  const { filters, expanded } = opts;
  /** Collapsed systems with no service that matches the owner and findings filters. */
  const hiddenSystems = new Set<string>();
  const open = (system: string) => (expanded === null || expanded.has(system)) && lazy.loaded(system);
  const systemShown = (system: string) => (filters.systems.size === 0 || filters.systems.has(system)) && !hiddenSystems.has(system);
  const shown = ownerAndFindingFilter(d, filters);
  const filtering = filtersServices(filters);
  const matches = nameAndOwnerFilter(d, filters);
  const nodes: VNode[] = [];
  const byId = new Map<string, VNode>();
  const nodeOf = new Map<string, string>();
  const place = placer(previous);
  const add = (n: VNode) => {
    nodes.push(n);
    byId.set(n.id, n);
  };
  let hiddenServices = 0;
  let collapsedServices = 0;
  let collapsedSystems = 0;
  for (const sys of lazy.overview.systems) {
    if (!systemShown(sys.name)) {
      hiddenServices += sys.services.length;
      continue;
    }
    const slice = open(sys.name) ? lazy.slice(sys.name) : undefined;
    if (slice) {
      for (const s of slice.services) {
        if (!shown(s)) {
          hiddenServices++;
          continue;
        }
        add({
          id: s.name,
          label: s.name,
          kind: "service",
          state: d.state.get(s.name) ?? "clean",
          r: 8,
          ...place(s.name, groupId(sys.name)),
        });
        nodeOf.set(s.name, s.name);
      }
      continue;
    }
    const gid = groupId(sys.name);
    const g: VNode = { id: gid, label: sys.name, kind: "group", state: "clean", system: sys.name, count: 0, r: 14, ...place(gid) };
    for (let i = 0; i < sys.services.length; i++) {
      const n = sys.services[i] as string;
      if (filtering && !matches(n, lazy.overview.owners[sys.owners[i] as number] as string)) continue;
      const st = d.state.get(n);
      if (st && STATE_RANK[st] > STATE_RANK[g.state]) g.state = st;
      nodeOf.set(n, gid);
      g.count = (g.count ?? 0) + 1;
    }
    const members = g.count ?? 0;
    hiddenServices += sys.services.length - members;
    if (members === 0) {
      // Nothing of it matches: hidden like a filtered service, its aggregated edges with it.
      hiddenSystems.add(sys.name);
      continue;
    }
    g.r = 12 + Math.sqrt(members) * 2.2;
    add(g);
    collapsedSystems++;
    collapsedServices += members;
  }
  const edgesByKind: Record<EdgeClass, number> = { runtime: 0, rollback: 0, soft: 0, observed: 0 };
  let edgesByFilter = 0;
  let groupedEdges = 0;
  let internalEdges = 0;
  const edges: VEdge[] = [];
  const agg = new Map<string, VEdge>();
  const undeclaredGroup = (): VNode => {
    const id = groupId(UNDECLARED);
    let n = byId.get(id);
    if (!n) {
      n = { id, label: UNDECLARED, kind: "group", state: "missing", system: UNDECLARED, count: 0, r: 14, ...place(id) };
      add(n);
    }
    return n;
  };
  const aggregate = (source: VNode, target: VNode, e: { kind: VEdge["kind"]; soft: boolean; anyOf: boolean }, count: number) => {
    groupedEdges += count;
    if (source === target) {
      internalEdges += count;
      return;
    }
    const key = `${source.id}\u0000${target.id}\u0000${e.kind}\u0000${e.soft ? 1 : 0}`;
    const prev = agg.get(key);
    if (prev) {
      prev.count += count;
      prev.anyOf = prev.anyOf || e.anyOf;
    } else {
      const edge: VEdge = { key, source, target, kind: e.kind, soft: e.soft, anyOf: e.anyOf, count };
      agg.set(key, edge);
      edges.push(edge);
    }
  };
  const systemOf = (name: string) => lazy.systemOf.get(name) ?? NO_SYSTEM;
  // Edges with an end in an expanded system: from the loaded slices, drawn one by one or onto a group.
  for (const e of d.model.edges) {
    if (!open(systemOf(e.from)) && (e.missing || !open(systemOf(e.to)))) continue;
    const cls = edgeClass(e);
    const fromId = nodeOf.get(e.from);
    const toId = e.missing ? undefined : nodeOf.get(e.to);
    if (fromId === undefined || (!e.missing && toId === undefined)) {
      edgesByFilter++;
      continue;
    }
    if (!filters.kinds.has(cls)) {
      edgesByKind[cls]++;
      continue;
    }
    const source = byId.get(fromId) as VNode;
    let target: VNode;
    if (e.missing) {
      const id = `missing:${e.to}`;
      target = byId.get(id) ?? { id, label: e.to, kind: "missing", state: "missing", r: 7, ...place(id) };
      if (!byId.has(id)) add(target);
    } else target = byId.get(toId as string) as VNode;
    if (source.kind === "group" || target.kind === "group") {
      aggregate(source, target, e, 1);
      continue;
    }
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
  }
  // Edges between collapsed systems: the overview's aggregates.
  for (const a of lazy.overview.edges) {
    if (open(a.from) || (a.to !== UNDECLARED && open(a.to))) continue;
    if (!systemShown(a.from) || (a.to !== UNDECLARED && !systemShown(a.to))) {
      edgesByFilter += a.count;
      continue;
    }
    const cls = edgeClass(a);
    if (!filters.kinds.has(cls)) {
      edgesByKind[cls] += a.count;
      continue;
    }
    const source = byId.get(groupId(a.from)) as VNode;
    const target = a.to === UNDECLARED ? undeclaredGroup() : (byId.get(groupId(a.to)) as VNode);
    aggregate(source, target, a, a.count);
  }
  // Observed-only calls: drawn between expanded services, counted onto groups otherwise.
  let observedTotal = 0;
  for (const o of d.model.observed ?? []) {
    if (o.declared || (!open(systemOf(o.from)) && !open(systemOf(o.to)))) continue;
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
    const edge: VEdge = {
      key: `${o.from}\u0000${o.to}\u0000runtime`,
      source,
      target,
      kind: "runtime",
      soft: false,
      anyOf: false,
      count: 1,
    };
    edge.observed = true;
    edge.calls = o.calls;
    edge.observedIn = o.observedIn;
    edges.push(edge);
  }
  for (const p of lazy.overview.observed ?? []) {
    observedTotal += p.count;
    if (open(p.from) || open(p.to)) continue;
    if (!systemShown(p.from) || !systemShown(p.to)) edgesByFilter += p.count;
    else if (!filters.kinds.has("observed")) edgesByKind.observed += p.count;
    else {
      groupedEdges += p.count;
      if (p.from === p.to) internalEdges += p.count;
    }
  }
  return {
    nodes,
    edges,
    byId,
    nodeOf,
    hidden: { services: hiddenServices, edgesByFilter, edgesByKind, collapsedSystems, collapsedServices, groupedEdges, internalEdges },
    totalEdges: lazy.overview.edgeCount + observedTotal,
  };
}
