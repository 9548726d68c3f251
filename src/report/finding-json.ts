// One finding as SPEC §6 writes it: shared by the JSON report, the diff report, the ignored section and the web view's model.
import { FINDING_FIELDS, type Finding } from "../model/types.js";

export function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rule: f.rule,
    severity: f.severity,
    fingerprint: f.fingerprint,
    message: f.message,
    services: f.services,
    path: f.path,
    impacted: f.impacted,
    locations: f.locations,
  };
  for (const k of FINDING_FIELDS) if (f[k] !== undefined) out[k] = f[k];
  return out;
}
