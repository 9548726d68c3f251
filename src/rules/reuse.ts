// What `serve` keeps of the rules' work between analyses: findings that are a function of objects the next analysis reuses as they are.
import type { Finding, Service } from "../model/types.js";
import type { RawFinding } from "./rule.js";

/**
 * Kept by `serve` from one analysis to the next (src/model/estate.ts reuses an unchanged service as
 * the same object, and nothing changes a service). Weak maps: what the next estate no longer holds goes.
 */
export class RuleReuse {
  /** rollback-undeclared's finding for a service: a function of the service alone (its name, its rollback key, its first declaration's position). */
  readonly undeclaredRollback = new WeakMap<Service, RawFinding>();
  /**
   * The finding made of a raw finding without a path: the same raw object, the same finding (at the same
   * severity), since only path steps are marked after a finding is made (observed steps, api steps).
   */
  readonly findings = new WeakMap<RawFinding, Finding>();
}
