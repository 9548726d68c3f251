// The counts every report opens or closes with (SPEC §6 `summary`).
import type { Estate, Finding, Severity } from "../model/types.js";

export interface Summary {
  services: number;
  edges: { runtime: number; rollback: number };
  findings: Record<Severity, number>;
}

/** Declared (service, name) pairs per kind, soft ones included. */
export function countEdges(estate: Estate): { runtime: number; rollback: number } {
  const count = (list: { names: string[] }[]) => {
    const names = new Set<string>();
    for (const e of list) for (const n of e.names) names.add(n);
    return names.size;
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
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { services: estate.services.length, edges: countEdges(estate), findings: counts };
}
