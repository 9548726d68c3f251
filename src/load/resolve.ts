// The estate-wide step of the load stage, once every file is read: references that need other documents (APIs, `extends`).
import { mergeFacts, mergeProvided, type Provided } from "../model/facts.js";
import type { Declaration, Diagnostic, Entry } from "../model/types.js";
import { didYouMean } from "../util/did-you-mean.js";
import { byCodeUnit, comparePos } from "../util/order.js";
import { formatPos } from "../util/text.js";
import type { Dependent, Interface, Provision } from "./formats/contract.js";
import { formatById } from "./formats/index.js";
import { refine } from "./refine.js";
import { resolveApiEntries } from "./resolve-api.js";

export interface ResolveInput {
  declarations: readonly Declaration[];
  interfaces: readonly Interface[];
  provides: readonly Provision[];
  /** Requirements written on the service they name (Backstage `dependencyOf`). */
  dependents?: readonly Dependent[];
  /** The declarations are this load's alone (no file cache keeps them): api entries are resolved in place (src/load/resolve-api.ts). */
  own?: boolean;
}

export interface Resolved {
  declarations: Declaration[];
  diagnostics: Diagnostic[];
}

/**
 * 1. An entry reached through an API (`via`) needs the services that provide it: one of them
 *    when several do (an `anyOf`). An API that nothing provides, or that no entity declares,
 *    stays a name (`api:payments`) that no service has, so it is a `missing-dependency` finding.
 *    Only an API that an API entity declares has providers (docs/adapters.md, SPEC §8): a
 *    `providesApis` of an API no entity declares is a dangling reference, as Backstage shows it.
 * 2. A requirement written on the service it names (`A dependencyOf B`: B needs A) joins the
 *    first declaration of B; when nothing declares B, it is an input error at the item.
 * 3. A catch22 document that `extends` an adapter's service is merged into it. A catch22
 *    document without `extends` for a name an adapter declares is an input error: the two
 *    would silently merge into one service with two sources of truth.
 * 4. Last, once every declaration is in its final form, each `{api, version?}` entry (SPEC §8)
 *    gets its providers as names (src/load/resolve-api.ts).
 * Pure but for `own` (step 4): the input declarations are not changed; the result holds new objects where needed.
 */
export function resolve(input: ResolveInput): Resolved {
  // The common case, catch22 manifests alone, has nothing to resolve.
  if (
    input.provides.length === 0 &&
    !input.dependents?.length &&
    !input.declarations.some((d) => d.origin !== "catch22" || d.extends !== undefined)
  ) {
    return { declarations: resolveApiEntries(input.declarations, input.own), diagnostics: [] };
  }
  // sets, not list.includes: one API may have many providers
  const providerSets = new Map<string, Set<string>>();
  const declaredApis = new Set(input.interfaces.map((i) => i.ref));
  for (const p of input.provides) {
    if (!declaredApis.has(p.ref)) continue;
    const set = providerSets.get(p.ref);
    if (!set) providerSets.set(p.ref, new Set([p.service]));
    else set.add(p.service);
  }
  const providers = new Map<string, string[]>();
  for (const [ref, set] of providerSets) providers.set(ref, [...set].sort(byCodeUnit));

  // A Backstage API's providers provide it as an api (SPEC §8): at the version its definition gives, or any.
  const declared = new Map<string, string | undefined>();
  for (const i of input.interfaces) if (!declared.has(i.ref) || declared.get(i.ref) === undefined) declared.set(i.ref, i.version);
  const provided = new Map<string, Provided[]>();
  for (const p of input.provides) {
    if (!declared.has(p.ref)) continue;
    const version = declared.get(p.ref);
    const list = provided.get(p.service) ?? [];
    list.push(version === undefined ? { api: p.ref } : { api: p.ref, versions: [version] });
    provided.set(p.service, list);
  }
  const throughApis = (entries: Entry[]): Entry[] =>
    entries.map((e) => {
      const by = e.via === undefined ? undefined : providers.get(e.via);
      if (!by) return e;
      const at = e.namePos[0] as Entry["namePos"][number];
      return { ...e, names: [...by], anyOf: by.length > 1, namePos: by.map(() => at) };
    });
  const diagnostics: Diagnostic[] = [];
  // dependencyOf: each dependent's requirements, added to its first declaration (file, line, column order).
  const extraRuntime = new Map<Declaration, Entry[]>();
  if (input.dependents?.length) {
    const first = new Map<string, Declaration>();
    for (const d of input.declarations) {
      const had = first.get(d.name);
      if (!had || comparePos(d.pos, had.pos) < 0) first.set(d.name, d);
    }
    for (const dep of input.dependents) {
      const target = first.get(dep.dependent);
      const at = dep.entry.namePos[0] as Entry["namePos"][number];
      if (!target) {
        diagnostics.push({
          ...at,
          message: `"spec.dependencyOf" names ${dep.written}, which no entity declares${didYouMean(dep.dependent, [...first.keys()])}; declare it, or remove the item`,
        });
        continue;
      }
      const list = extraRuntime.get(target);
      if (list) list.push(dep.entry);
      else extraRuntime.set(target, [dep.entry]);
    }
  }
  const declarations = input.declarations.map((d0) => {
    const more = extraRuntime.get(d0);
    const apis = d0.origin === "backstage" ? provided.get(d0.name) : undefined;
    let d = more ? { ...d0, runtime: [...d0.runtime, ...more] } : d0;
    if (apis) d = { ...d, provides: mergeProvided([...(d.provides ?? []), ...apis]) };
    return d.runtime.some((e) => e.via !== undefined) || d.rollback?.some((e) => e.via !== undefined)
      ? { ...d, runtime: throughApis(d.runtime), ...(d.rollback ? { rollback: throughApis(d.rollback) } : {}) }
      : d;
  });
  const at = (d: Declaration, message: string) => diagnostics.push({ ...d.pos, message });

  const byName = new Map<string, Declaration[]>();
  for (const d of declarations) {
    const list = byName.get(d.name);
    if (list) list.push(d);
    else byName.set(d.name, [d]);
  }
  const what = (d: Declaration) => formatById(d.origin).what;
  const merged = new Map<Declaration, Declaration>();
  const absorbed = new Set<Declaration>();
  for (const [name, decls] of byName) {
    const own = decls.filter((d) => d.origin === "catch22").sort((a, b) => comparePos(a.pos, b.pos));
    if (own.length === 0) continue;
    const others = decls.filter((d) => d.origin !== "catch22").sort((a, b) => comparePos(a.pos, b.pos));
    for (const d of own) {
      if (d.extends === undefined) {
        const other = others[0];
        if (other) {
          at(
            d,
            `"${name}" is also the ${what(other)} at ${formatPos(other.pos)}; to add catch22 knowledge (rollback, soft requirements) to it, write "extends: ${other.origin}" in this document, or give one of them another name`,
          );
        }
        continue;
      }
      const base = others.find((o) => o.origin === d.extends);
      if (!base) {
        const candidates = declarations.filter((o) => o.origin === d.extends).map((o) => o.name);
        at(d, `"extends: ${d.extends}", but no ${formatById(d.extends).what} named "${name}" was read${didYouMean(name, candidates)}`);
        continue;
      }
      // One extension per service: a second one stays a declaration of its own (a duplicate-service finding).
      if (merged.has(base)) continue;
      // The facts as for two declarations of one name, the adapter's first: it stays their source where it has one.
      merged.set(base, {
        ...base,
        ...mergeFacts([base, d]),
        runtime: refine(base.runtime, d.runtime),
        rollback: d.rollback === undefined ? base.rollback : [...(base.rollback ?? []), ...d.rollback],
      });
      absorbed.add(d);
    }
  }
  const out: Declaration[] = [];
  for (const d of declarations) {
    if (absorbed.has(d)) continue;
    out.push(merged.get(d) ?? d);
  }
  return { declarations: resolveApiEntries(out, input.own), diagnostics };
}
