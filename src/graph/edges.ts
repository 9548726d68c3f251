// One edge per declared (service, name, kind): the single merge of a service's entries that the graph export
// and the web view's model read, so they never disagree about an edge (the summary's counts, made as compile
// looks the names up, are tested against it: test/report/summary.property.test.ts).
import { apiRef } from "../api/ref.js";
import type { Entry } from "../model/types.js";

/** The entries of one kind of one service that name the same target, merged into one edge. */
export interface MergedEdge {
  /** True when every entry declaring the edge is soft: a hard entry wins. */
  soft: boolean;
  /**
   * True when every entry declaring the edge is an `anyOf` with other alternatives: a plain
   * entry naming the same target is a hard requirement of it alone, and dominates.
   */
  anyOf: boolean;
  /** For an `anyOf` edge: every alternative of its group(s), in first-seen order. */
  alternatives?: Set<string>;
  /** The entries' distinct notes, in source order. */
  notes?: string[];
  /** The distinct apis (`api@version`) of the api entries that resolve to this target (SPEC §8), in source order. */
  apis?: string[];
}

/** The merged edges of one list of entries (a service's `runtime` or its `rollback`), by target in first-seen order. */
export function mergeEntries(list: readonly Entry[]): Map<string, MergedEdge> {
  const merged = new Map<string, MergedEdge>();
  // An anyOf's alternatives are one set shared by its edges (copied only when a second group adds to it):
  // a set per edge would make an anyOf of n names cost n².
  const own = new WeakSet<Set<string>>();
  for (const e of list) {
    const group = e.anyOf && e.names.length > 1;
    const alternatives = group ? new Set(e.names) : undefined;
    for (const name of e.names) {
      let m = merged.get(name);
      if (!m) {
        m = { soft: true, anyOf: true };
        merged.set(name, m);
      }
      m.soft &&= e.soft;
      m.anyOf &&= group;
      if (alternatives) {
        if (!m.alternatives) m.alternatives = alternatives;
        else if (m.alternatives !== alternatives) {
          if (!own.has(m.alternatives)) {
            m.alternatives = new Set(m.alternatives);
            own.add(m.alternatives);
          }
          for (const n of e.names) m.alternatives.add(n);
        }
      }
      if (e.note !== undefined) {
        m.notes ??= [];
        if (!m.notes.includes(e.note)) m.notes.push(e.note);
      }
      if (e.api !== undefined) {
        const ref = apiRef(e.api.name, e.api.version);
        m.apis ??= [];
        if (!m.apis.includes(ref)) m.apis.push(ref);
      }
    }
  }
  return merged;
}

/** The apis of a merged edge as one text (", " between them), or undefined when no api entry declares it. */
export function edgeApi(m: MergedEdge): string | undefined {
  return m.apis ? m.apis.join(", ") : undefined;
}

/** The notes of a merged edge as one text ("; " between them), or undefined when it has none. */
export function edgeNote(m: MergedEdge): string | undefined {
  return m.notes ? m.notes.join("; ") : undefined;
}
