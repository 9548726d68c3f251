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

/** Reports keys that the definition does not list, with a "did you mean". */
export function checkKeys(node: PNode, allowed: readonly string[], what: string, problems: Problems): void {
  if (node.kind !== "map") return;
  for (const { key } of node.pairs) {
    const k = key.kind === "scalar" ? String(key.value) : "";
    if (key.kind !== "scalar") {
      problems.add(key.at, `expected a plain key in ${what}, got ${describeNode(key)}`);
    } else if (!allowed.includes(k)) {
      const merge =
        k === "<<"
          ? " (YAML merge keys are not supported: catch22 reads YAML 1.2, which has none; repeat the keys, or alias a whole list)"
          : "";
      problems.add(key.at, `unknown key ${quote(k)} in ${what}${didYouMean(k, allowed)}${merge}; expected one of: ${allowed.join(", ")}`);
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
    problems.add(at, `invalid ${what} ${quote(truncate(v))}: a name is ${NAME_RULE}`);
    return undefined;
  }
  return v;
}
