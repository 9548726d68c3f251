// Ignored findings and baseline status as the text and JSON reports show them: a tag or fields per finding, and sections of their own.
import { statusOf } from "../baseline/baseline.js";
import type { IgnoredFinding } from "../config/ignore.js";
import type { Finding } from "../model/types.js";
import type { Style } from "../util/color.js";
import { formatPos, plural } from "../util/text.js";
import type { ReportContext, StatusSections } from "./context.js";
import { findingJson } from "./finding-json.js";

type Status = Pick<ReportContext, StatusSections>;

function ignoreJson(i: IgnoredFinding): Record<string, unknown> {
  return { reason: i.entry.reason, ...(i.entry.until !== undefined ? { until: i.entry.until } : {}), location: i.entry.pos };
}

function subject(f: { rule: string; services: string[]; missing?: string }): string {
  return `${f.rule} ${f.services.join(", ")}${f.missing !== undefined ? ` → ${f.missing}` : ""}`;
}

function knownCount(ctx: Status): number {
  const { baseline } = ctx;
  return baseline ? ctx.findings.filter((f) => baseline.known.has(f.fingerprint)).length : 0;
}

/** The JSON `summary` fields of the status: how many findings are ignored, and the baseline's counts. */
export function statusSummary(ctx: Status): Record<string, unknown> {
  const { ignored = [], expired = [], baseline } = ctx;
  const summary: Record<string, unknown> = {};
  if (ignored.length > 0 || expired.length > 0) summary.ignored = ignored.length;
  if (baseline) {
    const known = knownCount(ctx);
    summary.baseline = {
      file: baseline.file,
      new: ctx.findings.length - known,
      known,
      fixed: baseline.fixed.length,
      fixedEntries: baseline.fixed,
    };
  }
  return summary;
}

/** Each finding's status fields in JSON: its baseline status, and the expired ignore entry that matched it. */
export function statusFields(ctx: Status): (f: Finding) => Record<string, unknown> {
  const { expired = [], baseline } = ctx;
  const expiredBy = new Map(expired.map((e) => [e.finding, e]));
  return (f) => {
    const out: Record<string, unknown> = {};
    if (baseline) out.baseline = statusOf(baseline, f);
    const e = expiredBy.get(f);
    if (e) out.ignoreExpired = ignoreJson(e);
    return out;
  };
}

/** The JSON report's `ignored` section, when some finding is ignored. */
export function ignoredJson(ctx: Pick<ReportContext, "ignored">): { ignored?: Record<string, unknown>[] } {
  const { ignored = [] } = ctx;
  return ignored.length > 0 ? { ignored: ignored.map((i) => ({ ...findingJson(i.finding), ignore: ignoreJson(i) })) } : {};
}

/** Each finding's status in the text report, after its message. */
export function statusTag(ctx: Status): (f: Finding) => string {
  const { expired = [], baseline } = ctx;
  const expiredBy = new Map(expired.map((e) => [e.finding, e]));
  return (f) => {
    const tags: string[] = [];
    if (baseline) tags.push(statusOf(baseline, f) === "known" ? "(known: in the baseline)" : "(new)");
    const e = expiredBy.get(f);
    if (e) tags.push(`(its ignore entry expired on ${e.entry.until}: ${formatPos(e.entry.pos)})`);
    return tags.join(" ");
  };
}

/** The text report's sections before its footer: the ignored findings, then the baseline's counts and fixed entries. */
export function statusText(ctx: Status, s: Style): string[][] {
  const { ignored = [], baseline } = ctx;
  const sections: string[][] = [];
  if (ignored.length > 0) {
    sections.push([
      `${s.bold("ignored")} ${s.dim(`(${plural(ignored.length, "finding")} accepted in the config; they do not fail the run)`)}`,
      ...ignored.map(
        (i) =>
          `  ${s.dim("○")} ${subject(i.finding)}: ${i.entry.reason}${i.entry.until ? s.dim(` (until ${i.entry.until})`) : ""}  ${s.dim(formatPos(i.entry.pos))}`,
      ),
    ]);
  }
  if (baseline) {
    const known = knownCount(ctx);
    sections.push([
      `${s.bold("baseline")} ${s.dim(baseline.file)}: ${plural(ctx.findings.length - known, "new finding")}, ${known} known, ${baseline.fixed.length} fixed`,
      ...baseline.fixed.map((e) => `  ${s.green("✔")} no longer occurs: ${subject(e)} ${s.dim(e.fingerprint)}`),
    ]);
  }
  return sections;
}
