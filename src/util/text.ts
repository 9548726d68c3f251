// Small wording helpers shared by messages and reports.
import type { SourcePos } from "../model/types.js";

export function formatPos(p: SourcePos): string {
  return `${p.file}:${p.line}:${p.column}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c"; long lists end with "and N more". */
export function listNames(names: readonly string[], max = 6, conjunction = "and"): string {
  if (names.length <= 1) return names.join("");
  if (names.length > max) return `${names.slice(0, max).join(", ")} ${conjunction} ${names.length - max} more`;
  return `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}`;
}

/** Free text (owner, system, description) made safe for one terminal line: control characters shown escaped. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** A value quoted for a message: one line, escapes visible. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
