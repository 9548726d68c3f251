// The YAML-node toolkit every catch22 reader shares (manifests, adapters, the config, baselines): lookups, key checks, names, diagnostics.
import { didYouMean } from "../util/did-you-mean.js";
import { quote } from "../util/text.js";
import type { PNode, Point } from "./yaml.js";

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,199}$/;
export const NAME_RULE = "1–200 characters of A-Z a-z 0-9 . _ - / :, starting with a letter or digit";

/** Collects diagnostics for one file. */
export class Problems {
  readonly list: { line: number; column: number; message: string }[] = [];
  add(at: Point, message: string): void {
    this.list.push({ line: at.line, column: at.column, message });
  }
}

/** Looks up a key of a mapping node. */
export function field(node: PNode, key: string): PNode | undefined {
  if (node.kind !== "map") return undefined;
  for (const p of node.pairs) if (p.key.kind === "scalar" && String(p.key.value) === key) return p.value;
  return undefined;
}

export function describeNode(node: PNode): string {
  if (node.kind === "seq") return "a list";
  if (node.kind === "map") return "a mapping";
  if (node.value === null) return "nothing (null)";
  if (typeof node.value === "string") return `the text ${quote(truncate(node.value))}`;
  return `${typeof node.value === "number" ? "the number" : "the value"} ${String(node.value)}`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Invisible or look-alike characters that no message shows plainly: named, so the user can find them. */
const ODD_NAMES: Record<number, string> = {
  160: "NO-BREAK SPACE",
  173: "SOFT HYPHEN",
  1564: "ARABIC LETTER MARK",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8208: "HYPHEN",
  8209: "NON-BREAKING HYPHEN",
  8210: "FIGURE DASH",
  8211: "EN DASH",
  8212: "EM DASH",
  8288: "WORD JOINER",
  8722: "MINUS SIGN",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  65279: "ZERO WIDTH NO-BREAK SPACE",
};

/** Invisible and direction-changing characters (C1 controls, zero-width, bidi) in quoted text, written as \\uXXXX. */
function visible(quoted: string): string {
  return quoted.replace(
    /[\u0080-\u00a0\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** " (contains U+200B ZERO WIDTH SPACE at character 4)" for the first character outside printable ASCII, else "". */
export function oddCharacters(s: string): string {
  const limit = Math.min(s.length, 10_000);
  for (let i = 0; i < limit; i++) {
    const c = s.codePointAt(i) as number;
    // Below U+007F, quoting already shows a control character escaped (\n, \u001b).
    if (c < 0x7f) continue;
    const u = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    const name =
      ODD_NAMES[c] ??
      (c < 0x20 || (c >= 0x7f && c < 0xa0)
        ? "a control character"
        : /\p{L}/u.test(String.fromCodePoint(c))
          ? "a letter outside A-Z (a look-alike?)"
          : "a character outside printable ASCII");
    return ` (contains ${u} ${name} at character ${i + 1})`;
  }
  return "";
}

/** Reports keys that the definition does not list, with a "did you mean". */
export function checkKeys(node: PNode, allowed: readonly string[], what: string, problems: Problems): void {
  if (node.kind !== "map") return;
  for (const { key } of node.pairs) {
    const k = key.kind === "scalar" ? String(key.value) : "";
    if (key.kind !== "scalar") {
      problems.add(key.at, `expected a plain key in ${what}, got ${describeNode(key)}`);
    } else if (!allowed.includes(k)) {
      // A key of megabytes is shown by its start only; "did you mean" is only tried on a key of sensible length.
      const hint = k.length <= 200 ? didYouMean(k, allowed) : "";
      problems.add(
        key.at,
        `unknown key ${quote(truncate(k))} in ${what}${hint}${oddCharacters(k)}; expected one of: ${allowed.join(", ")}`,
      );
    }
  }
}

/** A service name, or undefined after reporting what is wrong with it. */
export function readName(node: PNode, problems: Problems, what: string): string | undefined {
  if (node.kind !== "scalar" || typeof node.value !== "string") {
    const hint = node.kind === "scalar" && node.value !== null ? ` (quote it: "${String(node.value)}")` : "";
    problems.add(node.at, `expected a ${what}, got ${describeNode(node)}${hint}`);
    return undefined;
  }
  return checkName(node.value, node.at, problems, what);
}

/** Checks a name against NAME_RULE; the name, or undefined after reporting it at `at`. */
export function checkName(v: string, at: Point, problems: Problems, what: string): string | undefined {
  if (v === "") {
    problems.add(at, `empty ${what}; a name is ${NAME_RULE}`);
    return undefined;
  }
  if (!NAME_PATTERN.test(v)) {
    problems.add(at, `invalid ${what} ${visible(quote(truncate(v)))}${oddCharacters(v)}: a name is ${NAME_RULE}`);
    return undefined;
  }
  return v;
}
