// Refining adapter requirements with catch22's own (annotations, `x-catch22`, `extends:` documents).
import type { Entry } from "../model/types.js";

/**
 * Refines `base` requirements with `extra` ones (adapters' annotations and `x-catch22`, and
 * documents that `extends` one): a plain base entry whose names, or whose `via` reference, an
 * extra entry mentions is replaced by the extra entries, so that `metrics` listed as a dependency
 * and again as soft is one soft requirement, and `a` and `b` listed as dependencies and again
 * as `anyOf: [a, b]` are one alternative.
 */
export function refine(base: readonly Entry[], extra: readonly Entry[]): Entry[] {
  if (extra.length === 0) return [...base];
  const mentioned = new Set<string>();
  for (const e of extra) {
    for (const n of e.names) mentioned.add(n);
    if (e.via !== undefined) mentioned.add(e.via);
  }
  const kept = base.filter((e) => {
    if (e.anyOf) return true;
    if (e.via !== undefined && mentioned.has(e.via)) return false;
    return !(e.names.length > 0 && e.names.every((n) => mentioned.has(n)));
  });
  return [...kept, ...extra];
}
