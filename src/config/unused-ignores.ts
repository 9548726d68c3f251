// Ignore entries that match no finding (SPEC §1 spirit: no silent config mistakes): a warning each, with the likely fix.
import type { Finding } from "../model/types.js";
import { closest } from "../util/did-you-mean.js";
import { formatPos, listNames } from "../util/text.js";
import type { IgnoreEntry } from "./config.js";

export interface UnusedIgnoreWarning {
  entry: IgnoreEntry;
  message: string;
}

/**
 * Why each unused entry matches nothing, in the order written: a service no manifest declares
 * (with the closest declared name), a finding of the rule that involves more services than the
 * entry lists (a core of two, where the entry names one), or no such finding at all any more.
 */
export function unusedIgnoreWarnings(
  unused: readonly IgnoreEntry[],
  declared: readonly string[],
  findings: readonly Finding[],
): UnusedIgnoreWarning[] {
  const names = new Set(declared);
  return unused.map((entry) => {
    const what = `the ignore entry for ${entry.rule} (${listNames(entry.services)})`;
    const unknown = entry.services.filter((s) => !names.has(s));
    if (unknown.length > 0) {
      const hints = unknown.map((s) => {
        const near = closest(s, declared);
        return `"${s}"${near ? ` (did you mean "${near}"?)` : ""}`;
      });
      return { entry, message: `${what} names ${hints.join(", ")}, which no manifest declares; it matches no finding` };
    }
    const wider = findings.find((f) => f.rule === entry.rule && entry.services.every((s) => f.services.includes(s)));
    if (wider) {
      return {
        entry,
        message: `${what} matches no finding: the ${entry.rule} finding is about ${listNames(wider.services)}, and an entry must list every one of them (did you mean services: [${wider.services.join(", ")}]?)`,
      };
    }
    return { entry, message: `${what} matches no finding: the risk is gone or the entry is wrong; remove it if it is no longer needed` };
  });
}

/** A warning as the CLI prints it on stderr, after "warning": at the entry's position in the config. */
export function formatUnusedIgnore(w: UnusedIgnoreWarning): string {
  return `${formatPos(w.entry.pos)}: ${w.message}`;
}
