// The cold drill (SPEC §4.2): the whole estate starts from nothing, the failed services staying down; waves, never up, cores.
import { type Compiled, stepPos } from "../graph/compiled.js";
import type { SourcePos } from "../model/types.js";
import { findCores } from "../rules/runtime-cycle.js";
import { compareNameLists } from "../util/order.js";

/** One wave of a cold start: the services that come up together once the earlier waves are up. */
export interface ColdWave {
  /** Sorted ids. */
  up: number[];
}

/** A runtime requirement of a never-up service with no member up (members in F count as down). */
export interface ColdBlocking {
  /** The runtime requirement (index into `Compiled.runtime`): the first of the service's requirements with these members. */
  requirement: number;
  /** Its members, sorted ids (never-up or failed). */
  services: number[];
}

/** A strongly connected component of the blocking graph on N that holds a cycle. */
export interface ColdCore {
  /** Sorted ids. */
  members: number[];
  /** A shortest cycle through the first member, starting and ending there (SPEC §3 ties). */
  cycle: number[];
  /** The entry declaring each step of the cycle. */
  locations: SourcePos[];
  /** Members of N outside every core that reach this core (through other cores too), sorted ids. */
  impacted: number[];
}

export interface ColdResult {
  /** F, sorted ids. */
  failed: number[];
  waves: ColdWave[];
  /** N = all − F − Up, sorted ids. */
  neverUp: number[];
  /** For each never-up service (in `neverUp` order), its blocking requirements, one per member set, sorted by member names. */
  blocked: { service: number; requirements: ColdBlocking[] }[];
  /** The cores, in the order of their first members. */
  cores: ColdCore[];
}

const byId = (a: number, b: number) => a - b;

/**
 * Runs SPEC §4.2: Up = ∅; repeatedly bring up every service outside F ∪ Up whose runtime
 * requirements each have a member in Up. Queue-based, one wave at a time: a requirement is met
 * once, when its first member comes up, so the whole run is linear in the compiled graph.
 */
export function simulateCold(g: Compiled, failed: Iterable<number>): ColdResult {
  const { n, runtime, byMemberStart, byMember } = g;
  const roots = [...new Set(failed)].sort(byId);
  const isFailed = new Uint8Array(n);
  for (const f of roots) isFailed[f] = 1;
  const unmet = new Int32Array(n);
  const met = new Uint8Array(runtime.owner.length);
  const up = new Uint8Array(n);
  let wave: number[] = [];
  for (let i = 0; i < n; i++) {
    unmet[i] = (runtime.start[i + 1] as number) - (runtime.start[i] as number);
    if (unmet[i] === 0 && !isFailed[i]) wave.push(i);
  }
  const waves: ColdWave[] = [];
  while (wave.length > 0) {
    for (const v of wave) up[v] = 1;
    waves.push({ up: wave });
    // A service whose last requirement this wave meets comes up in the next one: W is taken against Up before it.
    const next: number[] = [];
    for (const v of wave) {
      for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
        const r = byMember[k] as number;
        if (met[r]) continue;
        met[r] = 1;
        const x = runtime.owner[r] as number;
        unmet[x] = (unmet[x] as number) - 1;
        if (unmet[x] === 0 && !up[x] && !isFailed[x]) next.push(x);
      }
    }
    wave = next.sort(byId);
  }
  const never = new Uint8Array(n);
  const neverUp: number[] = [];
  for (let i = 0; i < n; i++) {
    if (up[i] || isFailed[i]) continue;
    never[i] = 1;
    neverUp.push(i);
  }
  const blocked = neverUp.map((service) => ({ service, requirements: blockingOf(g, met, service) }));
  const cores = findCores(g, { never, met }).map(({ members, cycle, impacted }) => {
    const locations: SourcePos[] = [];
    for (let i = 0; i + 1 < cycle.length; i++) {
      const p = stepPos(g, runtime, cycle[i] as number, cycle[i + 1] as number, (r) => !met[r]);
      if (p) locations.push(p);
    }
    return { members, cycle, locations, impacted };
  });
  cores.sort((a, b) => (a.members[0] as number) - (b.members[0] as number));
  return { failed: roots, waves, neverUp, blocked, cores };
}

/** The runtime requirements of x with no member up, one per distinct member set. */
function blockingOf(g: Compiled, met: Uint8Array, x: number): ColdBlocking[] {
  const { runtime, names } = g;
  const seen = new Set<string>();
  const out: ColdBlocking[] = [];
  for (let r = runtime.start[x] as number; r < (runtime.start[x + 1] as number); r++) {
    if (met[r]) continue;
    const services = Array.from(runtime.members.subarray(runtime.memberStart[r] as number, runtime.memberStart[r + 1] as number));
    const key = services.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ requirement: r, services });
  }
  const named = (b: ColdBlocking) => b.services.map((id) => names[id] as string);
  return out.sort((a, b) => compareNameLists(named(a), named(b)));
}
