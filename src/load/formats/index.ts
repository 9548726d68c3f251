// The input format table (SPEC §1): every format catch22 reads, in the order a document is offered to them.
import { backstage } from "./backstage.js";
import { catch22 } from "./catch22.js";
import { compose } from "./compose.js";
import type { InputFormat } from "./contract.js";
import { FORMAT_IDS, type FormatId } from "./ids.js";

/** One module per id of FORMAT_IDS: a format without a module, or a module without an id, does not compile. */
const BY_ID: { readonly [K in FormatId]: InputFormat<K> } = { catch22, backstage, compose };

export const formats: readonly InputFormat[] = FORMAT_IDS.map((id) => BY_ID[id]);

export function formatById(id: FormatId): InputFormat {
  return BY_ID[id];
}

/** The formats a catch22 document may extend (`extends:`). */
export const EXTENDABLE: readonly FormatId[] = formats.filter((f) => f.extendable).map((f) => f.id);

/** Every file name ending some format claims, for discovery. */
const EXTENSIONS = [...new Set(formats.flatMap((f) => f.extensions))];

/** True when a walk should read a file of this name (some format claims its extension). */
export function isInputFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return EXTENSIONS.some((ext) => lower.endsWith(ext));
}
