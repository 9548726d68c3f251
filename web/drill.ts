// The drill (SPEC §4) as the page sees it: one interface, so the CLI's simulation can plug in unchanged.
// Until src/drill/simulate.ts lands on main, `simulateDrill` below follows SPEC §4 with the CLI's own graph code.
import { type Compiled, reqSize } from "../src/graph/compiled.js";
import { DownSet } from "../src/graph/down.js";
import type { Entry, Estate, Service } from "../src/model/types.js";
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
}

export interface DrillOutcome {
  failed: string[];
  blastRadius: string[];
  waves: DrillWave[];
  stuck: string[];
  stuckRoots: string[];
  reasons: StuckReason[];
}

const sortNames = (g: Compiled, ids: Iterable<number>) =>
  [...ids].map((i) => g.names[i] as string).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The estate again, from the view model: same service order and ids as the CLI's (names sorted). */
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
        namePos: e.names.map(() => e.pos ?? { file: "", line: 0, column: 0 }),
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

/** SPEC §4, warm recovery: roll back every root whose rollback is met, wave after wave, until none can be. */
export function simulateDrill(g: Compiled, failed: readonly number[]): DrillOutcome {
  const downOf = (roots: Iterable<number>) => {
    const d = new DownSet(g);
    d.add(roots);
    return d;
  };
  const blast = downOf(failed);
  const blastRadius = sortNames(g, blast.members);
  let U = new Set(failed);
  let D = blast;
  const waves: DrillWave[] = [];
  const met = (r: number, down: Uint8Array) => {
    const { rollback } = g;
    for (let q = rollback.start[r] as number; q < (rollback.start[r + 1] as number); q++) {
      let ok = false;
      for (let k = rollback.memberStart[q] as number; k < (rollback.memberStart[q + 1] as number); k++) {
        if (!down[rollback.members[k] as number]) ok = true;
      }
      if (!ok) return false;
    }
    return true;
  };
  for (;;) {
    const R = [...U].filter((r) => met(r, D.isDown));
    if (R.length === 0) break;
    for (const r of R) U.delete(r);
    U = new Set(U);
    const next = downOf(U);
    const recovered = D.members.filter((m) => !next.isDown[m] && !R.includes(m));
    waves.push({ rollback: sortNames(g, R), recovered: sortNames(g, recovered) });
    D = next;
  }
  const reasons: StuckReason[] = [];
  for (const r of [...U].sort((a, b) => a - b)) {
    const { rollback } = g;
    for (let q = rollback.start[r] as number; q < (rollback.start[r + 1] as number); q++) {
      let inside = reqSize(rollback, q) > 0;
      const names: string[] = [];
      for (let k = rollback.memberStart[q] as number; k < (rollback.memberStart[q + 1] as number); k++) {
        const m = rollback.members[k] as number;
        names.push(g.names[m] as string);
        if (!D.isDown[m]) inside = false;
      }
      if (!inside) continue;
      const reason: StuckReason = { root: g.names[r] as string, requirement: names };
      const note = rollback.entry[q]?.note;
      if (note !== undefined) reason.note = note;
      reasons.push(reason);
    }
  }
  return {
    failed: sortNames(g, failed),
    blastRadius,
    waves,
    stuck: U.size > 0 ? sortNames(g, D.members) : [],
    stuckRoots: sortNames(g, U),
    reasons,
  };
}
