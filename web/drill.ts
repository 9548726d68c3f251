// The drill (SPEC §4, §4.2, §4.3) as the page sees it: the CLI's own simulations and timing on the estate's real positions, its ids turned into names.
import { simulateCold } from "../src/drill/cold.js";
import { simulate } from "../src/drill/simulate.js";
import { coldTiming, type DrillTiming, type RecoveryTimes, recoveryTimes, warmTiming } from "../src/drill/timing.js";
import { warmOnly } from "../src/drill/warm-only.js";
import type { Compiled, ObservedAddition } from "../src/graph/compiled.js";
import { copyFacts } from "../src/model/facts.js";
import type { Entry, Estate, PathStep, Service, SourcePos } from "../src/model/types.js";
import { namesOf, runtimeSteps, steps } from "../src/report/drill/context.js";
import type { ViewModel } from "../src/report/view-model.js";

/** One step of a drill: a warm wave (the roots rolled back, what comes back), or a cold one (`recovered`: what comes up). */
export interface DrillWave {
  rollback: string[];
  recovered: string[];
  /** When everything the wave brings back is back (seconds, SPEC §4.3). */
  endsAfter: number;
}

/** Why a stuck root cannot be rolled back: one of its rollback requirements lies wholly inside the stuck set. */
export interface StuckReason {
  root: string;
  /** The names of the blocking requirement (one, or the alternatives of an `anyOf`). */
  requirement: string[];
  note?: string;
  /** The witness: root ⇒ c → … → a stuck root (the chain of reasons why the requirement is down). */
  witness: string[];
  /** The witness as steps, and where each step is declared (as `catch22 drill` shows them). */
  path: PathStep[];
  locations: SourcePos[];
}

/**
 * A warm drill, or a cold one in the same shape (so the map and the stepper step through both): for a
 * cold drill the "blast radius" is every service (all start down), the waves bring services up, and
 * the never-up services are `stuck`, each core a reason.
 */
export interface DrillOutcome {
  mode: "warm" | "cold";
  failed: string[];
  blastRadius: string[];
  waves: DrillWave[];
  stuck: string[];
  stuckRoots: string[];
  reasons: StuckReason[];
  /** SPEC §4.3: null when something stays down. */
  recoveryTime: number | null;
  rtoExceeded: { service: string; rto: number; back: number | null }[];
  withoutRecoveryTimes: number;
  /** Warm: the services brought back that a cold start could not bring back. */
  warmOnly: string[];
}

/**
 * The estate again, from the view model: same service order, ids and name positions as the CLI's (names
 * sorted), so the simulation's witnesses and their tie-breaks (by position) are the CLI's too.
 */
export function estateFromView(model: ViewModel): Estate {
  const ids = new Map<string, number>();
  const services: Service[] = model.services.map((s, i) => {
    ids.set(s.name, i);
    const entries = (list: ViewModel["services"][number]["runtime"]): Entry[] =>
      list.map((e) => ({
        kind: e.kind,
        names: e.names,
        anyOf: Boolean(e.anyOf),
        soft: Boolean(e.soft),
        note: e.note,
        namePos: e.namePos,
      }));
    const service: Service = {
      name: s.name,
      declarations: [],
      runtime: entries(s.runtime),
      rollback: entries(s.rollback),
      rollbackDeclared: s.rollbackDeclared,
    };
    copyFacts(s, service);
    return service;
  });
  return { services, ids };
}

/** With `--observed-edges hard`: the observed-only edges the analysis added to RT, so the page drills what the CLI drills. */
export function observedAdditions(model: ViewModel): ObservedAddition[] {
  const at = new Map(model.services.map((s) => [s.name, s.declared[0]]));
  const out: ObservedAddition[] = [];
  for (const e of model.observed ?? []) {
    if (!e.hard) continue;
    const a: ObservedAddition = { service: e.from, requirement: [e.to] };
    const pos = at.get(e.from);
    if (pos !== undefined) a.pos = pos;
    out.push(a);
  }
  return out;
}

/** SPEC §4, warm recovery, by the CLI's own simulation (src/drill/simulate.ts), in names for the page. */
export function simulateDrill(
  g: Compiled,
  failed: readonly number[],
  times: RecoveryTimes = recoveryTimes(g.estate.services),
): DrillOutcome {
  const r = simulate(g, failed);
  const timing = warmTiming(r, times);
  const names = (ids: readonly number[]) => namesOf(g, ids);
  const reasons: StuckReason[] = [];
  for (const b of r.blocked) {
    for (const q of b.requirements) {
      const reason: StuckReason = {
        root: g.names[b.root] as string,
        requirement: names(q.services),
        witness: names(q.witness.path),
        path: steps(g, q.witness.path),
        locations: q.witness.locations,
      };
      const note = g.rollback.entry[q.requirement]?.note;
      if (note !== undefined) reason.note = note;
      reasons.push(reason);
    }
  }
  return {
    mode: "warm",
    failed: names(r.failed),
    blastRadius: names(r.blastRadius),
    waves: r.waves.map((w, k) => ({ rollback: names(w.rollback), recovered: names(w.recovered), endsAfter: endOf(timing, k) })),
    stuck: names(r.stuck),
    stuckRoots: names(r.stuckRoots),
    reasons,
    ...timed(g, timing),
    warmOnly: names(warmOnly(g, r)),
  };
}

/** SPEC §4.2, the cold start with `failed` staying down, in the warm drill's shape (see DrillOutcome). */
export function simulateColdDrill(
  g: Compiled,
  failed: readonly number[],
  times: RecoveryTimes = recoveryTimes(g.estate.services),
): DrillOutcome {
  const r = simulateCold(g, failed);
  const timing = coldTiming(r, times);
  const names = (ids: readonly number[]) => namesOf(g, ids);
  const reasons: StuckReason[] = r.cores.map((c) => ({
    root: g.names[c.members[0] as number] as string,
    requirement: names([c.cycle[1] as number]),
    witness: names(c.cycle),
    path: runtimeSteps(g, c.cycle),
    locations: c.locations,
  }));
  return {
    mode: "cold",
    failed: names(r.failed),
    blastRadius: g.names.slice(),
    waves: r.waves.map((w, k) => ({ rollback: [], recovered: names(w.up), endsAfter: endOf(timing, k) })),
    stuck: names(r.neverUp),
    stuckRoots: [],
    reasons,
    ...timed(g, timing),
    warmOnly: [],
  };
}

function endOf(timing: DrillTiming, k: number): number {
  return timing.waves[k]?.endsAfter ?? 0;
}

function timed(g: Compiled, t: DrillTiming): Pick<DrillOutcome, "recoveryTime" | "rtoExceeded" | "withoutRecoveryTimes"> {
  return {
    recoveryTime: t.recoveryTime,
    rtoExceeded: t.rtoExceeded.map((e) => ({ service: g.names[e.service] as string, rto: e.rto, back: e.back })),
    withoutRecoveryTimes: t.withoutRecoveryTimes,
  };
}
