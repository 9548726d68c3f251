// The rule table: adding a rule is adding one module and one line here.
import type { Compiled } from "../graph/compiled.js";
import type { Estate, Finding, Severity } from "../model/types.js";
import { compareNameLists } from "../util/order.js";
import { duplicateService } from "./duplicate-service.js";
import { manifestInvalid } from "./manifest-invalid.js";
import { missingDependency } from "./missing-dependency.js";
import { rollbackNeedsBroken } from "./rollback-needs-broken.js";
import { rollbackUndeclared } from "./rollback-undeclared.js";
import { type Rule, type RuleMeta, toFinding } from "./rule.js";
import { runtimeCycle } from "./runtime-cycle.js";

export const rules: readonly Rule[] = [duplicateService, missingDependency, runtimeCycle, rollbackNeedsBroken, rollbackUndeclared];

/** Every rule's metadata, `manifest-invalid` first, in rule id order after it. */
export const ruleMetas: readonly RuleMeta[] = [manifestInvalid, ...rules.map((r) => r.meta)];

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
