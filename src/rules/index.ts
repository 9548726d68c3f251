// Running the rules: severities from the config, fingerprints, and the SPEC §5 order.
import type { Compiled } from "../graph/compiled.js";
import type { Estate, Finding, Severity } from "../model/types.js";
import { fingerprint } from "../util/fingerprint.js";
import { compareNameLists } from "../util/order.js";
import type { RawFinding, RuleMeta } from "./rule.js";
import { rules } from "./table.js";

export { hasWitness, ruleMeta, ruleMetas, rules } from "./table.js";

export type SeverityOverrides = Partial<Record<string, Severity | "off">>;

export interface RuleTiming {
  rule: string;
  ms: number;
}

/** Runs every rule and returns the findings in the SPEC §5 order. */
export function runRules(estate: Estate, graph: Compiled, overrides: SeverityOverrides = {}, timings?: RuleTiming[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = overrides[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === "off") continue;
    const t0 = performance.now();
    for (const raw of rule.run({ estate, graph })) findings.push(toFinding(rule.meta, raw, severity));
    timings?.push({ rule: rule.meta.id, ms: performance.now() - t0 });
  }
  return sortFindings(findings);
}

/** Sorted by rule id, then `services`, then the names along `path` (SPEC §5). */
export function sortFindings(findings: Finding[]): Finding[] {
  const pathNames = (f: Finding) => (f.path.length === 0 ? [] : [f.path[0]?.from as string, ...f.path.map((s) => s.to)]);
  return findings.sort(
    (a, b) =>
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      compareNameLists(a.services, b.services) ||
      compareNameLists(pathNames(a), pathNames(b)),
  );
}

export function toFinding(meta: RuleMeta, raw: RawFinding, severity: Severity = meta.defaultSeverity): Finding {
  const f: Finding = {
    rule: meta.id,
    severity,
    fingerprint: fingerprint(meta.id, raw.services, raw.missing),
    message: raw.message,
    services: raw.services,
    path: raw.path,
    impacted: raw.impacted,
    locations: raw.locations,
  };
  if (raw.missing !== undefined) f.missing = raw.missing;
  return f;
}
