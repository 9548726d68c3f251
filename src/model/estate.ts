// Declarations → the estate: one service per name, its requirements the union of its declarations (SPEC §2).

import { byCodeUnit, comparePos } from "../util/order.js";
import { copyFacts, mergeFacts, type ServiceFacts } from "./facts.js";
import type { Declaration, Entry, Estate, Service } from "./types.js";

/**
 * `previous`: an estate built before from mostly the same declaration objects (`serve`, whose parse cache
 * keeps an unchanged file's declarations as they were): a service whose declarations are all the same
 * objects is that estate's service, as it was (a service is a function of its declarations, and is never changed).
 */
export function buildEstate(declarations: readonly Declaration[], previous?: Estate): Estate {
  if (!previous) return sorted(declarations);
  const byName = new Map<string, Declaration | Declaration[]>();
  for (const d of declarations) {
    const had = byName.get(d.name);
    const got = gathered(had, d);
    if (got !== had) byName.set(d.name, got);
  }
  const services: Service[] = [];
  const ids = new Map<string, number>();
  const add = (name: string, got: Declaration | Declaration[], was?: Service) => {
    ids.set(name, services.length);
    services.push(was && sameDeclarations(was.declarations, got) ? was : Array.isArray(got) ? merged(name, got) : single(got));
  };
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

/**
 * No earlier estate: the declarations sorted by name (plain string order: `<` compares UTF-16 code units;
 * the sort is stable, so a name's declarations stay in the order they were read), each run of one name one
 * service, numbered in that order. The estate's `ids` is the one map: placing each declaration by a lookup
 * of its name cost a second probe per declaration (0.4 s at a million services, each a cache miss).
 */
function sorted(declarations: readonly Declaration[]): Estate {
  const order = declarations.slice().sort(byName);
  const ids = new Map<string, number>();
  const services: Service[] = [];
  for (let k = 0; k < order.length; ) {
    const d = order[k] as Declaration;
    let end = k + 1;
    while (end < order.length && (order[end] as Declaration).name === d.name) end++;
    ids.set(d.name, services.length);
    services.push(end === k + 1 ? single(d) : merged(d.name, order.slice(k, end)));
    k = end;
  }
  return { services, ids };
}

const byName = (a: Declaration, b: Declaration): number => byCodeUnit(a.name, b.name);

/** A name's declarations with `d` added: a name declared once, the common case, is kept as its declaration, an array only for a name declared twice. */
function gathered(had: Declaration | Declaration[] | undefined, d: Declaration): Declaration | Declaration[] {
  if (had === undefined) return d;
  if (!Array.isArray(had)) return [had, d];
  had.push(d);
  return had;
}

/** Whether a service was built from exactly these declaration objects (in any order: a merge sorts them). */
function sameDeclarations(was: readonly Declaration[], got: Declaration | Declaration[]): boolean {
  if (!Array.isArray(got)) return was.length === 1 && was[0] === got;
  if (was.length !== got.length) return false;
  const set = new Set(was);
  return got.every((d) => set.has(d));
}

/**
 * A service, its keys set in one constructor (name, declarations, facts in table order, lists): V8 then
 * keeps them all inside the object, where keys added to an object literal one by one after it is made
 * go to a second, out-of-object array (one more object per service, and 100 bytes, a million times).
 */
class ServiceRecord implements Service {
  // `declare`: no field definitions ahead of the constructor, which would set the keys in another order.
  declare name: string;
  declare declarations: Declaration[];
  declare runtime: Entry[];
  declare rollback: Entry[];
  declare rollbackDeclared: boolean;
  constructor(
    name: string,
    declarations: Declaration[],
    facts: ServiceFacts,
    runtime: Entry[],
    rollback: Entry[],
    rollbackDeclared: boolean,
  ) {
    this.name = name;
    this.declarations = declarations;
    copyFacts(facts, this as ServiceFacts);
    this.runtime = runtime;
    this.rollback = rollback;
    this.rollbackDeclared = rollbackDeclared;
  }
}

/** The rollback list of a service none of whose declarations has the key: one frozen list (no reader changes a service's lists). */
const NO_ROLLBACK: Entry[] = Object.freeze([]) as unknown as Entry[];

/** One declaration: its lists as they are, its facts copied (the same keys, in the same order, as `merged`). */
function single(d: Declaration): Service {
  return new ServiceRecord(d.name, [d], d, d.runtime, d.rollback ?? NO_ROLLBACK, d.rollback !== undefined);
}

function merged(name: string, all: Declaration[]): Service {
  // Declarations in source order, so "first" never depends on the order files were read in.
  const decls = all.slice().sort((a, b) => comparePos(a.pos, b.pos));
  return new ServiceRecord(
    name,
    decls,
    mergeFacts(decls),
    decls.flatMap((d) => d.runtime),
    decls.flatMap((d) => d.rollback ?? []),
    decls.some((d) => d.rollback !== undefined),
  );
}
