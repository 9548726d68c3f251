// The counts every report opens or closes with (SPEC §6 `summary`).

import { mergeEntries } from "../graph/edges.js";
import { countBySeverity } from "../model/severity.js";
import type { Estate, Finding, Severity } from "../model/types.js";
import type { DriftSummary } from "../observed/drift.js";

export interface Summary {
  services: number;
  edges: { runtime: number; rollback: number };
  findings: Record<Severity, number>;
  /** The drift summary (SPEC §7), when observed traffic was read: observed edges, matched, undeclared, unobserved, unknown names. */
  observed?: DriftSummary;
}

/** Declared (service, name) pairs per kind, soft ones included: the edges of graph/edges.ts. */
export function countEdges(estate: Estate): { runtime: number; rollback: number } {
  let runtime = 0;
  let rollback = 0;
  for (const s of estate.services) {
    runtime += mergeEntries(s.runtime).size;
    rollback += mergeEntries(s.rollback).size;
  }
  return { runtime, rollback };
}

export function summarize(estate: Estate, findings: readonly Finding[], observed?: DriftSummary): Summary {
  const summary: Summary = { services: estate.services.length, edges: countEdges(estate), findings: countBySeverity(findings) };
  if (observed) summary.observed = { ...observed };
  return summary;
}
