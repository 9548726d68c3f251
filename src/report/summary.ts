// The counts every report opens or closes with (SPEC §6 `summary`).
import { countBySeverity } from "../model/severity.js";
import type { Entry, Estate, Finding, Severity } from "../model/types.js";

export interface Summary {
  services: number;
  edges: { runtime: number; rollback: number };
  findings: Record<Severity, number>;
}

/** Declared (service, name) pairs per kind, soft ones included. */
export function countEdges(estate: Estate): { runtime: number; rollback: number } {
  const count = (list: readonly Entry[]) => {
    // Lists are short: a linear scan for repeats is cheaper than a Set per service.
    const seen: string[] = [];
    for (const e of list) for (const n of e.names) if (!seen.includes(n)) seen.push(n);
    return seen.length;
  };
  let runtime = 0;
  let rollback = 0;
  for (const s of estate.services) {
    runtime += count(s.runtime);
    rollback += count(s.rollback);
  }
  return { runtime, rollback };
}

export function summarize(estate: Estate, findings: readonly Finding[]): Summary {
  return { services: estate.services.length, edges: countEdges(estate), findings: countBySeverity(findings) };
}
