// Declarations → the estate: one service per name, its requirements the union of its declarations (SPEC §2).

import { comparePos } from "../util/order.js";
import { copyFacts, mergeFacts } from "./facts.js";
import type { Declaration, Estate, Service } from "./types.js";

/**
 * `previous`: an estate built before from mostly the same declaration objects (`serve`, whose parse cache
 * keeps an unchanged file's declarations as they were): a service whose declarations are all the same
 * objects is that estate's service, as it was (a service is a function of its declarations, and is never changed).
 */
export function buildEstate(declarations: readonly Declaration[], previous?: Estate): Estate {
  // A name declared once, the common case, is kept as its declaration: an array only for a name declared twice.
  const byName = new Map<string, Declaration | Declaration[]>();
  for (const d of declarations) {
    const had = byName.get(d.name);
    if (had === undefined) byName.set(d.name, d);
    else if (Array.isArray(had)) had.push(d);
    else byName.set(d.name, [had, d]);
  }
  const services: Service[] = [];
  const ids = new Map<string, number>();
  const add = (name: string, got: Declaration | Declaration[], was?: Service) => {
    ids.set(name, services.length);
    services.push(was && sameDeclarations(was.declarations, got) ? was : Array.isArray(got) ? merged(name, got) : single(got));
  };
  if (!previous) {
    // The default sort compares UTF-16 code units: plain string order, without a JavaScript comparator.
    for (const name of [...byName.keys()].sort()) add(name, byName.get(name) as Declaration | Declaration[]);
    return { services, ids };
  }
  // The earlier estate's names are in plain string order already: those still declared, merged with
  // the new ones sorted (`<` compares code units as the sort does), give the same order without
  // sorting 100,000 names again for one changed file, and each name's earlier service at hand.
  const fresh: string[] = [];
  for (const name of byName.keys()) if (!previous.ids.has(name)) fresh.push(name);
  fresh.sort();
  let k = 0;
  const freshBefore = (name: string | undefined) => {
    while (k < fresh.length && (name === undefined || (fresh[k] as string) < name)) {
      const f = fresh[k++] as string;
      add(f, byName.get(f) as Declaration | Declaration[]);
    }
  };
  for (const was of previous.services) {
    const got = byName.get(was.name);
    if (got === undefined) continue;
    freshBefore(was.name);
    add(was.name, got, was);
  }
  freshBefore(undefined);
  return { services, ids };
}

/** Whether a service was built from exactly these declaration objects (in any order: a merge sorts them). */
function sameDeclarations(was: readonly Declaration[], got: Declaration | Declaration[]): boolean {
  if (!Array.isArray(got)) return was.length === 1 && was[0] === got;
  if (was.length !== got.length) return false;
  const set = new Set(was);
  return got.every((d) => set.has(d));
}

/** One declaration: its lists as they are, its facts copied (the same keys, in the same order, as `merged`). */
function single(d: Declaration): Service {
  const s = { name: d.name, declarations: [d] } as Partial<Service> as Service;
  copyFacts(d, s);
  s.runtime = d.runtime;
  s.rollback = d.rollback ?? [];
  s.rollbackDeclared = d.rollback !== undefined;
  return s;
}

function merged(name: string, all: Declaration[]): Service {
  // Declarations in source order, so "first" never depends on the order files were read in.
  const decls = all.slice().sort((a, b) => comparePos(a.pos, b.pos));
  return {
    name,
    declarations: decls,
    ...mergeFacts(decls),
    runtime: decls.flatMap((d) => d.runtime),
    rollback: decls.flatMap((d) => d.rollback ?? []),
    rollbackDeclared: decls.some((d) => d.rollback !== undefined),
  };
}
