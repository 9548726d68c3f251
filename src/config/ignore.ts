// Ignore entries applied to findings: accepted risks leave the failing set until their `until` date has passed.
import type { Finding } from "../model/types.js";
import type { IgnoreEntry } from "./config.js";

export interface IgnoredFinding {
  finding: Finding;
  entry: IgnoreEntry;
}

export interface IgnoreOutcome {
  /** The findings that still count (expired ignores included), in their original order. */
  kept: Finding[];
  /** Findings an active entry accepts. */
  ignored: IgnoredFinding[];
  /** Findings that only an expired entry matches: they count again. */
  expired: IgnoredFinding[];
  /** Entries that match no finding (the risk is gone, or the entry is wrong). */
  unused: IgnoreEntry[];
}

/** Today's date as YYYY-MM-DD in UTC, the clock `until` is compared against. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An entry matches a finding of its rule when every service of the finding is listed. */
export function matches(entry: IgnoreEntry, f: Finding): boolean {
  return entry.rule === f.rule && f.services.every((s) => entry.services.includes(s));
}

/** An entry applies through its `until` day, inclusive. */
export function active(entry: IgnoreEntry, date: string): boolean {
  return entry.until === undefined || date <= entry.until;
}

export function applyIgnores(findings: readonly Finding[], entries: readonly IgnoreEntry[], date: string): IgnoreOutcome {
  const out: IgnoreOutcome = { kept: [], ignored: [], expired: [], unused: [] };
  if (entries.length === 0) {
    out.kept = [...findings];
    return out;
  }
  const byRule = new Map<string, IgnoreEntry[]>();
  for (const e of entries) {
    const list = byRule.get(e.rule);
    if (list) list.push(e);
    else byRule.set(e.rule, [e]);
  }
  const listed = new Map(entries.map((e) => [e, new Set(e.services)]));
  const used = new Set<IgnoreEntry>();
  for (const f of findings) {
    let hit: IgnoreEntry | undefined;
    let stale: IgnoreEntry | undefined;
    for (const e of byRule.get(f.rule) ?? []) {
      const names = listed.get(e) as Set<string>;
      if (!f.services.every((s) => names.has(s))) continue;
      used.add(e);
      if (active(e, date)) hit ??= e;
      else stale ??= e;
    }
    if (hit) out.ignored.push({ finding: f, entry: hit });
    else {
      out.kept.push(f);
      if (stale) out.expired.push({ finding: f, entry: stale });
    }
  }
  out.unused = entries.filter((e) => !used.has(e));
  return out;
}
