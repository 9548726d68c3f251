// fast-check arbitraries for the outage drills: zones, recovery times and RTOs (by service and by tier) over random estates.
import fc from "fast-check";
import { type RecoveryTimes, recoveryTimes } from "../../src/drill/timing.js";
import { type Compiled, compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration } from "../../src/model/types.js";
import type { BruteTimes } from "../reference/outage.js";

/** Few zone values, so that zones hold several services; one a name JavaScript objects know. */
export const ZONES = ["z1", "z2", "Z0", "constructor"] as const;

export interface Facts {
  zone: Map<string, string>;
  times: BruteTimes;
}

const secs = fc.constantFrom(0, 1, 2, 5, 10, 30);

/** Per declared name: maybe a zone, a tier, a `recovery` key (with either field), an RTO; and the config's RTO per tier. */
export function factsArb(names: readonly string[]): fc.Arbitrary<Facts> {
  const one = fc.record({
    zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined, freq: 3 }),
    tier: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 3 }),
    recovery: fc.option(fc.record({ rollback: fc.option(secs, { nil: undefined }), start: fc.option(secs, { nil: undefined }) }), {
      nil: undefined,
      freq: 4,
    }),
    rto: fc.option(fc.constantFrom(0, 5, 15, 40, 100), { nil: undefined, freq: 2 }),
  });
  return fc
    .tuple(
      fc.array(one, { minLength: names.length, maxLength: names.length }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 10, 30, 60)), { maxLength: 3 }),
    )
    .map(([each, tiers]) => {
      const facts: Facts = { zone: new Map(), times: { recovery: new Map(), rto: new Map(), tier: new Map(), tierRto: new Map(tiers) } };
      names.forEach((n, i) => {
        const f = each[i] as (typeof each)[number];
        if (f.zone !== undefined) facts.zone.set(n, f.zone);
        if (f.tier !== undefined) facts.times.tier.set(n, f.tier);
        if (f.rto !== undefined) facts.times.rto.set(n, f.rto);
        if (f.recovery) {
          const r: { rollback?: number; start?: number } = {};
          if (f.recovery.rollback !== undefined) r.rollback = f.recovery.rollback;
          if (f.recovery.start !== undefined) r.start = f.recovery.start;
          facts.times.recovery.set(n, r);
        }
      });
      return facts;
    });
}

export function compiled(decls: readonly Declaration[]): Compiled {
  return compile(buildEstate(decls));
}

/** The zone of each service, by id. */
export function zonesOf(g: Compiled, facts: Facts): (string | undefined)[] {
  return g.names.map((n) => facts.zone.get(n));
}

/** The fast code's §4.3 inputs, from the same facts. */
export function timesOf(g: Compiled, facts: Facts): RecoveryTimes {
  const { times } = facts;
  return recoveryTimes(
    g.names.map((n) => {
      const s: { tier?: number; recovery?: { rollback?: number; start?: number }; rto?: number } = {};
      const tier = times.tier.get(n);
      if (tier !== undefined) s.tier = tier;
      const recovery = times.recovery.get(n);
      if (recovery) s.recovery = recovery;
      const rto = times.rto.get(n);
      if (rto !== undefined) s.rto = rto;
      return s;
    }),
    times.tierRto,
  );
}

export const idsOf = (g: Compiled, names: readonly string[]) => names.map((n) => g.estate.ids.get(n) as number);
export const namesOf = (g: Compiled, ids: readonly number[]) => ids.map((i) => g.names[i] as string);
