// Shared fate (SPEC §3 `shared-fate`): an `anyOf` whose alternatives all go down with one other service or one zone.
import type { DependencyKind, SourcePos } from "../model/types.js";
import { byCodeUnit } from "../util/order.js";
import { type Compiled, type RequirementSet, stepPos } from "./compiled.js";
import { Cone } from "./cone.js";
import { DownSet } from "./down.js";
import { type ReachFilter, reachFilter, runtimeComponents } from "./reach.js";
import { scratchOf } from "./scratch.js";

/** A failure unit that takes every alternative down: a zone (all its services at once) or one service. */
export type FateCause = { kind: "zone"; zone: string; services: number[] } | { kind: "service"; service: number };

export interface SharedFate {
  /** X, whose requirement it is. */
  service: number;
  /** The kind of the path's first edge: runtime when q is both a runtime and a rollback requirement of X. */
  kind: DependencyKind;
  /** The first of X's requirements of that kind with these members (index into `Compiled.runtime` or `.rollback`). */
  requirement: number;
  /** The members of q, sorted ids. */
  alternatives: number[];
  /** The common causes: zones first (by value, plain string order), then services (by id, which is name order). */
  causes: FateCause[];
  /** X, the first alternative, then a shortest chain of reasons inside Down(first cause) to it (to a member, for a zone). */
  path: number[];
  /** The entry declaring each step of the path. */
  locations: SourcePos[];
}

/**
 * Every (X, q) of SPEC §3 `shared-fate`, sorted by X, then by alternatives. `zone[i]` is service
 * i's zone, if any.
 *
 * Cost. Zones: one Down per zone, O(Σ_z |Down(zone z)|) time and space (a list, per service, of
 * the zones that take it down); zones are few. Services: a service Z can take q down only if every
 * member of q reaches Z along runtime requirements. Per distinct member set q (the services that
 * share an `anyOf` share this work): one search per member builds q's cone (what the members
 * reach), O(Σ_m |Reach(m)|); the candidates are the cone's services every member reaches; Down(Z)
 * is propagated inside the cone alone (exact there, and never scanning the thousands of services
 * outside it that need a shared platform service), dependents first, and a candidate that a found
 * cause needs through plain requirements is skipped (it is strictly farther). So per q
 * O(Σ_m |Reach(m)| + tested candidates × |cone|), and per (X, q) the minimal causes among the units
 * found, O(units²), plus one chain of reasons per (q, first cause), O(|cone|). Most `anyOf`
 * (resolvers, replicas with their own stacks) reach no common service, so the whole pass is about
 * linear; a deep shared stack under an `anyOf` costs its size once. The worst case is quadratic: a
 * long chain of `anyOf` pairs over one another (every level a candidate of every `anyOf` above,
 * none sharing fate).
 */
export function findSharedFate(g: Compiled, zone: ArrayLike<string | undefined>, only?: readonly number[]): SharedFate[] {
  const ctx = new Context(g, zone, only ? componentsOnly(g) : reachFilter(g));
  const out: SharedFate[] = [];
  // `only` (ascending ids): those services' findings alone, the same (`serve`, src/rules/reuse.ts); the
  // reachability labels, a whole-estate pass, are then left out: what reads them is exact without them.
  for (let i = 0; i < (only ? only.length : g.n); i++) {
    const x = only ? (only[i] as number) : i;
    for (const q of requirementsOf(g, x)) {
      const found = ctx.check(x, q);
      if (found) out.push(found);
    }
  }
  ctx.give();
  return out;
}

/** The runtime graph's components (as ReachFilter numbers them), and "may reach" always true: a filter that lets everything through is exact. */
function componentsOnly(g: Compiled): Pick<ReachFilter, "comp" | "mayReach"> {
  return { comp: runtimeComponents(g).comp, mayReach: () => true };
}

/** One requirement set of X with two or more members, as runtime, rollback or both. */
interface Requirement {
  members: number[];
  /** The members as one key: two members (most `anyOf`) as a number, more as a string. */
  key: string | number;
  runtime: number;
  rollback: number;
}

function membersOf(set: RequirementSet, r: number): number[] {
  // A plain loop: a subarray view per requirement costs more than the copy.
  const out: number[] = [];
  for (let k = set.memberStart[r] as number; k < (set.memberStart[r + 1] as number); k++) out.push(set.members[k] as number);
  return out;
}

/** True when requirement r of `set` has exactly `members` (both sorted). */
function sameMembers(set: RequirementSet, r: number, members: readonly number[]): boolean {
  const from = set.memberStart[r] as number;
  if ((set.memberStart[r + 1] as number) - from !== members.length) return false;
  for (let i = 0; i < members.length; i++) if (set.members[from + i] !== members[i]) return false;
  return true;
}

/** X's requirements with two or more members, one per member set, sorted by members (ids are in name order). */
function requirementsOf(g: Compiled, x: number): readonly Requirement[] {
  // Most services have no requirement of two or more members: nothing to allocate for them.
  if (!hasWide(g.runtime, x) && !hasWide(g.rollback, x)) return NONE;
  const byKey = new Map<string | number, Requirement>();
  for (const [set, kind] of [
    [g.runtime, "runtime"],
    [g.rollback, "rollback"],
  ] as const) {
    for (let r = set.start[x] as number; r < (set.start[x + 1] as number); r++) {
      if ((set.memberStart[r + 1] as number) - (set.memberStart[r] as number) < 2) continue;
      const members = membersOf(set, r);
      const key = members.length === 2 ? (members[0] as number) * g.n + (members[1] as number) : members.join(",");
      let q = byKey.get(key);
      if (!q) {
        q = { members, key, runtime: -1, rollback: -1 };
        byKey.set(key, q);
      }
      if (q[kind] === -1) q[kind] = r;
    }
  }
  return [...byKey.values()].sort((a, b) => {
    const n = Math.min(a.members.length, b.members.length);
    for (let i = 0; i < n; i++) if (a.members[i] !== b.members[i]) return (a.members[i] as number) - (b.members[i] as number);
    return a.members.length - b.members.length;
  });
}

const NONE: readonly Requirement[] = [];

const NO_SERVICES: ReadonlySet<number> = new Set();

/** Whether the ascending `list` holds v. */
function sortedHas(list: Int32Array, v: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo] === v;
}

/** Whether x has a requirement of two or more members in `set`. */
function hasWide(set: RequirementSet, x: number): boolean {
  for (let r = set.start[x] as number; r < (set.start[x + 1] as number); r++) {
    if ((set.memberStart[r + 1] as number) - (set.memberStart[r] as number) >= 2) return true;
  }
  return false;
}

/** A unit that q shares fate with: a zone index, or a service id (as `-1 - id`, so both fit one number). */
type Unit = number;

/** What one member set shares fate with, before X is known. */
interface Shared {
  zones: number[];
  /** The services it shares fate with, less those a found one plainly takes down (never a cause: see `sharing`). */
  services: number[];
  /** For each service in `services`, the others of `services` its failure takes down (all `unitWithin` asks). */
  takesDown: Map<number, ReadonlySet<number>>;
  /** Every candidate (reached by every member), to tell whether X is one. */
  candidates: Int32Array;
  /** The chain of reasons from the first member to each first cause: path (from that member) and locations. */
  chains: Map<Unit, { path: number[]; locations: SourcePos[] }>;
  /** The common causes, by the zone left out for X (-1 for none). */
  causes: Map<number, Unit[]>;
}

class Context {
  private readonly reach: Pick<ReachFilter, "comp" | "mayReach">;
  private readonly cone: Cone;
  private readonly full: DownSet;
  /** Zone values in plain string order, and the services of each. */
  private readonly zones: string[] = [];
  private readonly zoneMembers: number[][] = [];
  /** Each service's zone index, or -1. */
  private readonly zoneIndex: Int32Array;
  /** For each service, the zones (indexes, ascending) whose failure takes it down: zoneOf[zoneStart[v] .. zoneStart[v+1]). */
  private readonly zoneStart: Int32Array;
  private readonly zoneOf: Int32Array;
  private readonly zoneInZone = new Map<number, boolean>();
  private readonly zoneInService = new Map<string, boolean>();
  private readonly shared = new Map<string | number, Shared>();
  private readonly plainSeen: Int32Array;
  private stamp = 0;

  constructor(
    private readonly g: Compiled,
    zone: ArrayLike<string | undefined>,
    reach: Pick<ReachFilter, "comp" | "mayReach">,
  ) {
    this.reach = reach;
    this.cone = new Cone(g);
    this.full = new DownSet(g);
    const byValue = new Map<string, number[]>();
    for (let i = 0; i < g.n; i++) {
      const z = zone[i];
      if (z === undefined) continue;
      const list = byValue.get(z);
      if (list) list.push(i);
      else byValue.set(z, [i]);
    }
    const scratch = scratchOf(g);
    this.zoneIndex = scratch.int32(g.n, -1);
    for (const z of [...byValue.keys()].sort(byCodeUnit)) {
      const members = byValue.get(z) as number[];
      for (const v of members) this.zoneIndex[v] = this.zones.length;
      this.zones.push(z);
      this.zoneMembers.push(members);
    }
    const downs = this.zoneMembers.map((members) => {
      this.full.reset();
      this.full.add(members);
      return this.full.members.slice();
    });
    this.full.reset();
    this.plainSeen = scratch.int32(g.n);
    this.zoneStart = scratch.int32(g.n + 1);
    for (const list of downs) for (const v of list) this.zoneStart[v + 1] = (this.zoneStart[v + 1] as number) + 1;
    for (let i = 0; i < g.n; i++) this.zoneStart[i + 1] = (this.zoneStart[i + 1] as number) + (this.zoneStart[i] as number);
    const fill = scratch.int32(g.n);
    fill.set(this.zoneStart.subarray(0, g.n));
    this.zoneOf = scratch.int32(this.zoneStart[g.n] as number);
    downs.forEach((list, z) => {
      for (const v of list) {
        this.zoneOf[fill[v] as number] = z;
        fill[v] = (fill[v] as number) + 1;
      }
    });
    scratch.give(fill);
  }

  /** Gives the borrowed arrays back to the graph's scratch: the context is not used again. */
  give(): void {
    this.cone.give();
    this.full.give();
    scratchOf(this.g).give(this.zoneIndex, this.plainSeen, this.zoneStart, this.zoneOf);
  }

  check(x: number, q: Requirement): SharedFate | undefined {
    let shared = this.shared.get(q.key);
    if (!shared) {
      shared = this.sharing(q.members, -1);
      this.shared.set(q.key, shared);
    }
    // X is never a unit; when it is a candidate it may have hidden others (pruned below it): redo without it.
    const isCandidate = sortedHas(shared.candidates, x);
    const current = isCandidate ? { ...this.sharing(q.members, x), chains: shared.chains, causes: new Map<number, Unit[]>() } : shared;
    // For a runtime-only q, not X's own zone (X fails with it anyway): the causes depend on X through that alone.
    const hidden = q.rollback === -1 && current.zones.includes(this.zoneIndex[x] as number) ? (this.zoneIndex[x] as number) : -1;
    let causes = current.causes.get(hidden);
    if (!causes) {
      const units: Unit[] = [];
      for (const z of current.zones) if (z !== hidden) units.push(z);
      for (const z of current.services) units.push(-1 - z);
      const takesDown = current.takesDown;
      const within = (v: Unit, u: Unit): boolean => this.unitWithin(v, u, takesDown);
      causes = units.filter((u) => !units.some((v) => v !== u && within(v, u) && !within(u, v)));
      causes.sort((a, b) => (a >= 0 && b >= 0 ? a - b : a >= 0 ? -1 : b >= 0 ? 1 : b - a));
      current.causes.set(hidden, causes);
    }
    if (causes.length === 0) return undefined;
    return this.describe(x, q, causes);
  }

  /**
   * The units a member set shares fate with (not `exclude`), computed once per member set: many
   * services share one `anyOf`. Zones from their precomputed Down; services among the candidates
   * (the cone's services every member reaches), dependents first (higher component first). Once Z
   * is found, a candidate Z' that Z needs through plain requirements alone (Z' fails ⇒ Z fails) and
   * that is outside Z's strongly connected component shares fate too but is strictly farther than Z,
   * so never a cause, and neither closer than any other unit than Z is: it is skipped, with no Down
   * of its own, which keeps a deep shared stack below an `anyOf` linear.
   */
  private sharing(members: number[], exclude: number): Shared {
    const zones: number[] = [];
    for (let k = this.zoneStart[members[0] as number] as number; k < (this.zoneStart[(members[0] as number) + 1] as number); k++) {
      const z = this.zoneOf[k] as number;
      if (members.every((m) => this.zoneTakesDown(z, m))) zones.push(z);
    }
    const { cone } = this;
    const comp = this.reach.comp;
    this.buildCone(members);
    const candidates = cone.nodes.filter((v) => cone.hits[v] === members.length);
    const candidateSet = new Set(candidates);
    candidates.sort((a, b) => (comp[b] as number) - (comp[a] as number) || a - b);
    const services: number[] = [];
    // what each service found takes down among the candidates, until the services are known
    const downs: number[][] = [];
    const stamp = ++this.stamp;
    const { runtime } = this.g;
    for (const z of candidates) {
      if (z === exclude || this.plainSeen[z] === stamp) continue;
      cone.propagate([z]);
      if (!members.every((m) => cone.isDown[m])) continue;
      services.push(z);
      downs.push(cone.down.filter((v) => candidateSet.has(v)));
      // Mark what z needs through plain requirements, outside its own component.
      const queue = [z];
      for (let head = 0; head < queue.length; head++) {
        const v = queue[head] as number;
        for (let r = runtime.start[v] as number; r < (runtime.start[v + 1] as number); r++) {
          if ((runtime.memberStart[r + 1] as number) - (runtime.memberStart[r] as number) !== 1) continue;
          const w = runtime.members[runtime.memberStart[r] as number] as number;
          if (this.plainSeen[w] === stamp || comp[w] === comp[z]) continue;
          this.plainSeen[w] = stamp;
          queue.push(w);
        }
      }
    }
    // Kept for every member set until the pass ends (a million services: ~70,000 of them): only what is read later.
    const found = new Set(services);
    const takesDown = new Map<number, ReadonlySet<number>>();
    services.forEach((z, i) => {
      takesDown.set(z, services.length === 1 ? NO_SERVICES : new Set((downs[i] as number[]).filter((v) => found.has(v))));
    });
    const sorted = Int32Array.from(candidateSet).sort();
    return { zones, services: services.sort((a, b) => a - b), takesDown, candidates: sorted, chains: new Map(), causes: new Map() };
  }

  /**
   * The cone of `members`, built unless it is the one built last: a member set's chain of reasons is
   * usually asked for right after its sharing (propagate and measure leave the cone itself as it is).
   */
  private buildCone(members: readonly number[]): void {
    const last = this.coneOf;
    if (last && last.length === members.length && last.every((m, i) => m === members[i])) return;
    this.cone.build(members);
    this.coneOf = members.slice();
  }

  private coneOf: readonly number[] | undefined;

  /** True when zone z's failure takes service v down. */
  private zoneTakesDown(z: number, v: number): boolean {
    for (let k = this.zoneStart[v] as number; k < (this.zoneStart[v + 1] as number); k++) if (this.zoneOf[k] === z) return true;
    return false;
  }

  /** v ⊆ Down(u) for two units q shares fate with. */
  private unitWithin(v: Unit, u: Unit, takesDown: Map<number, ReadonlySet<number>>): boolean {
    if (v < 0 && u < 0) return (takesDown.get(-1 - u) as ReadonlySet<number>).has(-1 - v);
    if (v < 0) return this.zoneTakesDown(u, -1 - v);
    const members = this.zoneMembers[v] as number[];
    if (u >= 0) {
      const key = v * this.zones.length + u;
      let r = this.zoneInZone.get(key);
      if (r === undefined) {
        r = members.every((s) => this.zoneTakesDown(u, s));
        this.zoneInZone.set(key, r);
      }
      return r;
    }
    // A whole zone inside Down(service): rare, so a reachability test first, then the full Down.
    const z = -1 - u;
    const key = `${v},${z}`;
    let r = this.zoneInService.get(key);
    if (r === undefined) {
      r = members.every((s) => s === z || this.reach.mayReach(s, z));
      if (r) {
        this.full.reset();
        this.full.add([z]);
        r = members.every((s) => this.full.isDown[s]);
        this.full.reset();
      }
      this.zoneInService.set(key, r);
    }
    return r;
  }

  private describe(x: number, q: Requirement, causes: Unit[]): SharedFate {
    const { g } = this;
    const kind: DependencyKind = q.runtime !== -1 ? "runtime" : "rollback";
    const set = kind === "runtime" ? g.runtime : g.rollback;
    const first = causes[0] as Unit;
    const chains = (this.shared.get(q.key) as Shared).chains;
    let chain = chains.get(first);
    if (!chain) {
      chain = this.reasons(q.members, first);
      chains.set(first, chain);
    }
    const a1 = q.members[0] as number;
    const at = stepPos(g, set, x, a1, (r) => sameMembers(set, r, q.members));
    return {
      service: x,
      kind,
      requirement: kind === "runtime" ? q.runtime : q.rollback,
      alternatives: q.members,
      causes: causes.map((u) =>
        u >= 0
          ? { kind: "zone", zone: this.zones[u] as string, services: this.zoneMembers[u] as number[] }
          : { kind: "service", service: -1 - u },
      ),
      path: [x, ...chain.path],
      locations: at ? [at, ...chain.locations] : chain.locations.slice(),
    };
  }

  /**
   * A shortest chain of reasons from the first member to the cause (a member of it, for a zone)
   * inside Down(cause), smallest names first: breadth-first from the cause inside the members' cone
   * (every chain from a member stays in it), then the walk from the member, always to the
   * smallest-named next step one closer to the cause (so the path is the smallest in name order).
   */
  private reasons(members: number[], cause: Unit): { path: number[]; locations: SourcePos[] } {
    const { cone, g } = this;
    const { runtime } = g;
    this.buildCone(members);
    const sources = cause >= 0 ? cone.nodes.filter((v) => this.zoneIndex[v] === cause) : [-1 - cause];
    cone.propagate(sources);
    cone.measure(sources);
    const path = [members[0] as number];
    const locations: SourcePos[] = [];
    let v = members[0] as number;
    while ((cone.dist[v] as number) > 0) {
      const next = this.nextStep(v, (cone.dist[v] as number) - 1);
      const p = stepPos(g, runtime, v, next, (r) => cone.reqDown(r));
      if (p) locations.push(p);
      path.push(next);
      v = next;
    }
    return { path, locations };
  }

  /** The smallest-named member at distance `d` of a requirement of y lying wholly inside the Down, or -1. */
  private nextStep(y: number, d: number): number {
    const { runtime } = this.g;
    let best = -1;
    for (let r = runtime.start[y] as number; r < (runtime.start[y + 1] as number); r++) {
      if (!this.cone.reqDown(r)) continue;
      for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
        const z = runtime.members[k] as number;
        if (this.cone.dist[z] === d && (best === -1 || z < best)) best = z;
      }
    }
    return best;
  }
}
