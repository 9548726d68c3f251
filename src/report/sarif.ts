// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the rule table as `rules[]`, one result per finding.
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { statusOf } from "../baseline/baseline.js";
import { bySeverity } from "../model/severity.js";
import type { Finding, PathStep, Severity, SourcePos } from "../model/types.js";
import { hasWitness, ruleMeta, ruleMetas } from "../rules/index.js";
import { HOMEPAGE, repositoryFileUrl, VERSION } from "../version.js";
import type { ReportContext } from "./context.js";
import { arrow, chain } from "./text.js";

type Level = "error" | "warning" | "note";
const LEVEL: Record<Severity, Level> = { error: "error", warning: "warning", info: "note" };
/** The key of catch22's own fingerprint in `partialFingerprints` (versioned, as SARIF recommends). */
export const FINGERPRINT_KEY = "catch22/v1";
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** What SARIF's paths are relative to: the git repository root when there is one, else the current directory. */
export interface Place {
  cwd: string;
  repoRoot?: string | undefined;
}

/** What the SARIF log reads. */
export type SarifContext = Pick<ReportContext, "findings" | "ignored" | "baseline" | "where">;

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A relative path as a URI reference: each segment percent-encoded, "/" kept. */
function uriOf(rel: string): string {
  return rel.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/**
 * A manifest's location as SARIF wants it: relative to the git repository root with uriBaseId
 * %SRCROOT% (GitHub maps it onto the checkout); outside a repository, relative to the current
 * directory; a file outside both is an absolute file: URI.
 */
export function artifactLocation(file: string, where: Place | undefined): ArtifactLocation {
  if (!where) return { uri: uriOf(file), uriBaseId: "%SRCROOT%" };
  const abs = path.resolve(where.cwd, file);
  const rel = path.relative(where.repoRoot ?? where.cwd, abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: uriOf(rel), uriBaseId: "%SRCROOT%" };
}

function physical(pos: SourcePos, where: Place | undefined) {
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(pos.file, where),
      region: { startLine: Math.max(1, pos.line), startColumn: Math.max(1, pos.column) },
    },
  };
}

/** What each location of a finding stands for, in words. */
function stepText(f: Finding, i: number): string {
  const step: PathStep | undefined = f.path[i];
  const label = ruleMeta(f.rule).locationLabel;
  if (label) return label(f, i);
  if (step) return `${step.from} ${arrow(step.kind)} ${step.to} (${step.kind}${step.observed ? ", observed" : ""})`;
  return f.services.join(", ");
}

function chainStepText(step: PathStep | undefined): string {
  return step ? `${step.from} ${arrow(step.kind)} ${step.to} (${step.kind})` : "";
}

function result(f: Finding, ctx: SarifContext, where: Place | undefined) {
  const ruleIndex = ruleMetas.findIndex((m) => m.id === f.rule);
  const witness = hasWitness(f) ? chain(f.path) : "";
  const text = witness ? `${f.message}: ${witness}` : f.message;
  const r: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: text.endsWith(".") ? text : `${text}.` },
  };
  const [first, ...rest] = f.locations;
  if (first) r.locations = [physical(first, where)];
  if (rest.length > 0) {
    r.relatedLocations = rest.map((p, i) => ({ id: i + 1, ...physical(p, where), message: { text: stepText(f, i + 1) } }));
  }
  if (f.chains) {
    // An anyOf: a code flow per alternative (why each is down), and every step's entry among the
    // related locations, so the line a change touched is there whichever chain is the shortest.
    const seen = new Set(f.locations.map((p) => `${p.file}:${p.line}:${p.column}`));
    const related = (r.relatedLocations as unknown[] | undefined) ?? [];
    for (const c of f.chains) {
      c.locations.forEach((p, i) => {
        const key = `${p.file}:${p.line}:${p.column}`;
        if (seen.has(key)) return;
        seen.add(key);
        related.push({ id: related.length + 1, ...physical(p, where), message: { text: chainStepText(c.path[i]) } });
      });
    }
    if (related.length > 0) r.relatedLocations = related;
    r.codeFlows = f.chains.map((c) => ({
      message: { text: chain(c.path) },
      threadFlows: [
        { locations: c.locations.map((p, i) => ({ location: { ...physical(p, where), message: { text: chainStepText(c.path[i]) } } })) },
      ],
    }));
  } else if (witness && f.locations.length === f.path.length) {
    r.codeFlows = [
      {
        message: { text: witness },
        threadFlows: [
          { locations: f.locations.map((p, i) => ({ location: { ...physical(p, where), message: { text: stepText(f, i) } } })) },
        ],
      },
    ];
  }
  r.partialFingerprints = { [FINGERPRINT_KEY]: f.fingerprint };
  if (ctx.baseline) r.baselineState = statusOf(ctx.baseline, f) === "known" ? "unchanged" : "new";
  const properties: Record<string, unknown> = { services: f.services };
  if (f.impacted.length > 0) properties.impacted = f.impacted;
  if (f.missing !== undefined) properties.missing = f.missing;
  r.properties = properties;
  return r;
}

/** GitHub code scanning's hard limit of results per run. */
export const MAX_RESULTS = 25_000;

/** The tool of every SARIF log catch22 writes: its rule table included, manifest-invalid first. */
export function sarifDriver() {
  const rules = ruleMetas.map((m) => ({
    id: m.id,
    name: m.id
      .split("-")
      .map((w) => (w[0] as string).toUpperCase() + w.slice(1))
      .join(""),
    shortDescription: { text: m.summary },
    fullDescription: { text: m.help },
    help: { text: m.help, markdown: `**${m.summary}.**\n\n${m.help}` },
    helpUri: repositoryFileUrl(m.docs),
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    properties: { tags: ["reliability", "catch22"] },
  }));
  return { name: "catch22", version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules };
}

export function renderSarif(ctx: SarifContext): string {
  // Ignored findings are left out rather than written with `suppressions`: GitHub code scanning
  // ingests suppressed results as open alerts. The run's properties list them instead.
  // GitHub code scanning rejects a run of more than 25,000 results; a large estate's info findings
  // (rollback-undeclared) can pass that. Keep the most severe, in report order, and say what was left out.
  const kept =
    ctx.findings.length <= MAX_RESULTS
      ? ctx.findings
      : ctx.findings
          .map((f, i) => [f, i] as const)
          .sort((a, b) => bySeverity(a[0].severity, b[0].severity) || a[1] - b[1])
          .slice(0, MAX_RESULTS)
          .sort((a, b) => a[1] - b[1])
          .map(([f]) => f);
  // The repository root is asked for once, and only here: no other format needs it.
  const where = ctx.where ? { cwd: ctx.where.cwd, repoRoot: ctx.where.repoRoot() } : undefined;
  const results = kept.map((f) => result(f, ctx, where));
  const omitted = ctx.findings.length - kept.length;
  const ignored = (ctx.ignored ?? []).map((i) => ({
    rule: i.finding.rule,
    services: i.finding.services,
    fingerprint: i.finding.fingerprint,
    reason: i.entry.reason,
    ...(i.entry.until !== undefined ? { until: i.entry.until } : {}),
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: sarifDriver() },
        columnKind: "utf16CodeUnits",
        results,
        ...(ignored.length > 0 || omitted > 0
          ? {
              properties: {
                ...(ignored.length > 0 ? { ignored } : {}),
                ...(omitted > 0
                  ? {
                      omitted: {
                        count: omitted,
                        reason: `GitHub code scanning rejects runs of more than ${MAX_RESULTS} results: the ${omitted} least severe findings are left out (the JSON report has them all)`,
                      },
                    }
                  : {}),
              },
            }
          : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
