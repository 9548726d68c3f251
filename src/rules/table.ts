// The rule table: adding a rule is adding one module and one line here. Pure: the web view imports it too.
import type { Finding } from "../model/types.js";
import { apiUnprovided } from "./api-unprovided.js";
import { duplicateService } from "./duplicate-service.js";
import { localRollbackNeedsBroken, localSharedFate } from "./local.js";
import { manifestInvalid } from "./manifest-invalid.js";
import { missingDependency } from "./missing-dependency.js";
import { rollbackUndeclared } from "./rollback-undeclared.js";
import type { Rule, RuleMeta } from "./rule.js";
import { runtimeCycle } from "./runtime-cycle.js";
import { undeclaredDependency } from "./undeclared-dependency.js";
import { undeclaredService } from "./undeclared-service.js";
import { unobservedDependency } from "./unobserved-dependency.js";

/** The rules that run, in rule id order (test/rules/table.test.ts keeps it so). */
export const rules: readonly Rule[] = [
  apiUnprovided,
  duplicateService,
  missingDependency,
  localRollbackNeedsBroken,
  rollbackUndeclared,
  runtimeCycle,
  localSharedFate,
  undeclaredDependency,
  undeclaredService,
  unobservedDependency,
];

/**
 * Every rule's metadata: `manifest-invalid` first (input errors come before any analysis, and it
 * is no rule that runs), then the rules in rule id order.
 */
export const ruleMetas: readonly RuleMeta[] = [manifestInvalid, ...rules.map((r) => r.meta)];

const metaById = new Map(ruleMetas.map((m) => [m.id, m]));

/** The metadata of a rule by id (every finding's rule is in the table). */
export function ruleMeta(id: string): RuleMeta {
  const m = metaById.get(id);
  if (!m) throw new Error(`no rule ${id}`);
  return m;
}

/** True when the finding's path is a chain of reasons to show as a chain (not the one declaring entry). */
export function hasWitness(f: Pick<Finding, "rule" | "path">): boolean {
  return f.path.length > 0 && ruleMeta(f.rule).path === "witness";
}
