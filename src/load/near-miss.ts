// What a walk must not pass over in silence (SPEC §1): text meant for catch22, and keys or versions that miss catch22's by a little.
import { editDistance } from "../util/did-you-mean.js";
import { quote } from "../util/text.js";
import { EXTENSION } from "./formats/compose.js";
import type { PNode } from "./yaml.js";
import { field, type Problems } from "./yaml-node.js";

/** Text that names catch22 or an adapter's marker: a file holding it is meant for catch22 and is never skipped in silence. */
export const MARKERS = /catch22|backstage\.io\//i;

/** The apiVersions catch22 reads: its own and Backstage's. */
const VERSIONS = ["catch22/v1", "backstage.io/v1alpha1", "backstage.io/v1beta1"];
/** Keys a document means for catch22, matched without case, `-` or `_`. */
const KEYS = ["apiVersion", EXTENSION];
/** The Backstage kinds catch22 reads (lower case), for which another Backstage version is a near miss. */
const READ_KINDS = ["component", "resource", "api"];

const squash = (s: string): string => s.toLowerCase().replace(/[-_]/g, "");
const alnum = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The version `v` misses by a little (within edit distance 2, or 2 once case and punctuation are set aside), if any. */
export function nearVersion(v: string): string | undefined {
  if (VERSIONS.includes(v) || v.startsWith("catch22/")) return undefined;
  const lower = v.toLowerCase();
  for (const want of VERSIONS) {
    if (editDistance(lower, want, 2) <= 2 || editDistance(alnum(v), alnum(want), 2) <= 2) return want;
  }
  return undefined;
}

function nearKey(k: string): string | undefined {
  if (KEYS.includes(k)) return undefined;
  const s = squash(k);
  return KEYS.find((want) => squash(want) === s);
}

/**
 * Reports, on a document no format read (or a Compose file), the keys and versions that miss
 * catch22's by a little: at the top level and on each Compose service, where such keys are written.
 */
export function reportNearMisses(doc: PNode, problems: Problems): void {
  if (doc.kind !== "map") return;
  const keyCheck = (map: PNode) => {
    if (map.kind !== "map") return;
    for (const { key } of map.pairs) {
      if (key.kind !== "scalar" || typeof key.value !== "string") continue;
      const want = nearKey(key.value);
      if (want !== undefined)
        problems.add(
          key.at,
          `key ${quote(key.value)} is not one catch22 reads (did you mean "${want}"?); catch22 would pass over this document`,
        );
    }
  };
  keyCheck(doc);
  const services = field(doc, "services");
  if (services?.kind === "map") for (const { value } of services.pairs) keyCheck(value);
  const v = field(doc, "apiVersion");
  if (v?.kind === "scalar" && typeof v.value === "string") {
    const want = nearVersion(v.value);
    // Backstage has other versions for kinds catch22 does not read (a v1beta2 Template): only a kind it reads is a near miss.
    const kind = field(doc, "kind");
    const other = want?.startsWith("backstage.io/") && kind?.kind === "scalar" && !READ_KINDS.includes(String(kind.value).toLowerCase());
    if (want !== undefined && !other)
      problems.add(
        v.at,
        `apiVersion ${quote(v.value)} is not one catch22 reads (did you mean "${want}"?); catch22 would pass over this document`,
      );
  }
}
