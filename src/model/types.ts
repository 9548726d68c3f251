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
}

export type DependencyKind = "runtime" | "rollback";

/** One entry of a `runtime` or `rollback` list, as declared. */
export interface Entry {
  kind: DependencyKind;
  /** One name for a plain entry, one or more for an `anyOf` (in written order, duplicates removed). */
  names: string[];
  anyOf: boolean;
  soft: boolean;
  note?: string;
  /** Position of each name's scalar, parallel to `names`. */
  namePos: SourcePos[];
  /**
   * Set for an `{api, version?}` entry (SPEC §8), at the position of its `api` scalar. Its
   * `names` stay empty until API resolution (SPEC §8, not implemented yet) fills them with the
   * services that provide the api: until then the analysis drops it, as it drops a requirement
   * on an undeclared name (src/graph/compiled.ts skips a requirement with no declared name).
   */
  api?: { name: string; version?: string; pos: SourcePos };
  /**
   * Set when the entry reaches its services through an interface (a Backstage API, written
   * `api:name`): `names` holds that name until the load stage's resolve pass replaces it with
   * the services that provide the API (it stays, a missing dependency, when none does).
   */
  via?: string;
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
}

/** A detector's result (SPEC §3, §6). */
export interface Finding {
  rule: string;
  severity: Severity;
  fingerprint: string;
  message: string;
  services: string[];
  path: PathStep[];
  impacted: string[];
  locations: SourcePos[];
  /** For `missing-dependency`: the undeclared name (part of the fingerprint). */
  missing?: string;
}
