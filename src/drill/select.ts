// Which services `--fail` names (SPEC §4, §4.1): exact names, patterns, and failure-domain selectors `zone=`, `region=`, `system=`, `owner=`, `tier=`.
import { closest } from "../util/did-you-mean.js";
import { globMatcher, isPattern } from "./glob.js";

export { globMatcher, isPattern } from "./glob.js";

export type Selection = { ok: true; ids: number[] } | { ok: false; errors: string[] };

/** The fields a `key=value` term may select on (SPEC §4.1), in the order help and errors list them. */
export const SELECTOR_KEYS = ["zone", "region", "system", "owner", "tier"] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

/** What selection reads of a service: its name and the fields selectors compare. */
export type Selectable = { name: string } & { [K in SelectorKey]?: K extends "tier" ? number : string };

/**
 * The services named by `terms` (names, patterns, `key=value` selectors whose value may be a
 * pattern), as sorted ids into `services`. Terms add up. Every term that selects nothing is an
 * error, each with a "did you mean" where a close name, pattern or value exists.
 */
export function selectServices(services: readonly (string | Selectable)[], terms: readonly string[]): Selection {
  const list: Selectable[] = services.map((s) => (typeof s === "string" ? { name: s } : s));
  const names = list.map((s) => s.name);
  const ids = new Set<number>();
  const errors: string[] = [];
  let index: Map<string, number> | undefined;
  for (const term of terms) {
    const eq = term.indexOf("=");
    if (eq !== -1) {
      const error = selectByField(list, term.slice(0, eq), term.slice(eq + 1), ids);
      if (error) errors.push(error);
      continue;
    }
    if (!isPattern(term)) {
      index ??= new Map(names.map((n, i) => [n, i]));
      const id = index.get(term);
      if (id !== undefined) ids.add(id);
      else errors.push(`no service is named "${term}"${suggestion(closest(term, names))}`);
      continue;
    }
    if (!addMatches(names, term, ids)) errors.push(`the pattern "${term}" matches no service${suggestion(closePattern(names, term))}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, ids: [...ids].sort((a, b) => a - b) };
}

/** A field's value as a selector compares it: text as written, a tier as its number written out. */
function fieldValue(s: Selectable, key: SelectorKey): string | undefined {
  const v = s[key];
  return v === undefined ? undefined : String(v);
}

/** Adds the services whose `key` matches `value`; an error message when the term is wrong or selects nothing. */
function selectByField(list: readonly Selectable[], key: string, value: string, ids: Set<number>): string | undefined {
  if (!(SELECTOR_KEYS as readonly string[]).includes(key)) {
    return `"${key}=" is not a selector${suggestion(closest(key, SELECTOR_KEYS), "=")}; the selectors are ${SELECTOR_KEYS.map((k) => `${k}=`).join(", ")}`;
  }
  const k = key as SelectorKey;
  const values = list.map((s) => fieldValue(s, k));
  const term = `${k}=${value}`;
  let matched = false;
  if (isPattern(value)) {
    const match = globMatcher(value);
    values.forEach((v, i) => {
      if (v !== undefined && match(v)) {
        ids.add(i);
        matched = true;
      }
    });
  } else {
    values.forEach((v, i) => {
      if (v === value) {
        ids.add(i);
        matched = true;
      }
    });
  }
  if (matched) return undefined;
  const known = [...new Set(values.filter((v): v is string => v !== undefined))].sort();
  if (known.length === 0) return `the selector "${term}" selects nothing: no service declares a ${k}`;
  const close = isPattern(value) ? closePattern(known, value) : closest(value, known);
  const hint = close === undefined ? `; the ${k} values are ${listValues(known)}` : suggestion(`${k}=${close}`);
  return `the selector "${term}" selects no service${hint}`;
}

function listValues(values: readonly string[]): string {
  const shown = values.slice(0, 8).join(", ");
  return values.length > 8 ? `${shown} and ${values.length - 8} more` : shown;
}

function addMatches(names: readonly string[], pattern: string, ids: Set<number>): boolean {
  const match = globMatcher(pattern);
  let matched = false;
  names.forEach((n, i) => {
    if (match(n)) {
      ids.add(i);
      matched = true;
    }
  });
  return matched;
}

function suggestion(text: string | undefined, after = ""): string {
  return text === undefined ? "" : ` (did you mean "${text}${after}"?)`;
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
  const match = globMatcher(candidate);
  return names.some((n) => match(n)) ? candidate : undefined;
}
