// Baselines: today's findings recorded by fingerprint, so that a run fails only on new ones and says which were fixed.

import * as fs from "node:fs";
import { decodeText, readRegularFile } from "../load/read-file.js";
import { type PNode, parseYaml } from "../load/yaml.js";
import { describeNode, field, Problems } from "../load/yaml-node.js";
import type { Diagnostic, Finding } from "../model/types.js";
import { byCodeUnit, compareNameLists } from "../util/order.js";

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  services: string[];
  missing?: string;
}

export type BaselineStatus = "new" | "known";

export interface BaselineComparison {
  /** The baseline file, as the user named it. */
  file: string;
  /** Fingerprints of today's findings that the baseline holds. */
  known: Set<string>;
  /** Baseline entries that no finding of today matches: fixed (or their rule turned off). */
  fixed: BaselineEntry[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    byCodeUnit(a.rule, b.rule) ||
    compareNameLists(a.services, b.services) ||
    byCodeUnit(a.missing ?? "", b.missing ?? "") ||
    byCodeUnit(a.fingerprint, b.fingerprint)
  );
}

/** The baseline file for these findings: JSON, one entry per fingerprint, sorted, byte-identical for the same findings. */
export function renderBaseline(findings: readonly Finding[]): string {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const e: BaselineEntry = { fingerprint: f.fingerprint, rule: f.rule, services: f.services };
    if (f.missing !== undefined) e.missing = f.missing;
    entries.push(e);
  }
  entries.sort(compareEntries);
  return `${JSON.stringify({ tool: "catch22", schemaVersion: 1, findings: entries }, null, 2)}\n`;
}

export type BaselineOutcome = { ok: true; entries: BaselineEntry[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads a baseline file: only a regular file under the size cap is opened (a FIFO or a device would
 * hang the run). `unreadable` is set when there is no file to read; the caller words that error.
 */
export function readBaselineFile(file: string): BaselineOutcome | { ok: false; unreadable: string } {
  if (!fs.existsSync(file)) {
    let code = "ENOENT";
    try {
      fs.statSync(file);
    } catch (e) {
      code = (e as NodeJS.ErrnoException).code ?? code;
    }
    return { ok: false, unreadable: code };
  }
  const got = readRegularFile(file);
  if (!got.ok) return { ok: false, diagnostics: [{ file, line: 0, column: 0, message: `baseline: ${got.message}` }] };
  const decoded = decodeText(got.buf);
  if (!decoded.ok) return { ok: false, diagnostics: [{ file, ...decoded.fault }] };
  return parseBaseline(decoded.text, file);
}

/** Reads a baseline file's text (JSON; positions of errors through the YAML reader, as JSON is YAML). */
export function parseBaseline(text: string, file: string): BaselineOutcome {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problems = new Problems();
  const fail = (): BaselineOutcome => ({ ok: false, diagnostics: problems.list.map((p) => ({ file, ...p })) });
  try {
    JSON.parse(body);
  } catch (e) {
    // V8 names the position for some errors only; without it the error is reported on the file.
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const before = body.slice(0, position === undefined ? 0 : Number(position)).split("\n");
    const at =
      position === undefined ? { line: 0, column: 0 } : { line: before.length, column: (before[before.length - 1] as string).length + 1 };
    const why = (message.split("\n")[0] as string).replace(/ in JSON at position \d+.*$/, "").replace(/, ".*$|, \.\.\..*$/, "");
    problems.add(at, `not a baseline file: invalid JSON (${why})`);
    return fail();
  }
  // JSON is YAML: the YAML reader gives the positions of what is wrong inside it.
  const parsed = parseYaml(body);
  for (const e of parsed.errors) problems.add(e, `not a baseline file: ${e.message}`);
  if (parsed.errors.length > 0) return fail();
  const root = parsed.docs.find((d): d is PNode => d !== null);
  const findings = root ? field(root, "findings") : undefined;
  if (root?.kind !== "map" || !findings) {
    problems.add(
      root?.at ?? { line: 1, column: 1 },
      `not a baseline file: expected {"schemaVersion": 1, "findings": [...]}, as written by check --write-baseline`,
    );
    return fail();
  }
  const version = field(root, "schemaVersion");
  if (version && !(version.kind === "scalar" && version.value === 1)) {
    problems.add(version.at, `unsupported baseline schemaVersion ${describeNode(version)}; this catch22 reads 1`);
  }
  if (findings.kind !== "seq") {
    problems.add(findings.at, `expected "findings" to be a list, got ${describeNode(findings)}`);
    return fail();
  }
  const entries: BaselineEntry[] = [];
  for (const item of findings.items) {
    const fp = field(item, "fingerprint");
    if (fp?.kind !== "scalar" || typeof fp.value !== "string" || fp.value === "") {
      problems.add((fp ?? item).at, `expected each baseline entry to have a "fingerprint" (text), got ${describeNode(fp ?? item)}`);
      continue;
    }
    const rule = field(item, "rule");
    const services = field(item, "services");
    const missing = field(item, "missing");
    const e: BaselineEntry = {
      fingerprint: fp.value,
      rule: rule?.kind === "scalar" ? String(rule.value) : "",
      services: services?.kind === "seq" ? services.items.map((s) => (s.kind === "scalar" ? String(s.value) : "")) : [],
    };
    if (missing?.kind === "scalar" && typeof missing.value === "string") e.missing = missing.value;
    entries.push(e);
  }
  return problems.list.length > 0 ? fail() : { ok: true, entries };
}

/** Today's findings against a baseline: which are known, which entries no longer occur. */
export function compareBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[], file: string): BaselineComparison {
  const recorded = new Set(entries.map((e) => e.fingerprint));
  const today = new Set(findings.map((f) => f.fingerprint));
  const known = new Set([...today].filter((fp) => recorded.has(fp)));
  const seen = new Set<string>();
  const fixed = entries
    .filter((e) => {
      if (today.has(e.fingerprint) || seen.has(e.fingerprint)) return false;
      seen.add(e.fingerprint);
      return true;
    })
    .sort(compareEntries);
  return { file, known, fixed };
}

export function statusOf(c: BaselineComparison, f: Finding): BaselineStatus {
  return c.known.has(f.fingerprint) ? "known" : "new";
}
