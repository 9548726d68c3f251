// Two sets of findings compared by fingerprint: what a change introduces, what it resolves, what it leaves.
import type { Finding } from "../model/types.js";

export interface FindingsDiff {
  /** In head, not in base (head's version of each). */
  introduced: Finding[];
  /** In base, not in head (base's version of each). */
  resolved: Finding[];
  /** In both (head's version). */
  unchanged: Finding[];
}

/** Both lists keep their order (SPEC §5 order when the inputs are sorted). */
export function diffFindings(base: readonly Finding[], head: readonly Finding[]): FindingsDiff {
  const inBase = new Set(base.map((f) => f.fingerprint));
  const inHead = new Set(head.map((f) => f.fingerprint));
  return {
    introduced: head.filter((f) => !inBase.has(f.fingerprint)),
    resolved: base.filter((f) => !inHead.has(f.fingerprint)),
    unchanged: head.filter((f) => inBase.has(f.fingerprint)),
  };
}
