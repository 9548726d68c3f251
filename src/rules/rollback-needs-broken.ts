// rollback-needs-broken: X's rollback needs something that X's own failure takes down (SPEC §3).
import { type Compiled, stepPos } from "../graph/compiled.js";
import { DownSet } from "../graph/down.js";
import { ReachFilter } from "../graph/reach.js";
import type { PathStep, SourcePos } from "../model/types.js";
import { listNames } from "../util/text.js";
import type { RawFinding, Rule } from "./rule.js";

export const rollbackNeedsBroken: Rule = {
  meta: {
    id: "rollback-needs-broken",
    defaultSeverity: "error",
    summary: "A rollback needs something that the failure itself takes down",
    help: "When this service breaks, its failure takes down something its own rollback needs, so the rollback cannot run: the Tencent Cloud outage of April 2024 (a config rollback that needed the broken API) and the Facebook outage of October 2021 had this shape. Give the rollback a path that does not depend on the service, such as a break-glass console in an `anyOf`.",
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
}

/**
 * Every service X with a rollback requirement q ⊆ Down({X}), with a shortest witness.
 *
 * Down({X}) is not computed for every X (quadratic on deep estates). A requirement can only lie
 * inside Down({X}) if each of its members reaches X along runtime requirements, which a
 * reachability filter rules out cheaply for nearly every pair; for the rest, Down({X}) is
 * propagated only into services that some candidate member may reach, which is exact for them.
 */
export function findCatch22s(g: Compiled): Catch22[] {
  const { n, rollback } = g;
  const reach = new ReachFilter(g);
  const d = new DownSet(g);
  const dist = new Int32Array(n).fill(-1);
  const out: Catch22[] = [];
  const targets: number[] = [];
  for (let x = 0; x < n; x++) {
    targets.length = 0;
    for (let r = rollback.start[x] as number; r < (rollback.start[x + 1] as number); r++) {
      let possible = true;
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        const c = rollback.members[k] as number;
        if (c !== x && !reach.mayReach(c, x)) possible = false;
      }
      if (!possible) continue;
      for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
        targets.push(rollback.members[k] as number);
      }
    }
    if (targets.length === 0) continue;
    d.add([x], (w) => targets.some((c) => reach.mayReach(c, w)));
    const w = witness(g, d, x, dist);
    if (w) out.push(w);
    d.reset();
  }
  return out;
}

/** The shortest witness for X inside the computed Down set, ties broken by names (ids are in name order). */
function witness(g: Compiled, d: DownSet, x: number, dist: Int32Array): Catch22 | undefined {
  const { rollback, runtime, byMemberStart, byMember } = g;
  let best: { r: number; c: number } | undefined;
  const qualifying: number[] = [];
  for (let r = rollback.start[x] as number; r < (rollback.start[x + 1] as number); r++) {
    let inside = true;
    for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
      if (!d.isDown[rollback.members[k] as number]) inside = false;
    }
    if (inside) qualifying.push(r);
  }
  if (qualifying.length === 0) return undefined;
  // dist[v]: runtime steps from v to x through requirements wholly inside Down({X}).
  const order: number[] = [x];
  dist[x] = 0;
  for (let head = 0; head < order.length; head++) {
    const z = order[head] as number;
    for (let k = byMemberStart[z] as number; k < (byMemberStart[z + 1] as number); k++) {
      const r = byMember[k] as number;
      if (!d.reqDown(r)) continue;
      const y = runtime.owner[r] as number;
      if (dist[y] !== -1 || !d.isDown[y]) continue;
      dist[y] = (dist[z] as number) + 1;
      order.push(y);
    }
  }
  for (const r of qualifying) {
    for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
      const c = rollback.members[k] as number;
      const dc = dist[c] as number;
      if (dc === -1) continue;
      if (!best || dc < (dist[best.c] as number) || (dc === dist[best.c] && c < best.c)) best = { r, c };
    }
  }
  let result: Catch22 | undefined;
  if (best) {
    const path = [x, best.c];
    let v = best.c;
    while (v !== x) {
      const want = (dist[v] as number) - 1;
      let next = -1;
      for (let r = runtime.start[v] as number; r < (runtime.start[v + 1] as number); r++) {
        if (!d.reqDown(r)) continue;
        for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
          const z = runtime.members[k] as number;
          if (dist[z] === want && (next === -1 || z < next)) next = z;
        }
      }
      v = next;
      path.push(v);
    }
    result = { service: x, requirement: best.r, path, locations: stepLocations(g, d, path) };
  }
  for (const v of order) dist[v] = -1;
  return result;
}

/** The entry behind each step: for the rollback step, a requirement inside Down({X}); then runtime requirements inside it. */
function stepLocations(g: Compiled, d: DownSet, path: number[]): SourcePos[] {
  const { rollback, runtime } = g;
  const inside = (r: number) => {
    for (let k = rollback.memberStart[r] as number; k < (rollback.memberStart[r + 1] as number); k++) {
      if (!d.isDown[rollback.members[k] as number]) return false;
    }
    return true;
  };
  const locations: SourcePos[] = [];
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1] as number;
    const to = path[i] as number;
    const p = i === 1 ? stepPos(g, rollback, from, to, inside) : stepPos(g, runtime, from, to, (r) => d.reqDown(r));
    if (p) locations.push(p);
  }
  return locations;
}

function describe(g: Compiled, w: Catch22): RawFinding {
  const names = g.names;
  const path: PathStep[] = [];
  for (let i = 1; i < w.path.length; i++) {
    path.push({
      from: names[w.path[i - 1] as number] as string,
      to: names[w.path[i] as number] as string,
      kind: i === 1 ? "rollback" : "runtime",
    });
  }
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
  return { message, services: [X], path, impacted: [], locations: w.locations };
}
