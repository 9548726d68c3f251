// The contract every input format keeps (catch22's own, Backstage, Compose): what it claims, and what reading a document gives.
import type { Declaration, Entry, SourcePos } from "../../model/types.js";
import type { PNode } from "../yaml.js";
import type { Problems } from "../yaml-node.js";
import type { FormatId } from "./ids.js";

/** Where a document comes from, for an adapter that needs more than the document itself. */
export interface AdapterSource {
  /** Relative to the current directory, with forward slashes (what messages show). */
  file: string;
  /** The absolute directory holding the file (Compose names a project after it). */
  dir: string;
  /** One line of the file's text (1-based), for positions inside a scalar (an annotation's list of names). */
  line(n: number): string;
  /** Named on the command line, or read for `catch22 init`: read even what a walk would pass over. */
  wanted: boolean;
  /** The formats a catch22 document may extend (`extends:`), from the format table. */
  extendable: readonly FormatId[];
}

/** An interface a service can be reached through (a Backstage API entity), written `api:name`. */
export interface Interface {
  ref: string;
  pos: SourcePos;
  /** The version its definition gives (an OpenAPI document's `info.version`); undefined: any version. */
  version?: string;
}

/** A service that provides an interface (Backstage `providesApis`). */
export interface Provision {
  ref: string;
  service: string;
  pos: SourcePos;
}

/** A requirement written on the service it names (Backstage `dependencyOf`): `dependent` needs it. */
export interface Dependent {
  /** The service that gets the requirement. */
  dependent: string;
  entry: Entry;
  /** The relation as written, for the message when `dependent` is not declared. */
  written: string;
}

export interface AdapterOutput {
  declarations: Declaration[];
  interfaces?: Interface[];
  provides?: Provision[];
  dependents?: Dependent[];
  /** Set when the adapter passes over the document after all: why (for --verbose). */
  skipped?: string;
  /** Other files this one brings in (Compose `include:`): absolute paths, with where each is named. */
  includes?: Include[];
}

/** A file that a document includes, to be read as the same format (Compose `include:`). */
export interface Include {
  abs: string;
  pos: SourcePos;
}

/**
 * An input format: one module each, listed in the table of src/load/formats/index.ts. Discovery
 * reads the files whose names end with one of its `extensions`; each parsed document is offered
 * to the formats in table order, and the first that `claims` it reads it.
 */
export interface InputFormat<Id extends FormatId = FormatId> {
  id: Id;
  /** The format, in words, for messages ("a Backstage entity"). */
  what: string;
  /** The file name endings a directory walk reads for this format (lower case; matched without regard to case). */
  extensions: readonly string[];
  /**
   * The text's syntax: every format today is YAML, parsed once by src/load/yaml.ts for all of
   * them. (A JSON format, such as observed traffic, adds "json" here and its parse in loadText.)
   */
  syntax: "yaml";
  /** True when a catch22 document may add to this format's services with `extends: <id>`. */
  extendable: boolean;
  /** True when this format reads the document (`fileName` is the base name of its file). */
  claims(doc: PNode, fileName: string): boolean;
  read(doc: PNode, source: AdapterSource, problems: Problems): AdapterOutput;
  /** For a document of this format that it does not claim: why it is passed over (for --verbose). */
  passOver?(doc: PNode, fileName: string): string | undefined;
}
