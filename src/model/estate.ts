// Declarations → the estate: one service per name, its requirements the union of its declarations (SPEC §2).

import { comparePos } from "../util/order.js";
import { mergeFacts } from "./facts.js";
import type { Declaration, Estate, Service } from "./types.js";

/**
 * `previous`: an estate built before from mostly the same declaration objects (`serve`, whose parse cache
 * keeps an unchanged file's declarations as they were): a service whose declarations are all the same
 * objects is that estate's service, as it was (a service is a function of its declarations, and is never changed).
 */
export function buildEstate(declarations: readonly Declaration[], previous?: Estate): Estate {
  const byName = new Map<string, Declaration[]>();
  for (const d of declarations) {
    const list = byName.get(d.name);
    if (list) list.push(d);
    else byName.set(d.name, [d]);
  }
  // The default sort compares UTF-16 code units: plain string order, without a JavaScript comparator.
  const names = [...byName.keys()].sort();
  const services: Service[] = [];
  const ids = new Map<string, number>();
  for (const name of names) {
    const all = byName.get(name) as Declaration[];
    ids.set(name, services.length);
    // Declarations in source order, so "first" never depends on the order files were read in.
    const decls = all.length === 1 ? all : all.slice().sort((a, b) => comparePos(a.pos, b.pos));
    const id = previous?.ids.get(name);
    const was = id === undefined ? undefined : previous?.services[id];
    if (was && sameObjects(was.declarations, decls)) {
      services.push(was);
      continue;
    }
    services.push({
      name,
      declarations: decls,
      ...mergeFacts(decls),
      // The common case, one declaration, keeps its lists as they are.
      runtime: decls.length === 1 ? (decls[0] as Declaration).runtime : decls.flatMap((d) => d.runtime),
      rollback: decls.flatMap((d) => d.rollback ?? []),
      rollbackDeclared: decls.some((d) => d.rollback !== undefined),
    });
  }
  return { services, ids };
}

function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
