// Stable finding ids (SPEC §6): the rule, the subject and the missing name, nothing that moves with edits.
import { createHash } from "node:crypto";

export function fingerprint(rule: string, services: readonly string[], missing?: string): string {
  const h = createHash("sha256");
  h.update(JSON.stringify([rule, services, missing ?? null]));
  return h.digest("hex").slice(0, 32);
}
