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
  // The default sort compares UTF-16 code units: plain string order, without a JavaScript comparator.
  const names = [...byName.keys()].sort();
  const services: Service[] = [];
  const ids = new Map<string, number>();
  for (const name of names) {
    const got = byName.get(name) as Declaration | Declaration[];
    ids.set(name, services.length);
    const id = previous?.ids.get(name);
    const was = id === undefined ? undefined : previous?.services[id];
    if (was && sameDeclarations(was.declarations, got)) {
      services.push(was);
      continue;
    }
    services.push(Array.isArray(got) ? merged(name, got) : single(got));
  }
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
