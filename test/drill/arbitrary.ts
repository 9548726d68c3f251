// Random estates and failure sets shaped for the drill: roots that need each other, anyOf rollbacks, soft entries, self-loops.
import fc from "fast-check";
import type { Declaration } from "../../src/model/types.js";
import { declarations, type EntrySpec, type ServiceSpec } from "../helpers/estate.js";

/** Names with `/` parts for patterns, upper case (sorts first) and a name JavaScript objects know. */
export const NAMES = ["a", "b", "c", "d", "e", "p/x", "p/y", "p/q/z", "B", "toString"] as const;

export interface DrillCase {
  decls: Declaration[];
  declared: string[];
  failed: string[];
}

function entryArb(self: string, declared: readonly string[], failed: readonly string[]): fc.Arbitrary<EntrySpec> {
  // Failed services are named more often, so that roots need each other at runtime and for rollback.
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...declared) },
    { weight: 4, arbitrary: fc.constantFrom(...failed) },
    { weight: 2, arbitrary: fc.constant(self) },
    { weight: 1, arbitrary: fc.constant("undeclared") },
  );
  return fc.tuple(fc.nat(3), fc.array(name, { minLength: 2, maxLength: 3 }), fc.nat(6)).map(([shape, names, soft]): EntrySpec => {
    const isSoft = soft === 0;
    if (shape === 3) return { anyOf: names, soft: isSoft };
    return isSoft ? { service: names[0] as string, soft: true } : (names[0] as string);
  });
}

function serviceArb(name: string, declared: readonly string[], failed: readonly string[]): fc.Arbitrary<ServiceSpec> {
  const entry = entryArb(name, declared, failed);
  return fc.record({
    name: fc.constant(name),
    runtime: fc.array(entry, { maxLength: 3 }),
    rollback: fc.option(fc.array(entry, { maxLength: 3 }), { nil: undefined, freq: 6 }),
    file: fc.constantFrom("a.yaml", "b.yaml"),
  });
}

/** 2–8 services (some declared twice) and 1–4 of them failed. */
export const drillCaseArb: fc.Arbitrary<DrillCase> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 8 })
  .chain((declared) =>
    fc.tuple(
      fc.constant(declared),
      fc.array(fc.constantFrom(...declared), { maxLength: 2 }),
      fc.uniqueArray(fc.constantFrom(...declared), { minLength: 1, maxLength: 4 }),
    ),
  )
  .chain(([declared, twice, failed]) =>
    fc.tuple(fc.constant(declared), fc.constant(failed), fc.tuple(...[...declared, ...twice].map((n) => serviceArb(n, declared, failed)))),
  )
  .map(([declared, failed, specs]) => ({ decls: declarations(specs), declared: declared.slice(), failed }));
