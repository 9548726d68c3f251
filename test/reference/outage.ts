// A naive reading of SPEC §3 shared-fate, §4.2 (cold drill) and §4.3 (recovery time) for property tests.
//
// Names and plain sets, straight from the definitions: fixpoints by repetition, cores by pairwise
// reachability, witnesses by enumerating simple paths level by level. It shares no code with src/
// (only the model of test/reference/brute.ts, itself independent of src/), so that a misreading of
// the SPEC has to be made twice to go unnoticed. Small estates only.
import type { SourcePos } from "../../src/model/types.js";
import { type BruteModel, bruteDown, compareNames, comparePositions, type Req, sorted } from "./brute.js";

const meets = (q: Req, set: Set<string>) => q.names.some((n) => set.has(n));
const inside = (names: readonly string[], set: Set<string>) => names.every((n) => set.has(n));
const at = (p: SourcePos) => `${p.file}:${p.line}:${p.column}`;

function earliest(list: (SourcePos | undefined)[]): SourcePos | undefined {
  let best: SourcePos | undefined;
  for (const p of list) if (p && (!best || comparePositions(p, best) < 0)) best = p;
  return best;
}

/** The shortest simple path from one of `starts` to a node `done` accepts, smallest names first. */
function shortest(starts: string[][], next: (v: string) => string[], done: (p: string[]) => boolean, loop: string | undefined) {
  let level = starts;
  while (level.length > 0) {
    const finished = level.filter(done);
    if (finished.length > 0) return finished.sort(compareNames)[0] as string[];
    level = level.flatMap((p) =>
      next(p[p.length - 1] as string)
        .filter((w) => w === loop || !p.includes(w))
        .map((w) => [...p, w]),
    );
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// §4.2 cold drill

export interface BruteColdCore {
  services: string[];
  path: string[];
  locations: string[];
  impacted: string[];
}

export interface BruteCold {
  failed: string[];
  waves: string[][];
  neverUp: string[];
  blocked: { service: string; requirements: string[][] }[];
  cores: BruteColdCore[];
}

export function bruteCold(m: BruteModel, failed: readonly string[]): BruteCold {
  const F = new Set(failed);
  const up = new Set<string>();
  const waves: string[][] = [];
  for (;;) {
    const W = m.services.filter((x) => !F.has(x) && !up.has(x) && (m.rt.get(x) as Req[]).every((q) => meets(q, up)));
    if (W.length === 0) break;
    for (const x of W) up.add(x);
    waves.push(sorted(W));
  }
  const N = new Set(m.services.filter((x) => !F.has(x) && !up.has(x)));
  const blocking = (x: string) => (m.rt.get(x) as Req[]).filter((q) => !meets(q, up));
  const blocked = sorted(N).map((service) => {
    const keys = new Map<string, string[]>();
    for (const q of blocking(service)) keys.set(q.names.join("\n"), q.names);
    return { service, requirements: [...keys.values()].sort(compareNames) };
  });
  const succ = (x: string) => (N.has(x) ? sorted(blocking(x).flatMap((q) => q.names.filter((y) => N.has(y)))) : []);
  const reaches = (x: string, y: string) => {
    const seen = new Set<string>();
    const todo = succ(x);
    while (todo.length > 0) {
      const v = todo.pop() as string;
      if (seen.has(v)) continue;
      seen.add(v);
      todo.push(...succ(v));
    }
    return seen.has(y);
  };
  const cores: BruteColdCore[] = [];
  const inCore = new Set<string>();
  for (const x of sorted(N)) {
    if (inCore.has(x)) continue;
    const scc = sorted([x, ...[...N].filter((y) => y !== x && reaches(x, y) && reaches(y, x))]);
    if (scc.length === 1 && !succ(x).includes(x)) continue;
    for (const y of scc) inCore.add(y);
    const s = scc[0] as string;
    const within = new Set(scc);
    const path = shortest(
      [[s]],
      (v) => succ(v).filter((w) => within.has(w)),
      (p) => p.length > 1 && p[p.length - 1] === s,
      s,
    ) as string[];
    const locations: string[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const from = path[i] as string;
      const p = earliest(blocking(from).map((q) => q.pos.get(path[i + 1] as string)));
      if (p) locations.push(at(p));
    }
    cores.push({ services: scc, path, locations, impacted: [] });
  }
  for (const core of cores) {
    core.impacted = sorted([...N].filter((y) => !inCore.has(y) && core.services.some((c) => reaches(y, c))));
  }
  return { failed: sorted(F), waves, neverUp: sorted(N), blocked, cores };
}

// ---------------------------------------------------------------------------------------------
// §4.3 recovery time

export interface BruteTimes {
  recovery: Map<string, { rollback?: number; start?: number }>;
  rto: Map<string, number>;
  tier: Map<string, number>;
  tierRto: Map<number, number>;
}

export interface BruteTiming {
  waves: { duration: number; endsAfter: number }[];
  recoveryTime: number | null;
  rtoExceeded: { service: string; rto: number; back: number | null }[];
  withoutRecoveryTimes: number;
}

const rollbackOf = (t: BruteTimes, s: string) => t.recovery.get(s)?.rollback ?? 0;
const startOf = (t: BruteTimes, s: string) => t.recovery.get(s)?.start ?? 0;
const largest = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);

function rtoOf(t: BruteTimes, s: string): number | undefined {
  if (t.rto.has(s)) return t.rto.get(s);
  const tier = t.tier.get(s);
  return tier === undefined ? undefined : t.tierRto.get(tier);
}

function finish(t: BruteTimes, durations: number[], back: Map<string, number>, checked: string[], allBack: boolean): BruteTiming {
  const waves: BruteTiming["waves"] = [];
  let end = 0;
  for (const duration of durations) {
    end += duration;
    waves.push({ duration, endsAfter: end });
  }
  const rtoExceeded: BruteTiming["rtoExceeded"] = [];
  for (const service of sorted(checked)) {
    const rto = rtoOf(t, service);
    if (rto === undefined) continue;
    const k = back.get(service);
    const when = k === undefined ? null : (waves[k] as { endsAfter: number }).endsAfter;
    if (when === null || when > rto) rtoExceeded.push({ service, rto, back: when });
  }
  return {
    waves,
    recoveryTime: allBack ? end : null,
    rtoExceeded,
    withoutRecoveryTimes: checked.filter((s) => !t.recovery.has(s)).length,
  };
}

/** A warm drill (SPEC §4's loop) timed literally: B_k = D − Down(U) after the wave. */
export function bruteWarmTiming(m: BruteModel, failed: readonly string[], t: BruteTimes): BruteTiming {
  let U = new Set(failed);
  const durations: number[] = [];
  const back = new Map<string, number>();
  for (;;) {
    const D = bruteDown(m, U);
    const R = [...U].filter((r) => (m.rb.get(r) as Req[]).every((q) => q.names.some((n) => !D.has(n))));
    if (R.length === 0) break;
    U = new Set([...U].filter((r) => !R.includes(r)));
    const after = bruteDown(m, U);
    const B = [...D].filter((s) => !after.has(s));
    for (const s of B) back.set(s, durations.length);
    durations.push(largest(R.map((r) => rollbackOf(t, r))) + largest(B.map((s) => startOf(t, s))));
  }
  const blast = [...bruteDown(m, failed)];
  return finish(t, durations, back, blast, bruteDown(m, U).size === 0);
}

/** A cold drill timed literally: wave k lasts the longest start in it; F is left out. */
export function bruteColdTiming(m: BruteModel, failed: readonly string[], t: BruteTimes): BruteTiming {
  const cold = bruteCold(m, failed);
  const back = new Map<string, number>();
  cold.waves.forEach((w, k) => {
    for (const s of w) back.set(s, k);
  });
  const outside = m.services.filter((s) => !failed.includes(s));
  return finish(
    t,
    cold.waves.map((w) => largest(w.map((s) => startOf(t, s)))),
    back,
    outside,
    cold.neverUp.length === 0,
  );
}

// ---------------------------------------------------------------------------------------------
// §3 shared-fate

export interface BruteSharedFate {
  service: string;
  kind: "runtime" | "rollback";
  alternatives: string[];
  causes: string[];
  path: string[];
  locations: string[];
}

interface Unit {
  label: string;
  zone: boolean;
  set: string[];
}

export function bruteSharedFate(m: BruteModel, zone: Map<string, string>): BruteSharedFate[] {
  const out: BruteSharedFate[] = [];
  const zones = sorted(zone.values());
  for (const x of m.services) {
    const groups = new Map<string, { names: string[]; kinds: Set<string>; reqs: { kind: string; q: Req }[] }>();
    for (const [kind, reqs] of [
      ["runtime", m.rt.get(x) as Req[]],
      ["rollback", m.rb.get(x) as Req[]],
    ] as const) {
      for (const q of reqs) {
        if (q.names.length < 2) continue;
        const key = q.names.join("\n");
        const g = groups.get(key) ?? { names: q.names, kinds: new Set(), reqs: [] };
        g.kinds.add(kind);
        g.reqs.push({ kind, q });
        groups.set(key, g);
      }
    }
    for (const { names, kinds, reqs } of groups.values()) {
      const runtimeOnly = !kinds.has("rollback");
      const units: Unit[] = [
        ...zones
          .map((z) => ({ label: `zone=${z}`, zone: true, set: m.services.filter((s) => zone.get(s) === z) }))
          .filter((u) => !(runtimeOnly && u.set.includes(x))),
        ...m.services.filter((z) => z !== x).map((z) => ({ label: z, zone: false, set: [z] })),
      ];
      const downOf = new Map(units.map((u) => [u, bruteDown(m, u.set)]));
      const sharing = units.filter((u) => inside(names, downOf.get(u) as Set<string>));
      const within = (v: Unit, u: Unit) => inside(v.set, downOf.get(u) as Set<string>);
      const causes = sharing.filter((u) => !sharing.some((v) => within(v, u) && !within(u, v)));
      if (causes.length === 0) continue;
      // units are listed zones first, by value, then services by name: already the SPEC's order.
      const cause = causes[0] as Unit;
      const D = downOf.get(cause) as Set<string>;
      const reasons = (y: string) => (m.rt.get(y) as Req[]).filter((q) => inside(q.names, D));
      const kind = kinds.has("runtime") ? "runtime" : "rollback";
      const a1 = names[0] as string;
      const chain = shortest(
        [[a1]],
        (v) => sorted(reasons(v).flatMap((q) => q.names)),
        (p) => cause.set.includes(p[p.length - 1] as string),
        undefined,
      ) as string[];
      const path = [x, ...chain];
      const locations: string[] = [];
      const first = earliest(reqs.filter((r) => r.kind === kind).map((r) => r.q.pos.get(a1)));
      if (first) locations.push(at(first));
      for (let i = 2; i < path.length; i++) {
        const p = earliest(reasons(path[i - 1] as string).map((q) => q.pos.get(path[i] as string)));
        if (p) locations.push(at(p));
      }
      out.push({ service: x, kind, alternatives: names, causes: causes.map((u) => u.label), path, locations });
    }
  }
  return out.sort((a, b) => compareNames([a.service], [b.service]) || compareNames(a.alternatives, b.alternatives));
}
