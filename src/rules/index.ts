// Running the rules: severities from the config, fingerprints, and the SPEC §5 order.
import { type Compiled, isObservedStep } from "../graph/compiled.js";
import {
  type Estate,
  FINDING_FIELDS,
  type Finding,
  type FindingFields,
  type FingerprintField,
  type PathStep,
  type Severity,
} from "../model/types.js";
import type { Drift } from "../observed/drift.js";
import { fingerprint } from "../util/fingerprint.js";
import { byCodeUnit, compareNameLists } from "../util/order.js";
import { markApiSteps } from "./api-steps.js";
import type { RuleReuse } from "./reuse.js";
import type { AnalysisInput, RawFinding, RuleMeta } from "./rule.js";
import { rules } from "./table.js";

export { hasWitness, ruleMeta, ruleMetas, rules } from "./table.js";

/** The fields that can be part of a fingerprint, in the order they sort. */
const FINGERPRINT_FIELDS = ["missing", "alternatives", "dependency"] as const satisfies readonly FingerprintField[];

export type SeverityOverrides = Partial<Record<string, Severity | "off">>;

export interface RuleTiming {
  rule: string;
  ms: number;
}

/** Runs every rule and returns the findings in the SPEC §5 order. */
export function runRules(
  estate: Estate,
  graph: Compiled,
  overrides: SeverityOverrides = {},
  timings?: RuleTiming[],
  observed?: Drift,
  reuse?: RuleReuse,
): Finding[] {
  const findings: Finding[] = [];
  const input: AnalysisInput = { estate, graph };
  if (observed) input.observed = observed;
  if (reuse) input.reuse = reuse;
  for (const rule of rules) {
    const severity = overrides[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === "off") continue;
    const t0 = performance.now();
    for (const raw of rule.run(input)) {
      // A raw finding a rule reused (src/rules/reuse.ts) is made into the same finding again.
      const was = reuse && (raw.path.length === 0 || reuse.exact.has(raw)) ? reuse.findings.get(raw) : undefined;
      if (was && was.severity === severity && was.rule === rule.meta.id) {
        findings.push(was);
        continue;
      }
      if (graph.observed) markObserved(graph, raw);
      const f = toFinding(rule.meta, raw, severity);
      if (reuse && (raw.path.length === 0 || !graph.observed)) reuse.findings.set(raw, f);
      findings.push(f);
    }
    timings?.push({ rule: rule.meta.id, ms: performance.now() - t0 });
  }
  markApiSteps(estate, findings);
  return reuse ? reuse.sort(findings, compareFindings, sortFindings) : sortFindings(findings);
}

/** Marks each runtime step over an edge only observed traffic shows (`--observed-edges hard`, SPEC §6). */
function markObserved(graph: Compiled, raw: RawFinding): void {
  for (const step of raw.path) {
    if (step.kind !== "runtime") continue;
    const from = graph.estate.ids.get(step.from);
    const to = graph.estate.ids.get(step.to);
    if (from !== undefined && to !== undefined && isObservedStep(graph, from, to)) step.observed = true;
  }
}

/** By rule id, then `services`, then the names along `path`, then the fingerprint's own fields (SPEC §5). */
const compareFindings = (a: Finding, b: Finding): number =>
  (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
  compareNameLists(a.services, b.services) ||
  comparePaths(a.path, b.path) ||
  compareNameLists(fingerprintKey(a), fingerprintKey(b));

/** Sorted by rule id, then `services`, then the names along `path`, then the fingerprint's own fields (SPEC §5). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

/**
 * The names along two paths (the first `from`, then each step's `to`; none for an empty path) compared
 * as by compareNameLists, without making the lists: the sort compares n log n pairs.
 */
function comparePaths(a: readonly PathStep[], b: readonly PathStep[]): number {
  const la = a.length === 0 ? 0 : a.length + 1;
  const lb = b.length === 0 ? 0 : b.length + 1;
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const x = i === 0 ? (a[0] as PathStep).from : (a[i - 1] as PathStep).to;
    const y = i === 0 ? (b[0] as PathStep).from : (b[i - 1] as PathStep).to;
    const c = byCodeUnit(x, y);
    if (c !== 0) return c;
  }
  return la - lb;
}

/** The fingerprint's own fields of a finding, flattened in FINGERPRINT_FIELDS order. */
function fingerprintKey(f: FindingFields): string[] {
  const out: string[] = [];
  for (const k of FINGERPRINT_FIELDS) {
    const v = f[k];
    if (v === undefined) continue;
    if (typeof v === "string") out.push(v);
    else for (const x of v) out.push(x);
  }
  return out;
}

/** Copies the rule-specific fields that are set, key by key (so absent ones stay absent in JSON). */
function copyFields(from: FindingFields, to: FindingFields): void {
  for (const k of FINDING_FIELDS) copyField(from, to, k);
}

/** One field, typed by its key (no closure per finding, no cast). */
function copyField<K extends keyof FindingFields>(from: FindingFields, to: FindingFields, k: K): void {
  if (from[k] !== undefined) to[k] = from[k];
}

export function toFinding(meta: RuleMeta, raw: RawFinding, severity: Severity = meta.defaultSeverity): Finding {
  const f: Finding = {
    rule: meta.id,
    severity,
    fingerprint: "",
    message: raw.message,
    services: raw.services,
    path: raw.path,
    impacted: raw.impacted,
    locations: raw.locations,
  };
  copyFields(raw, f);
  // The fields a rule names in meta.fingerprint; a missing-dependency's `missing` as before.
  const own = meta.fingerprint ?? [];
  const extra =
    own.length === 1 && own[0] === "missing" ? raw.missing : own.length === 0 ? undefined : JSON.stringify(own.map((k) => raw[k] ?? null));
  f.fingerprint = fingerprint(meta.id, raw.services, extra);
  return f;
}
