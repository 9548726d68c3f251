// Adds up observed calls per (from, to) edge within one file (SPEC §7: calls add up over spans and files).
import type { ObservedEdge } from "./types.js";

/** Calls per edge; null stays null only while no count was seen for that edge. */
export class EdgeTally {
  private readonly byFrom = new Map<string, Map<string, ObservedEdge>>();

  add(from: string, to: string, calls: number | null, line?: number): void {
    let row = this.byFrom.get(from);
    if (row === undefined) {
      row = new Map();
      this.byFrom.set(from, row);
    }
    const edge = row.get(to);
    if (edge === undefined) {
      const created: ObservedEdge = { from, to, calls };
      if (line !== undefined) created.line = line;
      row.set(to, created);
    } else if (calls !== null) {
      edge.calls = (edge.calls ?? 0) + calls;
    }
  }

  /** The edges sorted by (from, to) in plain string order, so no output depends on the order of the file. */
  edges(): ObservedEdge[] {
    const out: ObservedEdge[] = [];
    for (const from of [...this.byFrom.keys()].sort()) {
      const row = this.byFrom.get(from)!;
      for (const to of [...row.keys()].sort()) out.push(row.get(to)!);
    }
    return out;
  }
}
