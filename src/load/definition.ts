// The manifest definition (SPEC §1): the keys, value types and descriptions of every mapping a catch22 document holds.
import { type FactType, SERVICE_FACTS } from "../model/facts.js";
import { NAME_RULE } from "./yaml-node.js";

export const API_VERSION = "catch22/v1";

/**
 * The reader (src/load/manifest.ts) reads this definition (allowed keys, how each value is
 * checked) and src/load/schema.ts turns it into the JSON Schema for editors, so the two cannot
 * drift apart. The service facts come from src/model/facts.ts.
 */
export type FieldType =
  | FactType /* a service fact (src/model/facts.ts), a service name among them */
  | "boolean"
  | "origin" /* the format a document extends (an extendable input format) */
  | "alternatives" /* an `anyOf`: at least two distinct service names */
  | "version" /* an API version label: text, never a YAML number */
  | "requirements" /* a list of requirements (REQUIREMENT_DEFINITION) */
  | "services"; /* a list of service mappings (SERVICE_DEFINITION) */

export interface FieldDef {
  type: FieldType;
  description: string;
  /** Keys that may not appear next to this one (their value comes from elsewhere). */
  excludes?: readonly string[];
}

export const SERVICE_DEFINITION = {
  name: { type: "name", description: `The service's name, declared once across the estate (${NAME_RULE}).` },
  // The facts, in the table's order; each entry's extra columns (merge, label, carriage) are not read here.
  ...SERVICE_FACTS,
  runtime: {
    type: "requirements",
    description: "What the service needs to serve traffic and to start. Hard by default; soft entries degrade only.",
  },
  rollback: {
    type: "requirements",
    description:
      'What must be up to roll back, redeploy or reconfigure the service. Absent means "not declared"; [] means "needs nothing".',
  },
  extends: {
    type: "origin",
    description:
      "This document adds catch22 knowledge (rollback, runtime refinements, tier) to the Backstage entity or Compose service of the same name, which stays the source of its description, owner, system and dependencies.",
    excludes: ["description", "owner", "system"],
  },
} as const satisfies Record<string, FieldDef>;

export const REQUIREMENT_DEFINITION = {
  service: { type: "name", description: "The service required." },
  anyOf: { type: "alternatives", description: "Alternatives: the requirement is met when at least one of them is up." },
  api: {
    type: "name",
    description: "An API: the requirement is on whichever services provide it at a matching version (SPEC §8).",
  },
  version: { type: "version", description: "With `api`: the version needed (a label, or a semver range such as ^1.4)." },
  soft: { type: "boolean", description: "Degrades only; never propagates failure (default false)." },
  note: { type: "text", description: "Why the requirement exists." },
} as const satisfies Record<string, FieldDef>;

export const DOCUMENT_DEFINITION = {
  Service: { description: "One service.", fields: SERVICE_DEFINITION },
  ServiceList: {
    description: "Several services in one document.",
    fields: { services: { type: "services", description: "The services, as mappings without apiVersion and kind." } },
  },
} as const;

/** The keys of each mapping, read from the definition (validation, messages and the JSON Schema). */
export const SERVICE_FIELDS = Object.keys(SERVICE_DEFINITION) as (keyof typeof SERVICE_DEFINITION)[];
export const DOCUMENT_KEYS = {
  Service: ["apiVersion", "kind", ...SERVICE_FIELDS],
  ServiceList: ["apiVersion", "kind", ...Object.keys(DOCUMENT_DEFINITION.ServiceList.fields)],
} as const;
export const ENTRY_KEYS = Object.keys(REQUIREMENT_DEFINITION) as (keyof typeof REQUIREMENT_DEFINITION)[];
export const KINDS = Object.keys(DOCUMENT_DEFINITION) as (keyof typeof DOCUMENT_DEFINITION)[];
