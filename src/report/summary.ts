// The counts every report opens or closes with (SPEC §6 `summary`).

import type { Compiled } from "../graph/compiled.js";
import { countBySeverity } from "../model/severity.js";
import type { Finding, Severity } from "../model/types.js";
import type { DriftSummary } from "../observed/drift.js";

export interface Summary {
  services: number;
  edges: { runtime: number; rollback: number };
  findings: Record<Severity, number>;
  /** The drift summary (SPEC §7), when observed traffic was read: observed edges, matched, undeclared, unobserved, unknown names. */
  observed?: DriftSummary;
}

/** Declared (service, name) pairs per kind, soft ones included: the edges of graph/edges.ts, as the compiled graph counted them per service. */
export function countEdges(g: Compiled): { runtime: number; rollback: number } {
  return { runtime: sum(g.runtime.edges), rollback: sum(g.rollback.edges) };
}

function sum(a: Int32Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] as number;
  return total;
}

export function summarize(g: Compiled, findings: readonly Finding[], observed?: DriftSummary): Summary {
  const summary: Summary = { services: g.n, edges: countEdges(g), findings: countBySeverity(findings) };
  if (observed) summary.observed = { ...observed };
  return summary;
}
