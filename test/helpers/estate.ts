// Test helpers: declarations written by hand (with predictable positions) and the fast pipeline.
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration, DependencyKind, Entry, Finding, SourcePos } from "../../src/model/types.js";
import { runRules } from "../../src/rules/index.js";

export type EntrySpec = string | { service: string; soft?: boolean } | { anyOf: string[]; soft?: boolean };

export interface ServiceSpec {
  name: string;
  runtime?: EntrySpec[];
  /** Absent: no `rollback` key. */
  rollback?: EntrySpec[];
  file?: string;
}

/**
 * Declarations as if written in one YAML file per `file` (default "estate.yaml"), each service as
 *
 *     name: X                 ← line L, column 7
 *     runtime:
 *       - a                   ← column 5
 *       - anyOf: [b, c]       ← b at column 15, c after ", "
 *       - service: d          ← column 16
 *     rollback:
 *       - …
 *     ---
 *
 * so a test can name the position of every entry: see `line`.
 */
export function declarations(specs: readonly ServiceSpec[]): Declaration[] {
  const nextLine = new Map<string, number>();
  return specs.map((s) => {
    const file = s.file ?? "estate.yaml";
    let line = nextLine.get(file) ?? 1;
    const pos: SourcePos = { file, line: line++, column: 7 };
    const entries = (kind: DependencyKind, list: EntrySpec[]): Entry[] => {
      line++; // the key
      return list.map((spec) => {
        const l = line++;
        if (typeof spec === "string") {
          return { kind, names: [spec], anyOf: false, soft: false, namePos: [{ file, line: l, column: 5 }] };
        }
        if ("service" in spec) {
          return { kind, names: [spec.service], anyOf: false, soft: spec.soft ?? false, namePos: [{ file, line: l, column: 16 }] };
        }
        let column = 15;
        const namePos = spec.anyOf.map((n) => {
          const p = { file, line: l, column };
          column += n.length + 2;
          return p;
        });
        return { kind, names: spec.anyOf, anyOf: true, soft: spec.soft ?? false, namePos };
      });
    };
    const runtime = s.runtime ? entries("runtime", s.runtime) : [];
    const rollback = s.rollback ? entries("rollback", s.rollback) : undefined;
    line++; // ---
    nextLine.set(file, line);
    const d: Declaration = { name: s.name, pos, runtime, origin: "catch22" };
    if (rollback) d.rollback = rollback;
    return d;
  });
}

/** buildEstate → compile → runRules. */
export function analyse(decls: readonly Declaration[]): Finding[] {
  const estate = buildEstate(decls);
  return runRules(estate, compile(estate));
}

export function findingsOf(decls: readonly Declaration[], rule: string): Finding[] {
  return analyse(decls).filter((f) => f.rule === rule);
}

/** The position of the `index`-th name of the entry `entry` (0-based) of `kind` in declaration `decl`. */
export function posOf(decl: Declaration, kind: DependencyKind, entry: number, index = 0): SourcePos {
  const list = kind === "runtime" ? decl.runtime : (decl.rollback ?? []);
  return (list[entry] as Entry).namePos[index] as SourcePos;
}

/** Path steps written as "a=>b->c" (=> rollback, -> runtime). */
export function pathOf(text: string): { from: string; to: string; kind: DependencyKind }[] {
  const tokens = text.split(/(=>|->)/);
  const out: { from: string; to: string; kind: DependencyKind }[] = [];
  for (let i = 1; i < tokens.length; i += 2) {
    out.push({ from: tokens[i - 1] as string, to: tokens[i + 1] as string, kind: tokens[i] === "=>" ? "rollback" : "runtime" });
  }
  return out;
}
