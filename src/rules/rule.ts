// What a rule is: its metadata (read by the text report, SARIF, the README and --help) next to a pure function.
import type { Compiled } from "../graph/compiled.js";
import type { Estate, Finding, PathStep, Severity, SourcePos } from "../model/types.js";
import { fingerprint } from "../util/fingerprint.js";

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /** A paragraph: why it matters and how to fix it. */
  help: string;
}

export interface AnalysisInput {
  estate: Estate;
  graph: Compiled;
}

/** A finding before severity and fingerprint are attached. */
export interface RawFinding {
  message: string;
  services: string[];
  path: PathStep[];
  impacted: string[];
  locations: SourcePos[];
  missing?: string;
}

export interface Rule {
  meta: RuleMeta;
  run(input: AnalysisInput): RawFinding[];
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
