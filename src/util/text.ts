// Small wording helpers shared by messages and reports.
// Pure (no node:* import): the web view bundles it.
import type { PathStep, Severity, SourcePos } from "../model/types.js";

export const MARK: Record<Severity, string> = { error: "✖", warning: "▲", info: "ℹ" };

/** File names are printed through `printable`: a name with a line break or an ESC cannot forge a line or move the cursor (SPEC §1). */
export function formatPos(p: SourcePos): string {
  return `${printable(p.file)}:${p.line}:${p.column}`;
}

/** `file:line:column`, or just the file for a problem with the whole file (line 0: a missing path, no manifests). */
export function formatWhere(p: SourcePos | undefined): string {
  return !p?.file ? "" : p.line > 0 ? formatPos(p) : printable(p.file);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 100,000 rather than 100000: a count read at a glance. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** `plural` with the count grouped by thousands (headers and the web view). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function arrow(kind: PathStep["kind"]): string {
  return kind === "rollback" ? "⇒" : "→";
}

/** The arrow of a step, with "(observed)" for an edge only observed traffic shows (`--observed-edges hard`). */
export function stepArrow(s: PathStep): string {
  return s.observed ? `${arrow(s.kind)} (observed)` : arrow(s.kind);
}

/** `cloud-api ⇒ rollback-pipeline → cloud-api` */
export function chain(path: readonly PathStep[]): string {
  if (path.length === 0) return "";
  return [path[0]?.from, ...path.map((s) => `${stepArrow(s)} ${s.to}`)].join(" ");
}

/** One step as a label: `payments → (observed) ledger`. */
export function stepLabel(s: PathStep): string {
  return `${s.from} ${stepArrow(s)} ${s.to}`;
}

/** "a", "a and b", "a, b and c"; long lists end with "and N more". */
export function listNames(names: readonly string[], max = 6, conjunction = "and"): string {
  if (names.length <= 1) return names.join("");
  if (names.length > max) return `${names.slice(0, max).join(", ")} ${conjunction} ${names.length - max} more`;
  return `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}`;
}

/**
 * C0 and C1 controls (ESC, CSI U+009B, NEL…), the Unicode line and paragraph separators, and the
 * bidirectional formatting characters (which reorder what a reader sees: "Trojan Source").
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Free text (owner, system, description, a file name) made safe for one terminal line: those characters shown escaped. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const json = JSON.stringify(c).slice(1, -1);
    // JSON escapes only C0 controls; the others become \uXXXX here.
    return json.length > 1 ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** A value quoted for a message: one line, escapes visible. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
