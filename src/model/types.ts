// The domain vocabulary (SPEC §1–§3): every stage of the pipeline speaks in these types.
import type { FormatId } from "../load/formats/ids.js";
import type { ServiceFacts } from "./facts.js";

/** A place in a manifest: file relative to the current directory, 1-based line and column. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/** An input error (SPEC §1): always fatal for the run, reported all at once, exit code 2. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Lines a terminal shows under the error (the source line, a caret, a hint); machine formats leave them out. */
  frame?: string[];
}

export type DependencyKind = "runtime" | "rollback";

/** One entry of a `runtime` or `rollback` list, as declared. */
export interface Entry {
  kind: DependencyKind;
  /** One name for a plain entry, one or more for an `anyOf` (in written order, duplicates removed). */
  names: readonly string[];
  anyOf: boolean;
  soft: boolean;
  note?: string;
  /** Position of each name's scalar, parallel to `names`. */
  namePos: SourcePos[];
  /**
   * Set for an `{api, version?}` entry (SPEC §8), at the position of its `api` scalar. The load
   * stage's resolve pass (src/load/resolve-api.ts) fills `names` with the services that provide
   * the api (`anyOf` when several, each positioned at the `api` scalar); none leaves `names`
   * empty, so the analysis drops it (an `api-unprovided` finding). `api` stays, so witnesses and
   * views can name the api a step goes through.
   */
  api?: {
    name: string;
    version?: string;
    pos: SourcePos;
    /** Set by the resolve pass when no other service provides the api at a matching version: what `api-unprovided` reports. */
    unprovided?: { missing: string; provided: ProvidedVersions[]; message: string };
  };
  /**
   * Set when the entry reaches its services through an interface (a Backstage API, written
   * `api:name`): `names` holds that name until the load stage's resolve pass replaces it with
   * the services that provide the API (it stays, a missing dependency, when none does).
   */
  via?: string;
  /** Set on an entry the analysis adds from observed traffic (`--observed-edges hard`, SPEC §7): never written in a manifest. */
  observed?: true;
}

/** Where a declaration came from: the id of its input format (the format table, src/load/formats/). */
export type Origin = FormatId;

/** One declaration of a service: one `Service` document or one `ServiceList` item; its facts are the table's (src/model/facts.ts). */
export interface Declaration extends ServiceFacts {
  name: string;
  /** Position of the name's scalar. */
  pos: SourcePos;
  runtime: Entry[];
  /** `undefined` when the `rollback` key is absent ("not declared"); `[]` means "needs nothing". */
  rollback?: Entry[];
  origin: Origin;
  /** A catch22 document that adds to the adapter service of the same name (`extends:`), merged into it on load. */
  extends?: Origin;
}

/** A declared service: the union of all its declarations (SPEC §2); its facts merged by the table's rules. */
export interface Service extends ServiceFacts {
  name: string;
  declarations: Declaration[];
  runtime: Entry[];
  rollback: Entry[];
  /** True when at least one declaration has a `rollback` key. */
  rollbackDeclared: boolean;
}

/** The declared estate: services sorted by name (plain string order), ids are indexes into `services`. */
export interface Estate {
  services: Service[];
  ids: Map<string, number>;
}

export type Severity = "error" | "warning" | "info";

export interface PathStep {
  from: string;
  to: string;
  kind: DependencyKind;
  /** Set on a step over an edge only observed traffic shows (`--observed-edges hard`, SPEC §6). */
  observed?: true;
  /** Set on a step over an api entry (SPEC §8): `api@version`, or the api alone (an added field, SPEC §6). */
  api?: string;
  /** With `api`: every provider of that entry, sorted (the step's `to` is one of them). */
  providers?: string[];
}

/** What an api-unprovided finding lists per providing service (SPEC §6, §8): `versions` null means any version. */
export interface ProvidedVersions {
  service: string;
  versions: string[] | null;
}

/**
 * The rule-specific fields of SPEC §6, in the order the JSON report writes them. A rule's
 * `meta.fingerprint` names those that are part of its fingerprint and its sort key.
 */
export interface FindingFields {
  /** missing-dependency: the undeclared name; api-unprovided: `api@version` or the api alone. */
  missing?: string;
  /** shared-fate: the declared members of the requirement, sorted. */
  alternatives?: string[];
  /** shared-fate: the common causes, zones first as `zone=<value>`, then service names. */
  causes?: string[];
  /** undeclared-dependency, unobserved-dependency: the other service. */
  dependency?: string;
  /** Observed-traffic rules: the calls seen, or null where no file gives counts. */
  calls?: number | null;
  /** Observed-traffic rules: the files the traffic was seen in. */
  observedIn?: string[];
  /** api-unprovided: who provides that api, at which versions. */
  provided?: ProvidedVersions[];
  /** api-unprovided in `diff`: who provided that api in the base. */
  providedInBase?: ProvidedVersions[];
  /** api-unprovided in `diff`: what the change did ("this change stops serving cloud-api v1 (base: …); 7 services still need it"). */
  note?: string;
  /**
   * rollback-needs-broken with an `anyOf`: one chain per alternative, in member order, each the
   * shortest reason that alternative is down (`path` is the shortest of them). Not in the fingerprint.
   */
  chains?: AlternativeChain[];
}

/** Why one alternative of an `anyOf` is down: its chain X ⇒ c → … and the entry of each step. */
export interface AlternativeChain {
  path: PathStep[];
  locations: SourcePos[];
}

/** The order of FindingFields in every output. */
export const FINDING_FIELDS = [
  "missing",
  "alternatives",
  "causes",
  "dependency",
  "calls",
  "observedIn",
  "provided",
  "providedInBase",
  "note",
  "chains",
] as const satisfies readonly (keyof FindingFields)[];

/** The fields that may be part of a fingerprint (SPEC §6, marked *), in fingerprint order. */
export type FingerprintField = "missing" | "alternatives" | "dependency";

/** A detector's result (SPEC §3, §6), with the rule-specific fields its rule gives. */
export interface Finding extends FindingFields {
  rule: string;
  severity: Severity;
  fingerprint: string;
  message: string;
  services: string[];
  path: PathStep[];
  impacted: string[];
  locations: SourcePos[];
}
