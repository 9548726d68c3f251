// Backstage entity references (`[kind:][namespace/]name`) and the catch22 names they give services and APIs.
import type { DependencyKind, Entry, SourcePos } from "../../model/types.js";

/** Kinds a `dependsOn` reference may name. */
export const DEPENDENCY_KINDS = ["component", "resource"];

/** A parsed entity reference `[kind:][namespace/]name`. */
export interface EntityRef {
  kind?: string;
  namespace: string;
  name: string;
}

export const REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Parses an entity reference as Backstage does; `namespace` defaults to the referring entity's. */
export function parseEntityRef(text: string, namespace: string): EntityRef | string {
  const colon = text.indexOf(":");
  const kind = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const slash = rest.indexOf("/");
  const ns = slash >= 0 ? rest.slice(0, slash) : namespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  const expected = `expected an entity reference [kind:][namespace/]name, such as "component:default/payments" or "orders-db"`;
  if (kind !== undefined && !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) return `invalid entity reference "${text}": ${expected}`;
  if (!REF_PART.test(ns) || !REF_PART.test(name)) return `invalid entity reference "${text}": ${expected}`;
  return { kind: kind?.toLowerCase(), namespace: ns, name };
}

/** The catch22 name of a Component or Resource: its name, prefixed with its namespace unless that is "default". */
export function serviceName(ref: EntityRef): string {
  return ref.namespace === "default" ? ref.name : `${ref.namespace}/${ref.name}`;
}

/** An API as catch22 names it in `via` and in findings: `api:name` (`api:namespace/name` outside "default"). */
export function apiRef(ref: EntityRef): string {
  return `api:${serviceName(ref)}`;
}

/** An entry reached through an API: named `api:name` until the resolve pass finds the services that provide it. */
export function viaEntry(ref: EntityRef, kind: DependencyKind, at: SourcePos): Entry {
  const via = apiRef(ref);
  return { kind, names: [via], anyOf: false, soft: false, namePos: [at], via };
}
