// runtime-cycle: services that can never cold-start because each waits on another (SPEC §3).
import { type ColdStart, coldStart } from "../graph/coldstart.js";
import { type Compiled, stepPos } from "../graph/compiled.js";
import { reverse } from "../graph/reverse.js";
import { componentMembers, stronglyConnected } from "../graph/scc.js";
import { scratchOf } from "../graph/scratch.js";
import type { PathStep, SourcePos } from "../model/types.js";
import { listNames, plural } from "../util/text.js";
import type { RawFinding, Rule } from "./rule.js";

export const runtimeCycle: Rule = {
  meta: {
    id: "runtime-cycle",
    defaultSeverity: "error",
    summary: "Services that can never cold-start, because each waits on another",
    help: "Starting from nothing, these services never come up: each has a runtime requirement that only the others can meet. After a full outage (a region, a power loss) they cannot be brought back without breaking the loop by hand. Make one of the requirements soft, or give it an `anyOf` alternative outside the loop.",
    fix: "Make one requirement of the loop soft, or give it an `anyOf` alternative outside the loop.",
    docs: "docs/rules/runtime-cycle.md",
    path: "witness",
    marks: { services: "core", impacted: "impacted" },
  },
  run({ graph }) {
    return findCores(graph).map((core) => describeCore(graph, core));
  },
};

export interface Core {
  members: number[];
  /** The cycle through the first member, as a list of ids starting and ending there. */
  cycle: number[];
  impacted: number[];
  /** 1 for runtime requirements met after cold start (a requirement that is not met is blocking). */
  met: Uint8Array;
}

/**
 * The cold-start cores, with their canonical cycles and impacted services. `cold` gives N and the
 * requirements met (the cold drill passes its own, where failed services are outside N).
 */
export function findCores(g: Compiled, cold: ColdStart = coldStart(g)): Core[] {
  const { n, runtime } = g;
  const { never, met } = cold;
  const scratch = scratchOf(g);
  // The blocking graph on N: X → Y for Y ∈ N in a requirement of X that no service met.
  const adjStart = scratch.int32(n + 1);
  // at most every runtime membership
  const edges = scratch.int32(runtime.members.length);
  let m = 0;
  for (let x = 0; x < n; x++) {
    adjStart[x] = m;
    if (!never[x]) continue;
    for (let r = runtime.start[x] as number; r < (runtime.start[x + 1] as number); r++) {
      if (met[r]) continue;
      for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
        const y = runtime.members[k] as number;
        if (never[y]) edges[m++] = y;
      }
    }
  }
  adjStart[n] = m;
  const adj = edges.subarray(0, m);
  const rev = reverse(n, adjStart, adj, scratch);
  const comps = stronglyConnected(n, adjStart, adj, never, scratch);
  const { start, nodes } = componentMembers(comps);
  const isCore = new Uint8Array(comps.count);
  const inCore = scratch.uint8(n);
  for (let c = 0; c < comps.count; c++) {
    const size = (start[c + 1] as number) - (start[c] as number);
    let core = size > 1;
    if (!core) {
      const v = nodes[start[c] as number] as number;
      for (let k = adjStart[v] as number; k < (adjStart[v + 1] as number); k++) if (adj[k] === v) core = true;
    }
    if (!core) continue;
    isCore[c] = 1;
    for (let k = start[c] as number; k < (start[c + 1] as number); k++) inCore[nodes[k] as number] = 1;
  }
  const dist = scratch.int32(n, -1);
  const queue = scratch.int32(n);
  const cores: Core[] = [];
  for (let c = 0; c < comps.count; c++) {
    if (!isCore[c]) continue;
    const members = Array.from(nodes.subarray(start[c] as number, start[c + 1] as number));
    const s = members[0] as number;
    // Distances to s inside the core, by a backward BFS.
    let tail = 0;
    dist[s] = 0;
    queue[tail++] = s;
    for (let head = 0; head < tail; head++) {
      const v = queue[head] as number;
      for (let k = rev.start[v] as number; k < (rev.start[v + 1] as number); k++) {
        const p = rev.adj[k] as number;
        if (comps.comp[p] !== c || dist[p] !== -1) continue;
        dist[p] = (dist[v] as number) + 1;
        queue[tail++] = p;
      }
    }
    // Walk forward: always the smallest-named successor on a shortest way back to s.
    const cycle = [s];
    let v = s;
    let want = -1;
    do {
      let best = -1;
      for (let k = adjStart[v] as number; k < (adjStart[v + 1] as number); k++) {
        const w = adj[k] as number;
        if (comps.comp[w] !== c) continue;
        const d = dist[w] as number;
        const ok = want === -1 ? true : d === want;
        if (!ok) continue;
        if (want === -1) {
          if (best === -1 || d < (dist[best] as number) || (d === dist[best] && w < best)) best = w;
        } else if (best === -1 || w < best) best = w;
      }
      v = best;
      want = (dist[v] as number) - 1;
      cycle.push(v);
    } while (v !== s);
    for (let k = 0; k < tail; k++) dist[queue[k] as number] = -1;
    cores.push({ members, cycle, impacted: [], met });
  }
  fillImpacted(n, never, inCore, comps.comp, adjStart, adj, rev, cores, dist, queue);
  scratch.give(adjStart, edges, rev.start, rev.adj, inCore, dist, queue);
  return cores;
}

/**
 * Impacted services: members of N outside every core that reach a core (through other cores too).
 * Searching backwards from each core costs (cores × N) at worst, forwards from each non-core
 * member (non-core members × N); whichever count is smaller decides the direction, so a long
 * chain of cores with nothing waiting on them, or one core under a long tail, stays linear.
 * `seen` (all -1) and `queue`, of n each, are the caller's.
 */
function fillImpacted(
  n: number,
  never: Uint8Array,
  inCore: Uint8Array,
  comp: Int32Array,
  adjStart: Int32Array,
  adj: Int32Array,
  rev: { start: Int32Array; adj: Int32Array },
  cores: Core[],
  seen: Int32Array,
  queue: Int32Array,
): void {
  const coreOfComp = new Map<number, Core>();
  for (const core of cores) coreOfComp.set(comp[core.members[0] as number] as number, core);
  const waiting: number[] = [];
  for (let v = 0; v < n; v++) if (never[v] && !inCore[v]) waiting.push(v);
  if (cores.length <= waiting.length) {
    cores.forEach((core, c) => {
      let tail = 0;
      for (const m of core.members) {
        seen[m] = c;
        queue[tail++] = m;
      }
      for (let head = 0; head < tail; head++) {
        const x = queue[head] as number;
        for (let k = rev.start[x] as number; k < (rev.start[x + 1] as number); k++) {
          const p = rev.adj[k] as number;
          if (seen[p] === c) continue;
          seen[p] = c;
          queue[tail++] = p;
          if (!inCore[p]) core.impacted.push(p);
        }
      }
      core.impacted.sort((a, b) => a - b);
    });
    return;
  }
  // Forwards: each waiting service adds itself to every core it reaches (ascending, so lists come out sorted).
  for (const u of waiting) {
    let tail = 0;
    seen[u] = u;
    queue[tail++] = u;
    for (let head = 0; head < tail; head++) {
      const x = queue[head] as number;
      for (let k = adjStart[x] as number; k < (adjStart[x + 1] as number); k++) {
        const w = adj[k] as number;
        if (seen[w] === u) continue;
        seen[w] = u;
        queue[tail++] = w;
        if (inCore[w]) {
          const core = coreOfComp.get(comp[w] as number) as Core;
          if (core.impacted[core.impacted.length - 1] !== u) core.impacted.push(u);
        }
      }
    }
  }
}

function describeCore(g: Compiled, core: Core): RawFinding {
  const names = g.names;
  const path: PathStep[] = [];
  const locations: SourcePos[] = [];
  for (let i = 0; i + 1 < core.cycle.length; i++) {
    const from = core.cycle[i] as number;
    const to = core.cycle[i + 1] as number;
    path.push({ from: names[from] as string, to: names[to] as string, kind: "runtime" });
    const p = stepPos(g, g.runtime, from, to, (r) => !core.met[r]);
    if (p) locations.push(p);
  }
  const members = core.members.map((m) => names[m] as string);
  const chain = core.cycle.map((m) => names[m]).join(" → ");
  let message =
    members.length === 1
      ? `${members[0]} can never cold-start: it needs itself to be up (${chain})`
      : `${listNames(members)} can never cold-start: each waits on another (${chain})`;
  if (core.impacted.length > 0) message += `; ${plural(core.impacted.length, "more service waits", "more services wait")} on them`;
  return { message, services: members, path, impacted: core.impacted.map((m) => names[m] as string), locations };
}
