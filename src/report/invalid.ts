// The machine formats' error forms (SPEC §1): what json, sarif, junit and github write when input errors stop the run, so a CI job still has a report to show.
import type { Diagnostic } from "../model/types.js";
import { xml, xmlAttr } from "../util/escape.js";
import { VERSION } from "../version.js";
import type { Where } from "./context.js";
import { renderGithub } from "./github.js";
import { artifactLocation, SARIF_SCHEMA, sarifDriver } from "./sarif.js";

/** An input error as the reports write it: no position is `null` (the loader says 0). */
export interface InputError {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

export function inputError(d: Diagnostic): InputError {
  const known = d.line > 0;
  return { file: d.file, line: known ? d.line : null, column: known && d.column > 0 ? d.column : null, message: d.message };
}

/** What an error form reads: the errors, where the run happened (SARIF paths), and which command wrote it. */
export interface InvalidContext {
  errors: readonly InputError[];
  where?: Where;
  /** `diff` writes `introduced`/`resolved` (empty) where `check` writes `findings`. */
  command: "check" | "diff" | "graph";
}

function renderJson(ctx: InvalidContext): string {
  const empty = ctx.command === "diff" ? { introduced: [], resolved: [] } : { findings: [] };
  const report = { tool: { name: "catch22", version: VERSION }, schemaVersion: 1, diagnostics: ctx.errors, ...empty };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function renderSarif(ctx: InvalidContext): string {
  const where = ctx.where ? { cwd: ctx.where.cwd, repoRoot: ctx.where.repoRoot() } : undefined;
  const results = ctx.errors.map((e) => {
    const physicalLocation: Record<string, unknown> = { artifactLocation: artifactLocation(e.file, where) };
    if (e.line !== null) physicalLocation.region = { startLine: e.line, ...(e.column !== null ? { startColumn: e.column } : {}) };
    return {
      ruleId: "manifest-invalid",
      ruleIndex: 0,
      level: "error",
      message: { text: e.message.endsWith(".") ? e.message : `${e.message}.` },
      ...(e.file !== "" ? { locations: [{ physicalLocation }] } : {}),
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [{ tool: { driver: sarifDriver() }, columnKind: "utf16CodeUnits", results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function renderJunit(ctx: InvalidContext): string {
  const n = ctx.errors.length;
  const cases = ctx.errors.map((e) => {
    const at = e.line !== null ? `${e.file}:${e.line}${e.column !== null ? `:${e.column}` : ""}` : e.file;
    const attrs = `name="${xmlAttr(at)}" classname="catch22.manifest-invalid"${e.file ? ` file="${xmlAttr(e.file)}"` : ""} time="0"`;
    return `    <testcase ${attrs}><failure message="${xmlAttr(e.message)}" type="error">${xml(`${at}: ${e.message}`)}</failure></testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="catch22" tests="${n}" failures="${n}" errors="0" skipped="0" time="0">`,
    `  <testsuite name="manifest-invalid" tests="${n}" failures="${n}" errors="0" skipped="0" time="0">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/** The error form of each machine format, by format id; the human formats (text, markdown, html…) have none. */
const FORMS: Record<string, (ctx: InvalidContext) => string> = {
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  github: (ctx) => renderGithub([], ctx.errors),
};

/** The report a format writes for input errors, or undefined when it writes none (stderr has them). */
export function renderInvalid(format: string, ctx: InvalidContext): string | undefined {
  return FORMS[format]?.(ctx);
}
