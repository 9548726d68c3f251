// The drill (SPEC §4): a bad change to some services, then rollback waves until everything is back or nothing more can move.
import { type Compiled, reqSize } from "../graph/compiled.js";
import { DownSet } from "../graph/down.js";
import { rollbackInside, type Witness, WitnessFinder } from "../graph/witness.js";
import type { SourcePos } from "../model/types.js";
import { compareNameLists } from "../util/order.js";

/** One wave of the drill: the roots rolled back together, and the services that come back after it. */
export interface Wave {
  /** Sorted ids. */
  rollback: number[];
  /** (Down before − Down after) − rollback, sorted ids. */
  recovered: number[];
}

/** Why an alternative of a blocking requirement is down: root ⇒ c → … → a stuck root. */
export interface Chain {
  path: number[];
  locations: SourcePos[];
}

/** A rollback requirement of a stuck root lying wholly inside Down(U). */
export interface Blocking {
  /** The rollback requirement (index into `Compiled.rollback`). */
  requirement: number;
  /** Its members, sorted ids. */
  services: number[];
  /** The shortest witness through any of its members (SPEC §3 ties). */
  witness: Witness;
  /** For an `anyOf`: the shortest chain through each member, in member order. */
  alternatives: Chain[];
}

export interface DrillResult {
  /** F, sorted ids. */
  failed: number[];
  /** Down(F), sorted ids. */
  blastRadius: number[];
  waves: Wave[];
  /** The roots never rolled back (U at the end), sorted ids. */
  stuckRoots: number[];
  /** Down(U) at the end, sorted ids; empty when everything recovers. */
  stuck: number[];
  /** For each stuck root (in `stuckRoots` order), every requirement that blocks it, sorted by member names. */
  blocked: { root: number; requirements: Blocking[] }[];
}

const byId = (a: number, b: number) => a - b;

/**
 * Runs SPEC §4 on the compiled estate: U = F; repeatedly D = Down(U), roll back every root whose
 * rollback requirements each have a member outside D, and record what comes back. Each wave costs
 * one Down computation (linear in what it touches); there are at most |F| waves.
 */
export function simulate(g: Compiled, failed: Iterable<number>): DrillResult {
  const roots = [...new Set(failed)].sort(byId);
  let d = new DownSet(g);
  let next = new DownSet(g);
  d.add(roots);
  const blastRadius = d.members.slice().sort(byId);
  let U = roots;
  const waves: Wave[] = [];
  for (;;) {
    const R = U.filter((r) => rollbackMet(g, d, r));
    if (R.length === 0) break;
    const rolled = new Set(R);
    U = U.filter((r) => !rolled.has(r));
    next.reset();
    next.add(U);
    const recovered = d.members.filter((v) => !next.isDown[v] && !rolled.has(v)).sort(byId);
    waves.push({ rollback: R, recovered });
    [d, next] = [next, d];
  }
  const stuck = d.members.slice().sort(byId);
  const blocked: DrillResult["blocked"] = [];
  if (U.length > 0) {
    const witnesses = new WitnessFinder(g);
    witnesses.measure(d, U);
    for (const root of U) blocked.push({ root, requirements: blockingOf(g, d, witnesses, root) });
  }
  return { failed: roots, blastRadius, waves, stuckRoots: U, stuck, blocked };
}

/** Every rollback requirement of r is met by the services outside the Down set. */
function rollbackMet(g: Compiled, d: DownSet, r: number): boolean {
  const { rollback } = g;
  for (let q = rollback.start[r] as number; q < (rollback.start[r + 1] as number); q++) {
    let met = false;
    for (let k = rollback.memberStart[q] as number; k < (rollback.memberStart[q + 1] as number); k++) {
      if (!d.isDown[rollback.members[k] as number]) {
        met = true;
        break;
      }
    }
    if (!met) return false;
  }
  return true;
}

function membersOf(g: Compiled, q: number): number[] {
  const { rollback } = g;
  return Array.from(rollback.members.subarray(rollback.memberStart[q] as number, rollback.memberStart[q + 1] as number));
}

/** The requirements blocking a stuck root, one per distinct member set, each with its witnesses. */
function blockingOf(g: Compiled, d: DownSet, witnesses: WitnessFinder, root: number): Blocking[] {
  const seen = new Set<string>();
  const out: Blocking[] = [];
  for (const q of rollbackInside(g, d, root)) {
    const services = membersOf(g, q);
    const key = services.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    // Requirements with the same members are one requirement written twice: locate at the first.
    const same = (r: number) => reqSize(g.rollback, r) === services.length && membersOf(g, r).join(",") === key;
    const witness = witnesses.best(root, [q]) as Witness;
    witness.locations = (witnesses.chain(root, witness.path[1] as number, same) as Chain).locations;
    const alternatives = services.length > 1 ? services.map((c) => witnesses.chain(root, c, same) as Chain) : [];
    out.push({ requirement: q, services, witness, alternatives });
  }
  const names = (b: Blocking) => b.services.map((id) => g.names[id] as string);
  return out.sort((a, b) => compareNameLists(names(a), names(b)));
}
