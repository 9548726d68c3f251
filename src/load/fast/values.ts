// The values the fast manifest path builds, as the full path's readers build them (src/load/manifest.ts, src/load/fields.ts).

import type { Recovery } from "../../model/facts.js";
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { DURATION } from "../fields.js";
import { Bail } from "./cursor.js";

/** How the fast path reads each service fact (SERVICE_FACTS' types): a key missing here leaves the file to the full path. */
export const FACT_READERS: Record<string, "text" | "label" | "tier" | "name" | "names" | "duration" | "recovery" | "provides"> = {
  description: "text",
  owner: "label",
  system: "label",
  tier: "tier",
  zone: "name",
  region: "name",
  aliases: "names",
  rto: "duration",
  recovery: "recovery",
  provides: "provides",
};

/** A `recovery` flow mapping's pairs as readRecovery reads them: `rollback` then `start`, each a duration, no other key. */
export function recovery(pairs: readonly string[]): Recovery {
  let rollback: number | undefined;
  let start: number | undefined;
  for (let k = 0; k < pairs.length; k += 2) {
    const seconds = duration(pairs[k + 1] as string);
    if (pairs[k] === "rollback" && rollback === undefined) rollback = seconds;
    else if (pairs[k] === "start" && start === undefined) start = seconds;
    else throw new Bail();
  }
  const out: Recovery = {};
  if (rollback !== undefined) out.rollback = rollback;
  if (start !== undefined) out.start = start;
  return out;
}

/** Seconds of a duration (a text the core schema reads as text: every DURATION match is). */
export function duration(v: string): number {
  const m = DURATION.exec(v);
  if (!m) throw new Bail();
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * The first `n` items of `list` as an array of exactly that size. Up to four from an array literal:
 * V8 learns that what a literal makes is kept (an estate's lists live as long as it does) and makes
 * it in the old generation, where no young collection copies it; a slice's copy has no such site.
 */
export function exact<T>(list: readonly T[], n: number): T[] {
  switch (n) {
    case 0:
      return [];
    case 1:
      return [list[0] as T];
    case 2:
      return [list[0] as T, list[1] as T];
    case 3:
      return [list[0] as T, list[1] as T, list[2] as T];
    case 4:
      return [list[0] as T, list[1] as T, list[2] as T, list[3] as T];
    default:
      return list.slice(0, n);
  }
}

export function plainEntry(kind: DependencyKind, names: readonly string[], pos: SourcePos): Entry {
  return { kind, names, anyOf: false, soft: false, namePos: [pos] };
}

/** Stands for `runtime` until the declaration is closed: most services write one, so none is allocated before. */
const NO_ENTRIES: Entry[] = [];

/**
 * A declaration to fill as readService fills one: `name`, `pos`, `runtime` and `origin` first, then
 * each key set (setFact) in the order the document writes them; `name`, `pos` and `runtime` keep their place when set.
 */
export function openDeclaration(): Declaration {
  return { name: "", pos: undefined as unknown as SourcePos, runtime: NO_ENTRIES, origin: "catch22" };
}

export function setFact(decl: Declaration, key: string, value: unknown): void {
  (decl as unknown as Record<string, unknown>)[key] = value;
}

/** The declaration once its keys are read: a mapping without `name` is given up. */
export function closeDeclaration(decl: Declaration): Declaration {
  if (decl.pos === undefined) throw new Bail();
  if (decl.runtime === NO_ENTRIES) decl.runtime = [];
  return decl;
}
