// Declared vs observed (SPEC §7, §3): the raw results of undeclared-dependency, undeclared-service and
// unobserved-dependency, the drift summary, and the edges `--observed-edges hard` adds. Pure: no I/O.
import type { SourcePos } from "../model/types.js";
import type { MappedTraffic, ObservedNames } from "./names.js";
import { entry, suggestFor } from "./names.js";

/** One dependency entry as the comparison needs it. */
export interface DriftEntry {
  kind: "runtime" | "rollback";
  soft: boolean;
  /** How it was written: a service name, an `anyOf`, or an `{api}` entry. */
  form: "plain" | "anyOf" | "api";
  /** The services it names: the name, the `anyOf` names, or the providers of the api. */
  names: readonly string[];
  /** Where the entry is written (its name's scalar), for unobserved-dependency's location. */
  pos?: SourcePos;
}

export interface DriftService {
  name: string;
  /** Where the service's name is written, for undeclared-dependency's location. */
  pos?: SourcePos;
  entries: readonly DriftEntry[];
}

/** X → Y observed, and no entry of X names Y. */
export interface UndeclaredDependency {
  service: string;
  dependency: string;
  calls: number | null;
  observedIn: string[];
  location?: SourcePos;
}

/** An observed name that maps to no declared service. */
export interface UndeclaredService {
  name: string;
  calls: number | null;
  observedIn: string[];
  /** Where the name was first seen (line 0 where the format has no lines). */
  first: { file: string; line: number };
  /** The closest declared name or alias, and the service it stands for ("add `aliases: [name]` to service"). */
  suggestion?: { candidate: string; service: string };
}

/** A hard runtime entry X → Y (plain), X and Y both in the observed traffic, and no observed X → Y. */
export interface UnobservedDependency {
  service: string;
  dependency: string;
  /** Always 0: no observed call shows the edge. */
  calls: 0;
  /** The files whose traffic shows X or Y (where the call would have been seen). */
  observedIn: string[];
  location?: SourcePos;
}

export interface DriftSummary {
  /** Distinct observed edges between two declared services (after mapping, no self-edges): matched + undeclared. */
  observedEdges: number;
  matched: number;
  undeclared: number;
  unobserved: number;
  unknownNames: number;
}

export interface Drift {
  undeclaredDependencies: UndeclaredDependency[];
  undeclaredServices: UndeclaredService[];
  unobservedDependencies: UnobservedDependency[];
  summary: DriftSummary;
  /** For `--observed-edges hard`: each undeclared observed X → Y, to add to RT(X) as the hard requirement {Y}. */
  hardAdditions: { service: string; requirement: [string] }[];
}

/**
 * Compares the declared estate with the mapped traffic. `names` gives "did you mean" for unknown names.
 * Every list is sorted (services, then dependency; names), so no output depends on input order.
 */
export function compareObserved(services: readonly DriftService[], traffic: MappedTraffic, names: ObservedNames): Drift {
  const declared = new Map(services.map((s) => [s.name, s]));
  const named = new Map<string, Set<string>>();
  for (const s of services) {
    const set = entry(named, s.name, () => new Set<string>());
    for (const e of s.entries) for (const n of e.names) set.add(n);
  }

  const observed = new Set<string>();
  const ends = new Set<string>();
  const filesAt = new Map<string, Set<string>>();
  const undeclared: UndeclaredDependency[] = [];
  let matched = 0;
  for (const e of traffic.edges) {
    if (!declared.has(e.from) || !declared.has(e.to) || e.from === e.to) continue;
    observed.add(`${e.from}\u0000${e.to}`);
    for (const end of [e.from, e.to]) {
      ends.add(end);
      const files = entry(filesAt, end, () => new Set<string>());
      for (const f of e.observedIn) files.add(f);
    }
    if (named.get(e.from)?.has(e.to)) {
      matched++;
      continue;
    }
    const d: UndeclaredDependency = { service: e.from, dependency: e.to, calls: e.calls, observedIn: [...e.observedIn].sort() };
    const pos = declared.get(e.from)?.pos;
    if (pos !== undefined) d.location = pos;
    undeclared.push(d);
  }

  const unobserved: UnobservedDependency[] = [];
  const seen = new Set<string>();
  for (const s of services) {
    if (!ends.has(s.name)) continue;
    for (const e of s.entries) {
      if (e.kind !== "runtime" || e.soft || e.form !== "plain" || e.names.length !== 1) continue;
      const y = e.names[0] as string;
      const key = `${s.name}\u0000${y}`;
      if (y === s.name || !declared.has(y) || !ends.has(y) || observed.has(key) || seen.has(key)) continue;
      seen.add(key);
      const files = new Set([...(filesAt.get(s.name) ?? []), ...(filesAt.get(y) ?? [])]);
      const u: UnobservedDependency = { service: s.name, dependency: y, calls: 0, observedIn: [...files].sort() };
      if (e.pos !== undefined) u.location = e.pos;
      unobserved.push(u);
    }
  }

  const undeclaredServices: UndeclaredService[] = traffic.unknown.map((u) => {
    const r: UndeclaredService = { name: u.name, calls: u.calls, observedIn: [...u.observedIn].sort(), first: u.first };
    const suggestion = suggestFor(u.name, names);
    if (suggestion !== undefined) r.suggestion = suggestion;
    return r;
  });

  const byPair = <T extends { service: string; dependency: string }>(a: T, b: T): number =>
    a.service < b.service ? -1 : a.service > b.service ? 1 : a.dependency < b.dependency ? -1 : a.dependency > b.dependency ? 1 : 0;
  undeclared.sort(byPair);
  unobserved.sort(byPair);
  undeclaredServices.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    undeclaredDependencies: undeclared,
    undeclaredServices,
    unobservedDependencies: unobserved,
    summary: {
      observedEdges: observed.size,
      matched,
      undeclared: undeclared.length,
      unobserved: unobserved.length,
      unknownNames: undeclaredServices.length,
    },
    hardAdditions: undeclared.map((d) => ({ service: d.service, requirement: [d.dependency] })),
  };
}
