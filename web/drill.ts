// The drill (SPEC §4) as the page sees it: the CLI's own simulation on the estate's real positions, its ids turned into names.
import { simulate } from "../src/drill/simulate.js";
import type { Compiled, ObservedAddition } from "../src/graph/compiled.js";
import type { Entry, Estate, PathStep, Service, SourcePos } from "../src/model/types.js";
import { steps } from "../src/report/drill/context.js";
import type { ViewModel } from "../src/report/view-model.js";

export interface DrillWave {
  rollback: string[];
  recovered: string[];
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

export interface DrillOutcome {
  failed: string[];
  blastRadius: string[];
  waves: DrillWave[];
  stuck: string[];
  stuckRoots: string[];
  reasons: StuckReason[];
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
    return {
      name: s.name,
      declarations: [],
      description: s.description,
      owner: s.owner,
      system: s.system,
      tier: s.tier,
      runtime: entries(s.runtime),
      rollback: entries(s.rollback),
      rollbackDeclared: s.rollbackDeclared,
    };
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
export function simulateDrill(g: Compiled, failed: readonly number[]): DrillOutcome {
  const r = simulate(g, failed);
  const names = (ids: readonly number[]) => ids.map((i) => g.names[i] as string);
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
    failed: names(r.failed),
    blastRadius: names(r.blastRadius),
    waves: r.waves.map((w) => ({ rollback: names(w.rollback), recovered: names(w.recovered) })),
    stuck: names(r.stuck),
    stuckRoots: names(r.stuckRoots),
    reasons,
  };
}
