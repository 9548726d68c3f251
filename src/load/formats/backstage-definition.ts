// The version an API entity's `spec.definition` gives (SPEC §8, docs/api-contracts.md): an OpenAPI document's `info.version`.
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import type { PNode } from "../yaml.js";
import { field } from "../yaml-node.js";

/** How large a referenced definition may be: a catalog's OpenAPI files are kilobytes; a huge file is not read. */
const MAX_DEFINITION_BYTES = 8 * 1024 * 1024;

/**
 * The provided version of an API entity: `info.version` of its `spec.definition` when that is an
 * OpenAPI document (`openapi: 3.x` or `swagger: "2.0"`), given inline as text or as
 * `{$text: ./openapi.yaml}`, a path relative to the entity file that stays inside `root` (the
 * repository holding the file). Anything else gives undefined (any version): another kind of
 * definition, no `info.version`, a URL, a path that leaves the root, a file that cannot be read.
 */
export function definitionVersion(spec: PNode | undefined, entityDir: string, root: string): string | undefined {
  const def = spec?.kind === "map" ? field(spec, "definition") : undefined;
  if (!def) return undefined;
  let text: string | undefined;
  if (def.kind === "scalar" && typeof def.value === "string") text = def.value;
  else if (def.kind === "map") {
    const ref = field(def, "$text");
    if (ref?.kind === "scalar" && typeof ref.value === "string") text = readWithin(ref.value, entityDir, root);
  }
  return text === undefined ? undefined : openApiVersion(text);
}

/** The text of a relative file reference inside root (its real path, so a link cannot lead out), or undefined. */
function readWithin(ref: string, dir: string, root: string): string | undefined {
  if (ref === "" || /^[a-z][a-z0-9+.-]*:/i.test(ref) || path.isAbsolute(ref)) return undefined;
  try {
    const realRoot = fs.realpathSync(root);
    const file = fs.realpathSync(path.resolve(dir, ref));
    const rel = path.relative(realRoot, file);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_DEFINITION_BYTES) return undefined;
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** `info.version` of an OpenAPI (3.x) or Swagger (2.0) document, as text; undefined for any other text. */
export function openApiVersion(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  const isOpenApi = (typeof d.openapi === "string" && d.openapi.startsWith("3")) || String(d.swagger) === "2.0";
  const info = d.info;
  if (!isOpenApi || info === null || typeof info !== "object") return undefined;
  const v = (info as Record<string, unknown>).version;
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** The root a `$text` reference must stay within: the nearest directory holding `.git` above the file, else its own directory. */
export function repositoryRoot(dir: string): string {
  for (let d = dir; ; ) {
    if (fs.existsSync(path.join(d, ".git"))) return d;
    const up = path.dirname(d);
    if (up === d) return dir;
    d = up;
  }
}
