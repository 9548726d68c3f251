// The `catch22 diff` report (text, json, markdown): findings a change introduces and resolves, matched by fingerprint.
import type { FindingsDiff } from "../diff/diff.js";
import { type FailOn, fails, countBySeverity as tally } from "../model/severity.js";
import type { Finding, Severity } from "../model/types.js";
import { ruleMeta } from "../rules/index.js";
import { append } from "../util/append.js";
import { style } from "../util/color.js";
import { md, mdCode } from "../util/escape.js";
import { plural } from "../util/text.js";
import { VERSION } from "../version.js";
import { findingJson } from "./finding-json.js";
import type { Format } from "./format.js";
import { renderGithub } from "./github.js";
import { counts, findingsSection, fixSection } from "./markdown.js";
import { paint, renderFinding } from "./text.js";

export interface DiffSide {
  /** What the side is: a git revision, or the paths read. */
  label: string;
  /** The git commit, for --base-ref. */
  commit?: string;
  paths: string[];
  services: number;
  /** Findings that count (ignored ones set apart), per severity. */
  findings: Record<Severity, number>;
  ignored: number;
}

export interface DiffContext {
  base: DiffSide;
  head: DiffSide;
  diff: FindingsDiff;
  failOn: FailOn;
  color: boolean;
}

/** Introduced findings at or above the threshold: they make `diff` exit 1. */
export function introducedFailing(ctx: Pick<DiffContext, "diff" | "failOn">): Finding[] {
  return ctx.diff.introduced.filter((f) => fails(f.severity, ctx.failOn));
}

function sideText(side: DiffSide): string {
  const n = side.findings.error + side.findings.warning + side.findings.info;
  return `${side.label} (${plural(side.services, "service")}, ${plural(n, "finding")})`;
}

export function renderDiffText(ctx: DiffContext): string {
  const s = style(ctx.color);
  const { introduced, resolved, unchanged } = ctx.diff;
  const out = [`${s.bold("catch22 diff")} ${s.dim("·")} base ${sideText(ctx.base)} ${s.dim("→")} head ${sideText(ctx.head)}`, ""];
  out.push(`${s.bold("introduced")} ${s.dim(`(${introduced.length})`)}`);
  for (const f of introduced) {
    const lines = renderFinding(f, s);
    lines[0] = `${lines[0]} ${s.dim(`[${f.rule}]`)}`;
    const meta = ruleMeta(f.rule);
    append(out, lines);
    out.push(`      ${s.dim(`fix: ${meta.fix}  (${meta.docs})`)}`);
  }
  out.push("", `${s.bold("resolved")} ${s.dim(`(${resolved.length})`)}`);
  for (const f of resolved) out.push(`  ${s.green("✔")} ${f.message} ${s.dim(`[${f.rule}]`)}`);
  out.push("");
  const fail = introducedFailing(ctx).length;
  const line = `${plural(introduced.length, "finding")} introduced, ${resolved.length} resolved, ${unchanged.length} unchanged`;
  if (fail > 0)
    out.push(`${paint(s, "error", "✖")} ${line} ${s.dim(`(${plural(fail, "introduced finding")} at or above --fail-on ${ctx.failOn})`)}`);
  else out.push(`${s.green("✔")} ${line} ${s.dim(`(nothing introduced at or above --fail-on ${ctx.failOn})`)}`);
  return `${out.join("\n")}\n`;
}

export function renderDiffJson(ctx: DiffContext): string {
  const side = (d: DiffSide) => ({
    label: d.label,
    ...(d.commit ? { commit: d.commit } : {}),
    paths: d.paths,
    services: d.services,
    findings: d.findings,
    ignored: d.ignored,
  });
  const report = {
    tool: { name: "catch22", version: VERSION },
    schemaVersion: 1,
    base: side(ctx.base),
    head: side(ctx.head),
    summary: {
      introduced: tally(ctx.diff.introduced),
      resolved: tally(ctx.diff.resolved),
      unchanged: ctx.diff.unchanged.length,
      failing: introducedFailing(ctx).length,
      failOn: ctx.failOn,
    },
    introduced: ctx.diff.introduced.map(findingJson),
    resolved: ctx.diff.resolved.map(findingJson),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderDiffMarkdown(ctx: DiffContext): string {
  const { introduced, resolved, unchanged } = ctx.diff;
  const fail = introducedFailing(ctx).length;
  const verdict =
    fail > 0
      ? `✖ **This change introduces ${plural(fail, "finding")} at or above \`--fail-on ${ctx.failOn}\`**`
      : `✔ **This change introduces nothing at or above \`--fail-on ${ctx.failOn}\`**`;
  const out = [
    "## catch22 diff",
    "",
    `${verdict}.`,
    "",
    `Base ${mdCode(ctx.base.label)} → head ${mdCode(ctx.head.label)}: ${plural(introduced.length, "finding")} introduced (${counts(tally(introduced))}), ${resolved.length} resolved, ${unchanged.length} unchanged.`,
    "",
    ...findingsSection("Introduced", introduced),
    ...fixSection(introduced),
    ...findingsSection("Resolved", resolved),
  ];
  if (introduced.length + resolved.length === 0) out.push(md("No finding changed."), "");
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

export const diffFormats: readonly Format<DiffContext>[] = [
  { id: "text", description: "the terminal report", render: renderDiffText },
  { id: "json", description: "introduced and resolved findings as JSON", render: renderDiffJson },
  { id: "markdown", description: "Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY", render: renderDiffMarkdown },
  {
    id: "github",
    description: "GitHub Actions annotations for the introduced findings",
    render: (ctx) => renderGithub(ctx.diff.introduced),
  },
];
