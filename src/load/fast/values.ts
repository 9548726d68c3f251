// The values the fast manifest path builds, as the full path's readers build them (src/load/manifest.ts, src/load/fields.ts).

import type { Recovery } from "../../model/facts.js";
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { DURATION } from "../fields.js";
import { Bail } from "./cursor.js";

/** A value read for one key of a service: kept until the mapping ends, as readService sets them in written order. */
export type Field = { key: string; value: unknown };

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

export function plainEntry(kind: DependencyKind, names: readonly string[], pos: SourcePos): Entry {
  return { kind, names, anyOf: false, soft: false, namePos: [pos] };
}

/** The declaration readService builds: its keys set in the order the document writes them. */
export function declaration(name: { value: string; pos: SourcePos }, fields: readonly Field[]): Declaration {
  const decl: Declaration = { name: name.value, pos: name.pos, runtime: [], origin: "catch22" };
  const d = decl as unknown as Record<string, unknown>;
  for (const f of fields) d[f.key] = f.value;
  return decl;
}
