// rollback-needs-broken: X's rollback needs something that X's own failure takes down (SPEC §3).
import type { Compiled } from "../graph/compiled.js";
import { DownSet } from "../graph/down.js";
import { downFilter, plainComponents, reachFilter } from "../graph/reach.js";
import { rollbackInside, type Witness, WitnessFinder } from "../graph/witness.js";
import { PairWitness } from "../graph/witness-pair.js";
import type { PathStep, SourcePos } from "../model/types.js";
import { listNames } from "../util/text.js";
import type { RawFinding, Rule } from "./rule.js";

export const rollbackNeedsBroken: Rule = {
  meta: {
    id: "rollback-needs-broken",
    defaultSeverity: "error",
    summary: "A rollback needs something that the failure itself takes down",
    help: "When this service breaks, its failure takes down something its own rollback needs, so the rollback cannot run: the Tencent Cloud outage of April 2024 (a config rollback that needed the broken API) and the Facebook outage of October 2021 had this shape. Give the rollback a path that does not depend on the service, such as a break-glass console in an `anyOf`.",
    fix: "Give the rollback a path that does not depend on the service, such as a break-glass console in an `anyOf`.",
    docs: "docs/rules/rollback-needs-broken.md",
    path: "witness",
    marks: { services: "catch22" },
    stepsAreReasons: true,
  },
  run({ graph }) {
    return findCatch22s(graph).map((w) => describe(graph, w));
  },
};

export interface Catch22 {
  service: number;
  /** The rollback requirement that lies inside Down({service}). */
  requirement: number;
  /** The witness: service ⇒ path[1] → … → service (path[1] is the needed service; a one-step path when it is the service itself). */
  path: number[];
  /** The entry declaring each step of the path. */
  locations: SourcePos[];
  /** For an `anyOf`: the shortest chain through each alternative, in member order (why each one is down). */
  alternatives?: { path: number[]; locations: SourcePos[] }[];
}

/**
 * Every service X with a rollback requirement q ⊆ Down({X}), with a shortest witness.
 *
 * Down({X}) is not computed for every X (quadratic on deep estates). A requirement can only lie
 * inside Down({X}) if each of its members may be taken down by X, which a filter (reach.ts
 * `downFilter`) rules out cheaply for nearly every pair; for the rest, Down({X}) is propagated
 * only into services that some candidate member may reach, which is exact for them. The services
 * of one component of plain requirements share their Down set (reach.ts `plainComponents`): it is
 * computed once for all of them, for the union of their candidates. Each witness is then searched
 * from both of its ends (witness-pair.ts) over the set's reason graph, packed once per set: in one
 * giant component where every service is a catch-22, each costs two balls around c and X, not Down.
 */
export function findCatch22s(g: Compiled): Catch22[] {
  const { n } = g;
  const reach = reachFilter(g);
  const mayDown = downFilter(g, reach);
  const mayReach = (c: number, x: number) => mayDown.mayReach(c, x);
  const { comp, size } = plainComponents(g);
  // the candidates of each X that has some, in X order; those of a shared component gathered per component
  const candidates: number[][] = new Array(n);
  const byComponent = new Map<number, number[]>();
  for (let x = 0; x < n; x++) {
    const targets = candidatesOf(g, x, mayReach);
    if (targets.length === 0) continue;
    candidates[x] = targets;
    const c = comp[x] as number;
    if ((size[c] as number) < 2) continue;
    const members = byComponent.get(c);
    if (members) members.push(x);
    else byComponent.set(c, [x]);
  }
  const d = new DownSet(g);
  const witnesses = new WitnessFinder(g);
  const pair = new PairWitness(g);
  const found: (Catch22 | undefined)[] = new Array(n);
  const admitFor = (targets: number[]) => (w: number) => targets.some((c) => reach.mayReach(c, w));
  for (const xs of byComponent.values()) {
    const targets = [...new Set(xs.flatMap((x) => candidates[x] as number[]))];
    d.add(xs, admitFor(targets));
    pair.bind(d);
    for (const x of xs) found[x] = catch22In(g, d, witnesses, x, pair);
    d.reset();
  }
  for (let x = 0; x < n; x++) {
    const targets = candidates[x];
    if (!targets || (size[comp[x] as number] as number) >= 2) continue;
    d.add([x], admitFor(targets));
    pair.bind(d);
    found[x] = catch22In(g, d, witnesses, x, pair);
    d.reset();
  }
  d.give();
  witnesses.give();
  pair.give();
  mayDown.give(g);
  return found.filter((w): w is Catch22 => w !== undefined);
}

/**
 * The members of x's rollback requirements that may all be down with x: a requirement counts when each of
 * its members is x or `mayReach(c, x)` (a filter may let too many through, never too few).
 */
export function candidatesOf(g: Compiled, x: number, mayReach: (c: number, x: number) => boolean): number[] {
  const { rollback } = g;
  const targets: number[] = [];
  for (let r = rollback.start[x] as number; r < (rollback.start[x + 1] as number); r++) {
    const from = rollback.memberStart[r] as number;
    const to = rollback.memberStart[r + 1] as number;
    let possible = true;
    for (let k = from; possible && k < to; k++) {
      const c = rollback.members[k] as number;
      possible = c === x || mayReach(c, x);
    }
    if (possible) for (let k = from; k < to; k++) targets.push(rollback.members[k] as number);
  }
  return targets;
}

/**
 * X's catch-22 given Down({X}) computed in `d` (exactly, for every service its rollback members reach), if it has one.
 * With `pair` (bound to `d`), the witness comes from the search from both ends (witness-pair.ts), whose cost is two
 * balls around its ends; without, from one search backward from X, which may cover Down({X}) (the straightforward check
 * compares both).
 */
export function catch22In(g: Compiled, d: DownSet, witnesses: WitnessFinder, x: number, pair?: PairWitness): Catch22 | undefined {
  const qualifying = rollbackInside(g, d, x);
  if (qualifying.length === 0) return undefined;
  const w = pair ? pair.best(x, qualifying) : nearestWitness(g, d, witnesses, x, qualifying);
  if (!w) return undefined;
  const { rollback } = g;
  const start = rollback.memberStart[w.requirement] as number;
  const end = rollback.memberStart[w.requirement + 1] as number;
  if (end - start < 2) return { service: x, ...w };
  // One chain per alternative, each located at the requirement the witness starts with: the line
  // that took an alternative down is in its own chain, whichever chain is the shortest. By a search
  // from both ends for each, unless those cost more than one measure of the whole of Down({X}).
  const alternatives = pair?.chains(x, w.requirement, d.members.length) ?? measuredChains(g, d, witnesses, x, w.requirement);
  return { service: x, ...w, alternatives };
}

/** The chain from each member of rollback requirement `req` of x, from one measure of the whole of Down({X}). */
function measuredChains(
  g: Compiled,
  d: DownSet,
  witnesses: WitnessFinder,
  x: number,
  req: number,
): { path: number[]; locations: SourcePos[] }[] {
  const { rollback } = g;
  const out: { path: number[]; locations: SourcePos[] }[] = [];
  witnesses.measure(d, [x]);
  for (let k = rollback.memberStart[req] as number; k < (rollback.memberStart[req + 1] as number); k++) {
    const chain = witnesses.chain(x, rollback.members[k] as number, (r) => r === req);
    if (chain) out.push(chain);
  }
  return out;
}

/** The witness by one search backward from x, stopped at the first layer holding a member of a qualifying requirement. */
function nearestWitness(g: Compiled, d: DownSet, witnesses: WitnessFinder, x: number, qualifying: readonly number[]): Witness | undefined {
  const goal = new Set<number>();
  for (const r of qualifying) {
    for (let k = g.rollback.memberStart[r] as number; k < (g.rollback.memberStart[r + 1] as number); k++) {
      goal.add(g.rollback.members[k] as number);
    }
  }
  witnesses.measure(d, [x], goal);
  return witnesses.best(x, qualifying);
}

/** A chain of ids as path steps: the rollback step, then runtime steps. */
function steps(g: Compiled, ids: readonly number[]): PathStep[] {
  const path: PathStep[] = [];
  for (let i = 1; i < ids.length; i++) {
    path.push({
      from: g.names[ids[i - 1] as number] as string,
      to: g.names[ids[i] as number] as string,
      kind: i === 1 ? "rollback" : "runtime",
    });
  }
  return path;
}

export function describe(g: Compiled, w: Catch22): RawFinding {
  const names = g.names;
  const path = steps(g, w.path);
  const req = g.rollback;
  const alternatives: string[] = [];
  for (let k = req.memberStart[w.requirement] as number; k < (req.memberStart[w.requirement + 1] as number); k++) {
    alternatives.push(names[req.members[k] as number] as string);
  }
  const X = names[w.service] as string;
  const C = names[w.path[1] as number] as string;
  let message: string;
  if (alternatives.length > 1) {
    message = `Rolling back ${X} needs one of ${listNames(alternatives, 6, "or")}, and all of them are down when ${X} fails`;
  } else if (C === X) {
    message = `Rolling back ${X} needs ${X}, which is down when ${X} fails`;
  } else if (w.path.length === 3) {
    message = `Rolling back ${X} needs ${C}, which runs on ${X}`;
  } else {
    message = `Rolling back ${X} needs ${C}, which is down when ${X} fails`;
  }
  const chains = w.alternatives?.map((c) => ({ path: steps(g, c.path), locations: c.locations }));
  return { message, services: [X], path, impacted: [], locations: w.locations, ...(chains ? { chains } : {}) };
}
