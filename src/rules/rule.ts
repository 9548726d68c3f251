// What a rule is: its metadata (read by the text report, SARIF, the README and --help) next to a pure function.
import type { Compiled } from "../graph/compiled.js";
import type { Estate, Finding, FindingFields, FingerprintField, PathStep, Severity, SourcePos } from "../model/types.js";
import type { Drift } from "../observed/drift.js";
import type { RuleReuse } from "./reuse.js";

/** How the map marks a service that a finding is about (the web view's shapes and colours). */
export type ServiceMark = "catch22" | "core" | "impacted" | "shared";

/**
 * Everything a report or the web view needs to know about a rule's findings, so that no view
 * branches on a rule id (as ESLint's `meta` carries a rule's messages and docs).
 */
export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /** A paragraph: why it matters and how to fix it. */
  help: string;
  /** One sentence: what to change in the manifests (the "fix:" line of a finding). */
  fix: string;
  /** The rule's page, relative to the repository root: `docs/rules/<id>.md`. */
  docs: string;
  /**
   * What a finding's `path` holds: "witness", a chain of reasons shown as a chain and stepped
   * through; "entry", the one edge that declares the finding (shown by its location, not as a
   * chain); "none", always empty.
   */
  path: "witness" | "entry" | "none";
  /** How the map marks the finding's `services` and `impacted` (nothing when absent). */
  marks?: { services?: ServiceMark; impacted?: ServiceMark };
  /**
   * Whether a runtime step Y → Z of the witness is a reason that Y is down (rollback-needs-broken:
   * "Y needs Z to run, so Y is down when Z is"), not only that Y needs Z.
   */
  stepsAreReasons?: boolean;
  /** What location i of a finding stands for, when it is not step i of the path (duplicate-service). */
  locationLabel?: (f: Finding, i: number) => string;
  /** True for a rule that compares the declarations with observed traffic (SPEC §7): the web view's "drift" filter. */
  observed?: true;
  /** The rule-specific fields (SPEC §6, marked *) that are part of the fingerprint and of the sort key, besides the rule and `services`. */
  fingerprint?: readonly FingerprintField[];
}

export interface AnalysisInput {
  estate: Estate;
  graph: Compiled;
  /** Declared vs observed traffic (SPEC §7), when observed files were given: the observed-traffic rules read it. */
  observed?: Drift;
  /** What an earlier analysis's rules made of what is unchanged (`serve`, src/rules/reuse.ts). */
  reuse?: RuleReuse;
}

/** A finding before severity and fingerprint are attached, with its rule-specific fields (SPEC §6). */
export interface RawFinding extends FindingFields {
  message: string;
  services: string[];
  path: PathStep[];
  impacted: string[];
  locations: SourcePos[];
}

export interface Rule {
  meta: RuleMeta;
  run(input: AnalysisInput): RawFinding[];
}
