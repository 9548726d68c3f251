// The adapter table: formats catch22 reads as services besides its own manifests (SPEC §1).
import type { Declaration, Origin, SourcePos } from "../../model/types.js";
import type { PNode } from "../yaml.js";
import type { Problems } from "../yaml-node.js";
import { backstage } from "./backstage.js";
import { compose } from "./compose.js";

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
}

/** An interface a service can be reached through (a Backstage API entity), written `api:name`. */
export interface Interface {
  ref: string;
  pos: SourcePos;
}

/** A service that provides an interface (Backstage `providesApis`). */
export interface Provision {
  ref: string;
  service: string;
  pos: SourcePos;
}

export interface AdapterOutput {
  declarations: Declaration[];
  interfaces?: Interface[];
  provides?: Provision[];
  /** Set when the adapter passes over the document after all: why (for --verbose). */
  skipped?: string;
}

export interface Adapter {
  id: Exclude<Origin, "catch22">;
  /** The format, in words, for messages ("a Backstage entity"). */
  what: string;
  /** True when this adapter reads the document (`fileName` is the base name of its file). */
  claims(doc: PNode, fileName: string): boolean;
  read(doc: PNode, source: AdapterSource, problems: Problems): AdapterOutput;
  /** For a document of this format that the adapter does not claim: why it is passed over (for --verbose). */
  passOver?(doc: PNode, fileName: string): string | undefined;
}

export const adapters: readonly Adapter[] = [backstage, compose];
