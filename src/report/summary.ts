// The counts every report opens or closes with (SPEC §6 `summary`).

import { countBySeverity } from "../model/severity.js";
import type { Entry, Estate, Finding, Service, Severity } from "../model/types.js";
import type { DriftSummary } from "../observed/drift.js";

export interface Summary {
  services: number;
  edges: { runtime: number; rollback: number };
  findings: Record<Severity, number>;
  /** The drift summary (SPEC §7), when observed traffic was read: observed edges, matched, undeclared, unobserved, unknown names. */
  observed?: DriftSummary;
}

/**
 * Each service's edge counts, kept by `serve` between analyses: a service is a function of its
 * declarations and is never changed (src/model/estate.ts reuses it whole), so its counts are too.
 */
export type EdgeCounts = WeakMap<Service, readonly [runtime: number, rollback: number]>;

/** Declared (service, name) pairs per kind, soft ones included: the edges of graph/edges.ts. */
export function countEdges(estate: Estate, memo?: EdgeCounts): { runtime: number; rollback: number } {
  let runtime = 0;
  let rollback = 0;
  for (const s of estate.services) {
    let c = memo?.get(s);
    if (!c) {
      c = [distinctNames(s.runtime), distinctNames(s.rollback)];
      memo?.set(s, c);
    }
    runtime += c[0];
    rollback += c[1];
  }
  return { runtime, rollback };
}

/**
 * How many edges `mergeEntries(list)` makes (one per distinct name), without making them: a few
 * names are compared in place, a long list goes through a set (an anyOf of 100,000 names stays linear).
 */
export function distinctNames(list: readonly Entry[]): number {
  let total = 0;
  for (let i = 0; i < list.length; i++) total += (list[i] as Entry).names.length;
  if (total <= 1) return total;
  if (total <= 16) {
    const seen: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const names = (list[i] as Entry).names;
      for (let k = 0; k < names.length; k++) if (!seen.includes(names[k] as string)) seen.push(names[k] as string);
    }
    return seen.length;
  }
  const seen = new Set<string>();
  for (const e of list) for (const name of e.names) seen.add(name);
  return seen.size;
}

export function summarize(estate: Estate, findings: readonly Finding[], observed?: DriftSummary, memo?: EdgeCounts): Summary {
  const summary: Summary = { services: estate.services.length, edges: countEdges(estate, memo), findings: countBySeverity(findings) };
  if (observed) summary.observed = { ...observed };
  return summary;
}
