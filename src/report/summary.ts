// The counts every report opens or closes with (SPEC §6 `summary`).

import { mergeEntries } from "../graph/edges.js";
import { countBySeverity } from "../model/severity.js";
import type { Estate, Finding, Severity } from "../model/types.js";

export interface Summary {
  services: number;
  edges: { runtime: number; rollback: number };
  findings: Record<Severity, number>;
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

export function summarize(estate: Estate, findings: readonly Finding[]): Summary {
  return { services: estate.services.length, edges: countEdges(estate), findings: countBySeverity(findings) };
}
