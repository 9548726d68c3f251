// Adapter services → catch22 manifests to write (`catch22 init`): one file per service, runtime filled in, rollback asked of the owner.
import jsyaml from "js-yaml";
import { formatById } from "../load/formats/index.js";
import { FACT_KEYS, type FactType, formatDuration, type Provided, type Recovery, SERVICE_FACTS } from "../model/facts.js";
import type { Entry, Service } from "../model/types.js";
import { append } from "../util/append.js";
import { formatPos } from "../util/text.js";

export type InitMode = "replace" | "extends";

export interface PlannedFile {
  /** Relative to the output directory, with forward slashes. */
  path: string;
  service: string;
  text: string;
}

/**
 * `billing/payments` → `billing/payments.yaml`; `:` (not allowed in Windows file names) becomes `_`.
 * Every part stays a plain name inside the output directory: empty parts become `_` and parts
 * starting with a dot get a `_` in front, so `a/../../x` can never write outside it.
 */
export function manifestPath(name: string): string {
  const parts = name
    .replaceAll(":", "_")
    .split("/")
    .map((p) => (p === "" ? "_" : p.startsWith(".") ? `_${p}` : p));
  return `${parts.join("/")}.yaml`;
}

/** A YAML scalar for a name or a text: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(s: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._\-/ ]*$/.test(s) && !s.endsWith(" ") && jsyaml.load(s, { schema: jsyaml.CORE_SCHEMA }) === s) return s;
  return JSON.stringify(s);
}

/** A fact's value as YAML: `key: value` lines (a block list for `provides`). */
function factLines(key: string, type: FactType, value: unknown): string[] {
  switch (type) {
    case "text":
    case "label":
    case "name":
      return [`${key}: ${yamlScalar(value as string)}`];
    case "tier":
      return [`${key}: ${value}`];
    case "names":
      return [`${key}: [${(value as string[]).map(yamlScalar).join(", ")}]`];
    case "duration":
      return [`${key}: ${formatDuration(value as number)}`];
    case "recovery": {
      const r = value as Recovery;
      const parts = (["rollback", "start"] as const).flatMap((p) => (r[p] === undefined ? [] : [`${p}: ${formatDuration(r[p])}`]));
      return [`${key}: {${parts.join(", ")}}`];
    }
    case "provides":
      return [
        `${key}:`,
        ...(value as Provided[]).flatMap((p) => [
          `  - api: ${yamlScalar(p.api)}`,
          ...(p.versions ? [`    versions: [${p.versions.map((v) => JSON.stringify(v)).join(", ")}]`] : []),
        ]),
      ];
  }
}

function entryLines(e: Entry): string[] {
  const comment = e.via !== undefined ? `  # through ${e.via}` : "";
  const soft = e.soft ? ["    soft: true"] : [];
  const note = e.note !== undefined ? [`    note: ${yamlScalar(e.note)}`] : [];
  if (e.api) {
    const version = e.api.version !== undefined ? [`    version: ${JSON.stringify(e.api.version)}`] : [];
    return [`  - api: ${yamlScalar(e.api.name)}`, ...version, ...soft, ...note];
  }
  if (e.anyOf) return [`  - anyOf: [${e.names.map(yamlScalar).join(", ")}]${comment}`, ...soft, ...note];
  const name = yamlScalar(e.names[0] as string);
  if (soft.length === 0 && note.length === 0) return [`  - ${name}${comment}`];
  return [`  - service: ${name}${comment}`, ...soft, ...note];
}

function rollbackLines(svc: Service, ask: boolean): string[] {
  if (svc.rollbackDeclared) {
    return svc.rollback.length === 0 ? ["rollback: []"] : ["rollback:", ...svc.rollback.flatMap(entryLines)];
  }
  if (!ask) return [];
  return [
    `# TODO(${svc.owner ?? "owner"}): what must be up to roll back, redeploy or reconfigure ${svc.name}?`,
    `# List it and uncomment the lines below; "rollback: []" means it needs nothing.`,
    "# rollback:",
    "#   - <service>",
  ];
}

/**
 * One manifest per service that an adapter declares. "replace" writes full manifests (check the
 * directory on its own); "extends" writes `extends:` documents that hold only what the adapter
 * input lacks (the rollback question), to be checked together with the adapter input.
 */
export function planManifests(services: readonly Service[], mode: InitMode): PlannedFile[] {
  const out: PlannedFile[] = [];
  for (const svc of services) {
    const from = svc.declarations.filter((d) => d.origin !== "catch22");
    const first = from[0];
    if (!first) continue;
    const what = formatById(first.origin).what;
    const lines = [`# Written by \`catch22 init\` from the ${what} at ${formatPos(first.pos)}.`];
    if (mode === "extends") {
      if (svc.rollbackDeclared) continue;
      lines.push(`# It adds to that ${what}; check both together.`);
      lines.push("apiVersion: catch22/v1", "kind: Service", `name: ${yamlScalar(svc.name)}`, `extends: ${first.origin}`);
      append(lines, rollbackLines(svc, true));
    } else {
      lines.push(`# It replaces that ${what} for catch22: check this directory on its own.`);
      lines.push("apiVersion: catch22/v1", "kind: Service", `name: ${yamlScalar(svc.name)}`);
      for (const key of FACT_KEYS) {
        const v = svc[key];
        if (v !== undefined) append(lines, factLines(key, SERVICE_FACTS[key].type, v));
      }
      append(lines, svc.runtime.length === 0 ? ["runtime: []"] : ["runtime:", ...svc.runtime.flatMap(entryLines)]);
      append(lines, rollbackLines(svc, true));
    }
    out.push({ path: manifestPath(svc.name), service: svc.name, text: `${lines.join("\n")}\n` });
  }
  return out;
}
