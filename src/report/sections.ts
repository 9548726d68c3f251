// Ignored findings and baseline status as the text and JSON reports show them (through their `extras` hooks).
import { statusOf } from "../baseline/baseline.js";
import type { IgnoredFinding } from "../config/ignore.js";
import type { Finding } from "../model/types.js";
import type { Style } from "../util/color.js";
import { formatPos, plural } from "../util/text.js";
import type { ReportContext } from "./context.js";
import { findingJson } from "./json.js";

function ignoreJson(i: IgnoredFinding): Record<string, unknown> {
  return { reason: i.entry.reason, ...(i.entry.until !== undefined ? { until: i.entry.until } : {}), location: i.entry.pos };
}

function subject(f: { rule: string; services: string[]; missing?: string }): string {
  return `${f.rule} ${f.services.join(", ")}${f.missing !== undefined ? ` → ${f.missing}` : ""}`;
}

/** The `extras` that carry ignore and baseline status into text.ts and json.ts. */
export function statusExtras(ctx: Pick<ReportContext, "findings" | "ignored" | "expired" | "baseline">): Record<string, unknown> {
  const { ignored = [], expired = [], baseline } = ctx;
  const expiredBy = new Map(expired.map((e) => [e.finding, e]));
  const extras: Record<string, unknown> = {};
  const summary: Record<string, unknown> = {};
  if (ignored.length > 0 || expired.length > 0) summary.ignored = ignored.length;
  if (baseline) {
    const known = ctx.findings.filter((f) => baseline.known.has(f.fingerprint)).length;
    summary.baseline = {
      file: baseline.file,
      new: ctx.findings.length - known,
      known,
      fixed: baseline.fixed.length,
      fixedEntries: baseline.fixed,
    };
  }
  extras.summary = summary;
  extras.findingFields = (f: Finding) => {
    const out: Record<string, unknown> = {};
    if (baseline) out.baseline = statusOf(baseline, f);
    const e = expiredBy.get(f);
    if (e) out.ignoreExpired = ignoreJson(e);
    return out;
  };
  extras.findingTag = (f: Finding) => {
    const tags: string[] = [];
    if (baseline) tags.push(statusOf(baseline, f) === "known" ? "(known: in the baseline)" : "(new)");
    const e = expiredBy.get(f);
    if (e) tags.push(`(its ignore entry expired on ${e.entry.until}: ${formatPos(e.entry.pos)})`);
    return tags.join(" ");
  };
  if (ignored.length > 0) extras.jsonSections = { ignored: ignored.map((i) => ({ ...findingJson(i.finding), ignore: ignoreJson(i) })) };
  const sections: ((s: Style) => string[])[] = [];
  if (ignored.length > 0) {
    sections.push((s) => [
      `${s.bold("ignored")} ${s.dim(`(${plural(ignored.length, "finding")} accepted in the config; they do not fail the run)`)}`,
      ...ignored.map(
        (i) =>
          `  ${s.dim("○")} ${subject(i.finding)}: ${i.entry.reason}${i.entry.until ? s.dim(` (until ${i.entry.until})`) : ""}  ${s.dim(formatPos(i.entry.pos))}`,
      ),
    ]);
  }
  if (baseline) {
    const known = ctx.findings.filter((f) => baseline.known.has(f.fingerprint)).length;
    sections.push((s) => [
      `${s.bold("baseline")} ${s.dim(baseline.file)}: ${plural(ctx.findings.length - known, "new finding")}, ${known} known, ${baseline.fixed.length} fixed`,
      ...baseline.fixed.map((e) => `  ${s.green("✔")} no longer occurs: ${subject(e)} ${s.dim(e.fingerprint)}`),
    ]);
  }
  if (sections.length > 0) extras.textSections = sections;
  return extras;
}
