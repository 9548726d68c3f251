// The vocabulary of observed traffic (SPEC §7): edges read from a file, and what a format module provides.
import type { Readable } from "node:stream";
import type { Diagnostic } from "../model/types.js";

/** One observed call edge as a file names it (before name mapping); `calls` null where the format gives no counts. */
export interface ObservedEdge {
  from: string;
  to: string;
  calls: number | null;
  /** 1-based line of the edge's first appearance, where the format has lines (JSON lines, Prometheus text). */
  line?: number;
}

/** What a reader found in one file: its edges (one per (from, to), calls added up) or the diagnostics that stop it. */
export interface FileReading {
  file: string;
  /** The id of the format the file was read as, null when none matched. */
  format: FormatId | null;
  edges: ObservedEdge[];
  diagnostics: Diagnostic[];
}

export type FormatId =
  | "dependency-links"
  | "jaeger-trace-json"
  | "zipkin-v2-spans"
  | "otlp-json"
  | "otlp-json-lines"
  | "prometheus-text"
  | "prometheus-api-json"
  | "kiali-graph";

/**
 * What `detect` sees of a file: its opening text, and the JSON value of it. `json` is the whole document
 * when `complete`, else the part of it the opening text holds (unfinished strings and numbers left out), so a
 * signature looks at the first items only. `firstLine` is the first line parsed alone, when it is a JSON object.
 */
export interface Sample {
  head: string;
  complete: boolean;
  json?: unknown;
  firstLine?: unknown;
}

/** Access to the file for a reader: the display name, the text (size-capped), and a byte stream. */
export interface Source {
  file: string;
  sample: Sample;
  text(): Promise<string>;
  stream(options?: { encoding?: BufferEncoding; highWaterMark?: number }): Readable;
}

/** The result of a reader: edges with calls added up per (from, to), or the diagnostics of a malformed file. */
export interface FormatResult {
  edges: ObservedEdge[];
  diagnostics: { line: number; column: number; message: string }[];
}

/** One input format of SPEC §7's table: an id, a content signature, and a reader. */
export interface ObservedFormat {
  id: FormatId;
  /** How users know the format, for "formats tried" messages and docs. */
  title: string;
  detect(sample: Sample): boolean;
  read(source: Source): Promise<FormatResult>;
}
