// Which services `--fail` names (SPEC §4): exact names and glob patterns, `*` within one `/`-separated part, `**` across.
import { closest } from "../util/did-you-mean.js";

export type Selection = { ok: true; ids: number[] } | { ok: false; errors: string[] };

export function isPattern(text: string): boolean {
  return text.includes("*");
}

/** A pattern as a regular expression over whole names: `**` is any text, `*` any text without `/`. */
export function patternRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        source += ".*";
        i++;
      } else {
        source += "[^/]*";
      }
    } else {
      source += ch.replace(/[\\^$.|?+()[\]{}]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, "s");
}

/**
 * The services named by `terms` (exact names or patterns), as sorted ids into `names`. Every term
 * that names nothing is an error, each with a "did you mean" where a close name or pattern exists.
 */
export function selectServices(names: readonly string[], terms: readonly string[]): Selection {
  const ids = new Set<number>();
  const errors: string[] = [];
  let index: Map<string, number> | undefined;
  for (const term of terms) {
    if (!isPattern(term)) {
      index ??= new Map(names.map((n, i) => [n, i]));
      const id = index.get(term);
      if (id !== undefined) ids.add(id);
      else errors.push(`no service is named "${term}"${suggestion(closest(term, names))}`);
      continue;
    }
    const re = patternRegExp(term);
    let matched = false;
    names.forEach((n, i) => {
      if (re.test(n)) {
        ids.add(i);
        matched = true;
      }
    });
    if (!matched) errors.push(`the pattern "${term}" matches no service${suggestion(closePattern(names, term))}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, ids: [...ids].sort((a, b) => a - b) };
}

function suggestion(text: string | undefined): string {
  return text === undefined ? "" : ` (did you mean "${text}"?)`;
}

/**
 * A pattern that matches something, found by correcting the literal `/`-separated parts before
 * any `**` to the closest part that names have at the same position; undefined if none is found.
 */
function closePattern(names: readonly string[], pattern: string): string | undefined {
  const parts = pattern.split("/");
  const stop = parts.findIndex((p) => p.includes("**"));
  const fixed = stop === -1 ? parts.length : stop;
  const known: Set<string>[] = [];
  for (const n of names) {
    const ps = n.split("/");
    for (let i = 0; i < Math.min(fixed, ps.length); i++) {
      let set = known[i];
      if (!set) {
        set = new Set();
        known[i] = set;
      }
      set.add(ps[i] as string);
    }
  }
  let changed = false;
  const out = parts.map((p, i) => {
    if (i >= fixed || p.includes("*") || known[i]?.has(p)) return p;
    const c = closest(p, known[i] ?? []);
    if (c === undefined) return p;
    changed = true;
    return c;
  });
  if (!changed) return undefined;
  const candidate = out.join("/");
  const re = patternRegExp(candidate);
  return names.some((n) => re.test(n)) ? candidate : undefined;
}
