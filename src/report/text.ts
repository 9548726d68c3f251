// The terminal report: findings grouped by rule, in plain words, each witness as a chain with file:line per step.
import { splitApiRef, throughApi } from "../api/ref.js";
import { bySeverity, fails } from "../model/severity.js";
import type { Finding, PathStep, Severity, SourcePos } from "../model/types.js";
import type { DriftSummary } from "../observed/drift.js";
import { hasWitness, ruleMetas } from "../rules/index.js";
import { append } from "../util/append.js";
import { type Style, style } from "../util/color.js";
import { chain, count, counted, formatPos, listNames, MARK, plural, stepArrow, stepLabel } from "../util/text.js";
import { failing, type ReportContext, type StatusSections } from "./context.js";
import { criticalityText } from "./criticality.js";
import { statusTag, statusText } from "./sections.js";

// The path wording lives in util/text.ts (pure, so the web view imports it too); re-exported for the reporters.
export { arrow, chain, MARK } from "../util/text.js";

/** Past this many findings of one info rule, the report lists names instead of blocks (unless --verbose). */
const COLLAPSE_INFO = 5;

export function paint(s: Style, severity: Severity, text: string): string {
  return severity === "error" ? s.red(text) : severity === "warning" ? s.yellow(text) : s.blue(text);
}

/** What the text report reads. */
export type TextContext = Pick<ReportContext, "summary" | "failOn" | "color" | "verbose" | StatusSections | "criticality">;

export function renderText(ctx: TextContext): string {
  const s = style(ctx.color);
  const out: string[] = [];
  const { summary } = ctx;
  out.push(
    `${s.bold("catch22")} ${s.dim("·")} ${count(summary.services)} ${summary.services === 1 ? "service" : "services"} ${s.dim("·")} ${count(summary.edges.runtime)} runtime and ${count(summary.edges.rollback)} rollback edges`,
  );
  if (summary.observed) out.push(driftLine(summary.observed, s));
  const byRule = new Map<string, Finding[]>();
  for (const f of ctx.findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  // Errors first (the catch-22s before the bookkeeping), then by rule id.
  const tag = statusTag(ctx);
  const groups = [...byRule.entries()].sort(
    ([a, fa], [b, fb]) => bySeverity((fa[0] as Finding).severity, (fb[0] as Finding).severity) || (a < b ? -1 : 1),
  );
  for (const [rule, findings] of groups) {
    const meta = ruleMetas.find((m) => m.id === rule);
    const sev = (findings[0] as Finding).severity;
    out.push("");
    out.push(
      `${paint(s, sev, s.bold(rule))} ${s.dim(`(${plural(findings.length, sev === "info" ? "note" : sev)})`)}  ${s.dim(meta?.summary ?? "")}`,
    );
    if (meta) out.push(`  ${s.dim(`fix: ${meta.fix}  (${meta.docs})`)}`);
    if (sev === "info" && findings.length > COLLAPSE_INFO && !ctx.verbose) {
      const names = findings.map((f) => f.services.join(", "));
      out.push(`  ${paint(s, sev, MARK[sev])} ${listNames(names, 12)}`);
      out.push(s.dim(`    (--verbose lists each with its location)`));
      continue;
    }
    for (const f of findings) append(out, renderFinding(f, s, tag(f)));
  }
  out.push("");
  const sections = statusText(ctx, s);
  if (ctx.criticality)
    sections.push(criticalityText(ctx.criticality.graph, ctx.criticality.rankings, s, ctx.verbose, ctx.criticality.slowest));
  for (const section of sections) {
    append(out, section);
    out.push("");
  }
  out.push(footer(ctx, s));
  return `${out.join("\n")}\n`;
}

export function renderFinding(f: Finding, s: Style, tag = ""): string[] {
  const lines = [`  ${paint(s, f.severity, MARK[f.severity])} ${f.message}${tag ? ` ${s.dim(tag)}` : ""}`];
  if (f.note !== undefined) lines.push(`      ${f.note}`);
  if (hasWitness(f)) {
    // An anyOf: one chain per alternative (why each is down), so the line that took any of them down is shown.
    const chains = f.chains ?? [{ path: f.path, locations: f.locations }];
    if (f.chains) lines.push(`      ${s.dim(`why each of the ${f.chains.length} alternatives is down:`)}`);
    for (const c of chains) append(lines, chainBlock(c.path, c.locations, s));
  } else {
    for (const loc of f.locations) lines.push(`      ${s.dim(formatPos(loc))}`);
  }
  if (f.impacted.length > 0) lines.push(`      ${s.dim("waiting on them:")} ${listNames(f.impacted, 10)}`);
  return lines;
}

function throughApiRef(ref: string, providers: readonly string[]): string {
  const { api, version } = splitApiRef(ref);
  return throughApi(api, version, providers);
}

/** A chain in bold, then each step with the file:line:column of the entry declaring it. */
function chainBlock(path: readonly PathStep[], locations: readonly SourcePos[], s: Style): string[] {
  const lines = [`      ${s.bold(chain(path))}`];
  // A step over an api entry names the api (SPEC §8): `scf → cloud-api@v1 (provided by cloud-api)`.
  const labels = path.map((st) =>
    st.api !== undefined ? `${st.from} ${stepArrow(st)} ${throughApiRef(st.api, st.providers ?? [st.to])}` : stepLabel(st),
  );
  let width = 0;
  for (const l of labels) width = Math.max(width, l.length);
  width = Math.min(60, width);
  path.forEach((_, i) => {
    const loc = locations[i];
    lines.push(`        ${(labels[i] as string).padEnd(width)}  ${s.dim(loc ? formatPos(loc) : "")}`);
  });
  return lines;
}

function footer(ctx: TextContext, s: Style): string {
  const c = ctx.summary.findings;
  const failingCount = failing(ctx).length;
  const counts = `${plural(c.error, "error")} · ${plural(c.warning, "warning")} · ${c.info} info`;
  if (ctx.findings.length === 0) return s.green(`✔ No findings in ${plural(ctx.summary.services, "service")}.`);
  if (failingCount === 0) {
    const known = ctx.findings.some((f) => fails(f.severity, ctx.failOn));
    const blocking =
      c.error + c.warning === 0
        ? "no catch-22s found"
        : known
          ? `nothing new at or above --fail-on ${ctx.failOn}`
          : `nothing at or above --fail-on ${ctx.failOn}`;
    return `${s.green("✔")} ${counts} ${s.dim(`(${blocking})`)}`;
  }
  return `${s.red("✖")} ${counts} ${s.dim(`(${plural(failingCount, "finding")} at or above --fail-on ${ctx.failOn})`)}`;
}

/** The drift summary under the header (SPEC §7): what the observed traffic showed against the manifests. */
function driftLine(d: DriftSummary, s: Style): string {
  const dot = s.dim("·");
  return `${s.dim("observed")} ${counted(d.observedEdges, "edge")} between declared services ${dot} ${count(d.matched)} matched ${dot} ${count(d.undeclared)} undeclared ${dot} ${count(d.unobserved)} unobserved ${dot} ${counted(d.unknownNames, "unknown name")}`;
}
