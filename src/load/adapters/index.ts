// The adapter table: formats catch22 reads as services besides its own manifests (SPEC §1).
import type { Declaration } from "../../model/types.js";
import type { Problems } from "../manifest.js";
import type { PNode } from "../yaml.js";

export interface Adapter {
  id: string;
  /** True when this adapter reads the document (`fileName` is the base name of its file). */
  claims(doc: PNode, fileName: string): boolean;
  read(doc: PNode, file: string, problems: Problems): Declaration[];
}

export const adapters: readonly Adapter[] = [];
