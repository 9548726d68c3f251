// Compose files → services: every service of compose.yaml / docker-compose.yaml, `depends_on` as runtime, `x-catch22` for the rest.
import * as path from "node:path";
import { FACT_KEYS, type FactKey, SERVICE_FACTS, setFact } from "../../model/facts.js";
import type { Declaration, Entry, SourcePos } from "../../model/types.js";
import { append } from "../../util/append.js";
import { type FieldDef, SERVICE_DEFINITION } from "../definition.js";
import { readFact, readScalarField } from "../fields.js";
import { readEntries } from "../manifest.js";
import { refine } from "../refine.js";
import type { PNode, Point } from "../yaml.js";
import { checkKeys, describeNode, field, type Problems, readName } from "../yaml-node.js";
import type { AdapterOutput, AdapterSource, Include, InputFormat } from "./contract.js";

/** The file names Compose itself looks for; override files (compose.override.yaml) repeat services and are not read. */
export const COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/** The extension field, at the top of the file and on each service. */
export const EXTENSION = "x-catch22";

/** What `x-catch22` holds on a service: catch22's syntax for what Compose cannot say. */
export const SERVICE_EXTENSION: Record<string, FieldDef> = {
  name: {
    type: "name",
    description:
      "catch22's name for the service when the Compose key is not unique across the estate (other services' depends_on follow it).",
  },
  // The service facts Compose carries here (the `compose` column of src/model/facts.ts), in the table's order.
  ...(Object.fromEntries(FACT_KEYS.filter((k) => SERVICE_FACTS[k].compose === "x-catch22").map((k) => [k, SERVICE_FACTS[k]])) as Record<
    string,
    FieldDef
  >),
  runtime: {
    type: "requirements",
    description: "Runtime requirements in catch22's syntax; one that names depends_on services (anyOf, soft) takes their place.",
  },
  soft: { type: "requirements", description: "Soft runtime requirements: each entry is read as if it said soft: true." },
  rollback: SERVICE_DEFINITION.rollback,
};

/** What `x-catch22` holds at the top of the file: defaults for every service. */
export const FILE_EXTENSION = {
  owner: { type: "label", description: "The owner of every service of the file that does not name its own." },
  system: { type: "label", description: "The system of every service (default: the Compose project name)." },
} as const satisfies Record<string, FieldDef>;

export const compose: InputFormat<"compose"> = {
  id: "compose",
  what: "Compose service",
  extensions: [".yaml", ".yml"],
  syntax: "yaml",
  extendable: true,
  claims: (doc, fileName) => COMPOSE_FILES.includes(fileName) && doc.kind === "map",
  read: readComposeFile,
};

/** Compose's project name for a directory: lower case, only a-z 0-9 _ -, starting with a letter or digit. */
export function projectName(dir: string): string {
  return path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/^[_-]+/, "");
}

function isNull(node: PNode | undefined): boolean {
  return node === undefined || (node.kind === "scalar" && node.value === null);
}

function readComposeFile(doc: PNode, src: AdapterSource, problems: Problems): AdapterOutput {
  const pos = (at: Point): SourcePos => ({ file: src.file, line: at.line, column: at.column });
  const services = field(doc, "services");
  const serviceNodes = services?.kind === "map" ? services.pairs : [];
  const optedIn = field(doc, EXTENSION) !== undefined || serviceNodes.some((p) => field(p.value, EXTENSION) !== undefined);
  if (!optedIn && !src.wanted) {
    return {
      declarations: [],
      skipped: `a Compose file without ${EXTENSION} (a walk reads Compose files that have an ${EXTENSION} field; name the file to read it anyway)`,
    };
  }
  const includes = readIncludes(field(doc, "include"), src, problems);
  if (services && !isNull(services) && services.kind !== "map") {
    problems.add(services.at, `expected "services" to be a mapping of Compose services, got ${describeNode(services)}`);
    return { declarations: [] };
  }

  // Defaults for every service: the top-level x-catch22, then the project's name as the system.
  const defaults: { owner?: string; system?: string } = {};
  const top = field(doc, EXTENSION);
  if (top && !isNull(top)) {
    if (top.kind !== "map")
      problems.add(
        top.at,
        `expected "${EXTENSION}" to be a mapping (keys: ${Object.keys(FILE_EXTENSION).join(", ")}), got ${describeNode(top)}`,
      );
    else {
      checkKeys(top, Object.keys(FILE_EXTENSION), `the file's ${EXTENSION}`, problems);
      for (const key of ["owner", "system"] as const) {
        const v = field(top, key);
        const value = v && readScalarField(key, FILE_EXTENSION[key], v, problems);
        if (typeof value === "string") defaults[key] = value;
      }
    }
  }
  if (defaults.system === undefined) {
    const name = field(doc, "name");
    const written = name?.kind === "scalar" && typeof name.value === "string" ? name.value.trim() : "";
    const project = written !== "" ? written : projectName(src.dir);
    if (project !== "") defaults.system = project;
  }

  // First pass: each service's catch22 name, so that depends_on follows an x-catch22 `name`.
  const names = new Map<string, string>();
  for (const { key, value } of serviceNodes) {
    if (key.kind !== "scalar") continue;
    const ext = field(value, EXTENSION);
    const rename = ext?.kind === "map" ? field(ext, "name") : undefined;
    const renamed = rename?.kind === "scalar" && typeof rename.value === "string" ? rename.value : undefined;
    names.set(String(key.value), renamed ?? String(key.value));
  }

  const declarations: Declaration[] = [];
  for (const { key, value } of serviceNodes) {
    const keyName = readName(key, problems, "Compose service name");
    if (keyName === undefined) continue;
    if (!isNull(value) && value.kind !== "map") {
      problems.add(value.at, `expected Compose service "${keyName}" to be a mapping, got ${describeNode(value)}`);
      continue;
    }
    const decl: Declaration = { name: keyName, pos: pos(key.at), runtime: [], origin: "compose", ...defaults };
    const base = readDependsOn(field(value, "depends_on"), names, src.file, problems);
    const extra: Entry[] = [];
    const ext = field(value, EXTENSION);
    if (ext && !isNull(ext)) {
      if (ext.kind !== "map") {
        problems.add(
          ext.at,
          `expected "${EXTENSION}" to be a mapping (keys: ${Object.keys(SERVICE_EXTENSION).join(", ")}), got ${describeNode(ext)}`,
        );
      } else {
        checkKeys(ext, Object.keys(SERVICE_EXTENSION), `a Compose service's ${EXTENSION}`, problems);
        for (const k of Object.keys(SERVICE_EXTENSION)) {
          const v = field(ext, k);
          if (v === undefined) continue;
          const def = SERVICE_EXTENSION[k] as FieldDef;
          if (k === "name") {
            const renamed = readName(v, problems, "service name");
            if (renamed !== undefined) decl.name = renamed;
            decl.pos = pos(v.at);
          } else if (def.type === "requirements") {
            const entries = readEntries(v, k === "rollback" ? "rollback" : "runtime", src.file, problems, k);
            if (k === "rollback") decl.rollback = entries;
            else append(extra, k === "soft" ? entries.map((e) => ({ ...e, soft: true })) : entries);
          } else {
            const key = k as FactKey;
            const got = readFact(key, v, problems);
            if (got !== undefined) setFact(decl, key, got);
          }
        }
      }
    }
    decl.runtime = refine(base, extra);
    declarations.push(decl);
  }
  return { declarations, includes };
}

/**
 * `include:` (Compose 2.20+): a list of paths, or of `{path, project_directory, env_file}` whose `path`
 * is a path or a list of them, relative to the including file's directory as Compose resolves them.
 */
function readIncludes(node: PNode | undefined, src: AdapterSource, problems: Problems): Include[] {
  if (node === undefined || isNull(node)) return [];
  if (node.kind !== "seq") {
    problems.add(node.at, `expected "include" to be a list of Compose files (paths, or mappings with "path"), got ${describeNode(node)}`);
    return [];
  }
  const out: Include[] = [];
  const add = (p: PNode) => {
    if (p.kind !== "scalar" || typeof p.value !== "string" || p.value === "") {
      problems.add(p.at, `expected an include path (a Compose file relative to this one), got ${describeNode(p)}`);
      return;
    }
    if (/\$\{?[A-Za-z_]/.test(p.value)) {
      problems.add(
        p.at,
        `include path ${JSON.stringify(p.value)} holds a variable; catch22 does not interpolate Compose variables: write the path`,
      );
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p.value) || p.value.startsWith("git@")) {
      problems.add(p.at, `include ${JSON.stringify(p.value)} is remote; catch22 reads local files only: name a local copy`);
      return;
    }
    out.push({ abs: path.resolve(src.dir, p.value), pos: { file: src.file, line: p.at.line, column: p.at.column } });
  };
  for (const item of node.items) {
    if (item.kind === "map") {
      const p = field(item, "path");
      if (p === undefined) problems.add(item.at, `an include entry needs "path": the Compose file to include`);
      else if (p.kind === "seq") for (const q of p.items) add(q);
      else add(p);
    } else add(item);
  }
  return out;
}

/** `depends_on` in either form: a list of names, or a mapping of names to {condition, required, restart}. */
function readDependsOn(node: PNode | undefined, names: Map<string, string>, file: string, problems: Problems): Entry[] {
  if (node === undefined || isNull(node)) return [];
  const entry = (nameNode: PNode, soft: boolean): Entry | undefined => {
    const written = readName(nameNode, problems, "Compose service name");
    if (written === undefined) return undefined;
    return {
      kind: "runtime",
      names: [names.get(written) ?? written],
      anyOf: false,
      soft,
      namePos: [{ file, line: nameNode.at.line, column: nameNode.at.column }],
    };
  };
  const out: Entry[] = [];
  if (node.kind === "seq") {
    for (const item of node.items) {
      const e = entry(item, false);
      if (e) out.push(e);
    }
    return out;
  }
  if (node.kind !== "map") {
    problems.add(node.at, `expected "depends_on" to be a list of service names or a mapping of them, got ${describeNode(node)}`);
    return out;
  }
  for (const { key, value } of node.pairs) {
    // `required: false` (Compose 2.20+): the service starts without it, so catch22 reads it as soft.
    let soft = false;
    const required = field(value, "required");
    if (required) {
      if (required.kind === "scalar" && typeof required.value === "boolean") soft = !required.value;
      else problems.add(required.at, `expected "required" to be true or false, got ${describeNode(required)}`);
    }
    if (!isNull(value) && value.kind !== "map") {
      problems.add(value.at, `expected the depends_on entry to be a mapping (condition, required, restart), got ${describeNode(value)}`);
    }
    const e = entry(key, soft);
    if (e) out.push(e);
  }
  return out;
}
