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
 * rollback requirements each have a member outside D, and record what comes back. Down(U) is
 * kept across waves (down-set.ts `shrink`): a wave costs what its roll-backs touch, not |D|, and
 * only roots whose rollback names a service that just came back are looked at again; so a chain
 * of n rollbacks (n waves) stays linear.
 */
export function simulate(g: Compiled, failed: Iterable<number>): DrillResult {
  const roots = [...new Set(failed)].sort(byId);
  const d = new DownSet(g);
  d.add(roots);
  const blastRadius = d.members.slice().sort(byId);
  const inU = new Uint8Array(g.n);
  for (const r of roots) inU[r] = 1;
  const neededBy = rollbackOwners(g);
  const seen = new Uint8Array(g.n);
  const waves: Wave[] = [];
  let R = roots.filter((r) => rollbackMet(g, d, r));
  while (R.length > 0) {
    for (const r of R) inU[r] = 0;
    const up = d.shrink(R, inU);
    for (const r of R) seen[r] = 1;
    const recovered = up.filter((v) => !seen[v]).sort(byId);
    for (const r of R) seen[r] = 0;
    waves.push({ rollback: R, recovered });
    // the roots a wave may roll back next: those whose rollback names a service that came back
    const next: number[] = [];
    for (const v of up) {
      for (let k = neededBy.start[v] as number; k < (neededBy.start[v + 1] as number); k++) {
        const x = neededBy.owner[k] as number;
        if (!inU[x] || seen[x]) continue;
        seen[x] = 1;
        if (rollbackMet(g, d, x)) next.push(x);
      }
    }
    for (const x of next) seen[x] = 0;
    for (const v of up) {
      for (let k = neededBy.start[v] as number; k < (neededBy.start[v + 1] as number); k++) seen[neededBy.owner[k] as number] = 0;
    }
    R = next.sort(byId);
  }
  const U = roots.filter((r) => inU[r]);
  const stuck = [...new Set(d.members.filter((v) => d.isDown[v]))].sort(byId);
  const blocked: DrillResult["blocked"] = [];
  if (U.length > 0) {
    const witnesses = new WitnessFinder(g);
    witnesses.measure(d, U);
    for (const root of U) blocked.push({ root, requirements: blockingOf(g, d, witnesses, root) });
  }
  return { failed: roots, blastRadius, waves, stuckRoots: U, stuck, blocked };
}

/** For each service c, the services with a rollback requirement naming c (CSR; an owner once per requirement). */
function rollbackOwners(g: Compiled): { start: Int32Array; owner: Int32Array } {
  const { rollback } = g;
  const start = new Int32Array(g.n + 1);
  for (const c of rollback.members) start[c + 1] = (start[c + 1] as number) + 1;
  for (let i = 0; i < g.n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, g.n);
  const owner = new Int32Array(rollback.members.length);
  for (let q = 0; q < rollback.owner.length; q++) {
    for (let k = rollback.memberStart[q] as number; k < (rollback.memberStart[q + 1] as number); k++) {
      const c = rollback.members[k] as number;
      owner[fill[c] as number] = rollback.owner[q] as number;
      fill[c] = (fill[c] as number) + 1;
    }
  }
  return { start, owner };
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
