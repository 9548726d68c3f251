// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: counts, a table of findings, witness chains; long parts collapsed.

import type { Finding, Severity } from "../model/types.js";
import { hasWitness, ruleMeta } from "../rules/index.js";
import { append } from "../util/append.js";
import { md, mdCode } from "../util/escape.js";
import { formatPos, listNames, plural, stepLabel } from "../util/text.js";
import { repositoryFileUrl } from "../version.js";
import { failing, type ReportContext } from "./context.js";
import { chain } from "./text.js";

const MARK: Record<Severity, string> = { error: "✖ error", warning: "▲ warning", info: "ℹ info" };
/** Past this many rows a table is collapsed into <details>. */
export const COLLAPSE_ROWS = 10;
/** Past this many witness chains they are collapsed too. */
export const COLLAPSE_CHAINS = 3;
/** At most this many rows and witness chains are written (GitHub limits comments to 65,536 characters). */
export const MAX_ROWS = 100;
export const MAX_CHAINS = 30;

/** Wraps a block in <details> when asked; GitHub needs the blank lines around Markdown inside HTML. */
export function collapsible(summary: string, body: string[], collapse: boolean): string[] {
  if (!collapse) return body;
  return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

function subject(f: Finding): string {
  return f.missing !== undefined ? `${mdCode(f.services.join(", "))} → ${mdCode(f.missing)}` : f.services.map(mdCode).join(", ");
}

/** A table of findings, one row each, with an optional status column (new / known / introduced …). */
export function findingTable(findings: readonly Finding[], status?: (f: Finding) => string): string[] {
  const head = status
    ? "| Severity | Status | Rule | Subject | Finding | Location |"
    : "| Severity | Rule | Subject | Finding | Location |";
  const rows = [head, head.replace(/[^|]+/g, " --- ")];
  for (const f of findings.slice(0, MAX_ROWS)) {
    const loc = f.locations[0];
    const cells = [
      MARK[f.severity],
      ...(status ? [status(f)] : []),
      mdCode(f.rule),
      subject(f),
      md(f.note === undefined ? f.message : `${f.message} — ${f.note}`),
      loc ? mdCode(formatPos(loc)) : "",
    ];
    rows.push(`| ${cells.join(" | ")} |`);
  }
  if (findings.length > MAX_ROWS)
    rows.push("", `… and ${findings.length - MAX_ROWS} more (the json and sarif formats list every finding).`);
  return rows;
}

/** Each witness chain with the file:line:column of every step. */
export function witnessList(findings: readonly Finding[]): string[] {
  const withPath = findings.filter((f) => hasWitness(f));
  const out: string[] = [];
  for (const f of withPath.slice(0, MAX_CHAINS)) {
    const steps = (path: Finding["path"], locations: Finding["locations"], indent: string) =>
      path.forEach((st, i) => {
        const loc = locations[i];
        out.push(`${indent}- ${mdCode(stepLabel(st))}${loc ? ` at ${mdCode(formatPos(loc))}` : ""}`);
      });
    if (f.chains) {
      // An anyOf: one chain per alternative (why each is down), so the changed line is always listed.
      out.push(`- ${mdCode(f.rule)} ${subject(f)}: each of the ${f.chains.length} alternatives is down`);
      for (const c of f.chains) {
        out.push(`  - ${mdCode(chain(c.path))}`);
        steps(c.path, c.locations, "    ");
      }
    } else {
      out.push(`- ${mdCode(f.rule)} ${subject(f)}: ${mdCode(chain(f.path))}`);
      steps(f.path, f.locations, "  ");
    }
    if (f.impacted.length > 0) out.push(`  - waiting on them: ${md(listNames(f.impacted, 10))}`);
  }
  if (withPath.length > MAX_CHAINS) out.push(`- … and ${withPath.length - MAX_CHAINS} more`);
  return out;
}

/** The findings section shared by `check` and `diff`: a table (collapsed when long) and the witness chains. */
export function findingsSection(title: string, findings: readonly Finding[], status?: (f: Finding) => string): string[] {
  if (findings.length === 0) return [];
  const out = [
    `### ${title}`,
    "",
    ...collapsible(plural(findings.length, "finding"), findingTable(findings, status), findings.length > COLLAPSE_ROWS),
  ];
  const chains = witnessList(findings);
  if (chains.length > 0) {
    const collapse = findings.filter((f) => hasWitness(f)).length > COLLAPSE_CHAINS;
    append(out, ["", ...(collapse ? [] : ["Witness chains:", ""]), ...collapsible("Witness chains", chains, collapse)]);
  }
  out.push("");
  return out;
}

/** "How to fix": each rule among the findings, once, with its fix and a link to its page (docs/rules/<id>.md in the repository). */
export function fixSection(findings: readonly Finding[]): string[] {
  const ids = [...new Set(findings.map((f) => f.rule))];
  if (ids.length === 0) return [];
  const lines = ids.map((id) => {
    const m = ruleMeta(id);
    // The fix is catch22's own text, written in Markdown (`anyOf`), not input: not escaped.
    return `- ${mdCode(id)}: ${m.fix} [${md(m.docs)}](${repositoryFileUrl(m.docs)})`;
  });
  return ["How to fix:", "", ...lines, ""];
}

export function counts(c: Record<Severity, number>): string {
  return `**${c.error}** ${c.error === 1 ? "error" : "errors"} · **${c.warning}** ${c.warning === 1 ? "warning" : "warnings"} · **${c.info}** info`;
}

export function renderMarkdown(ctx: Pick<ReportContext, "summary" | "failOn" | "findings" | "ignored" | "baseline">): string {
  const { summary } = ctx;
  const fail = failing(ctx).length;
  const verdict =
    fail > 0
      ? `✖ **${plural(fail, "finding")} at or above \`--fail-on ${ctx.failOn}\`**`
      : ctx.findings.length === 0
        ? "✔ **No findings**"
        : `✔ **Nothing${ctx.baseline ? " new" : ""} at or above \`--fail-on ${ctx.failOn}\`**`;
  const out = [
    "## catch22",
    "",
    `${verdict}: ${counts(summary.findings)} in ${plural(summary.services, "service")} (${summary.edges.runtime} runtime and ${summary.edges.rollback} rollback edges)`,
    "",
  ];
  const { baseline } = ctx;
  if (baseline) {
    const known = ctx.findings.filter((f) => baseline.known.has(f.fingerprint)).length;
    out.push(
      `Baseline ${mdCode(baseline.file)}: **${ctx.findings.length - known}** new, ${known} known, ${baseline.fixed.length} fixed.`,
      "",
    );
  }
  const status = baseline ? (f: Finding) => (baseline.known.has(f.fingerprint) ? "known" : "**new**") : undefined;
  append(out, findingsSection("Findings", ctx.findings, status));
  append(out, fixSection(ctx.findings));
  const ignored = ctx.ignored ?? [];
  if (ignored.length > 0) {
    const list = ignored.map(
      (i) => `- ${mdCode(i.finding.rule)} ${subject(i.finding)}: ${md(i.entry.reason)}${i.entry.until ? ` (until ${i.entry.until})` : ""}`,
    );
    append(out, collapsible(`${plural(ignored.length, "finding")} ignored in the config`, list, true));
    out.push("");
  }
  if (baseline && baseline.fixed.length > 0) {
    const list = baseline.fixed
      .slice(0, MAX_ROWS)
      .map((e) => `- ${mdCode(e.rule)} ${e.services.map(mdCode).join(", ")}${e.missing ? ` → ${mdCode(e.missing)}` : ""}`);
    append(out, collapsible(`${plural(baseline.fixed.length, "baseline entry", "baseline entries")} no longer occur`, list, true));
    out.push("");
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
