// Shared fate (SPEC §3 `shared-fate`): an `anyOf` whose alternatives all go down with one other service or one zone.
import type { DependencyKind, SourcePos } from "../model/types.js";
import { byCodeUnit } from "../util/order.js";
import { type Compiled, type RequirementSet, stepPos } from "./compiled.js";
import { DownSet } from "./down.js";
import { ReachFilter } from "./reach.js";
import { WitnessFinder } from "./witness.js";

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
 * member of q reaches Z along runtime requirements. The members' forward searches run in lockstep
 * and stop when the first finishes, so the candidates cost |q| · min |Reach(member)|; the
 * reachability filter drops those some other member cannot reach, and Down(Z) is computed only for
 * the rest, propagated only into services some member may reach (exact for q and for every other
 * candidate). Per distinct member set q (services that share an `anyOf` share this work):
 * O(|q| · min|Reach| + Σ_Z |Down(Z) ∩ cone(q)| + |candidates|²), where Down(Z) ∩ cone(q) also scans
 * the requirements naming each service in it. Per (X, q) after that: the minimal causes among the
 * units found, O(units²), and one chain of reasons per (q, first cause). Most `anyOf` (resolvers,
 * replicas with their own stacks) have no candidate at all, so the whole pass is about linear; an
 * `anyOf` whose members share a deep stack pays for that stack (a 100,000-deep chain of `anyOf`
 * pairs over one another is the quadratic worst case).
 */
export function findSharedFate(g: Compiled, zone: ArrayLike<string | undefined>): SharedFate[] {
  const ctx = new Context(g, zone);
  const out: SharedFate[] = [];
  for (let x = 0; x < g.n; x++) {
    for (const q of requirementsOf(g, x)) {
      const found = ctx.check(x, q);
      if (found) out.push(found);
    }
  }
  return out;
}

/** One requirement set of X with two or more members, as runtime, rollback or both. */
interface Requirement {
  members: number[];
  key: string;
  runtime: number;
  rollback: number;
}

function membersOf(set: RequirementSet, r: number): number[] {
  return Array.from(set.members.subarray(set.memberStart[r] as number, set.memberStart[r + 1] as number));
}

/** X's requirements with two or more members, one per member set, sorted by members (ids are in name order). */
function requirementsOf(g: Compiled, x: number): Requirement[] {
  const byKey = new Map<string, Requirement>();
  for (const [set, kind] of [
    [g.runtime, "runtime"],
    [g.rollback, "rollback"],
  ] as const) {
    for (let r = set.start[x] as number; r < (set.start[x + 1] as number); r++) {
      if ((set.memberStart[r + 1] as number) - (set.memberStart[r] as number) < 2) continue;
      const members = membersOf(set, r);
      const key = members.join(",");
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

/** A unit that q shares fate with: a zone index, or a service id (as `-1 - id`, so both fit one number). */
type Unit = number;

/** What one member set shares fate with, before X is known. */
interface Shared {
  zones: number[];
  services: number[];
  /** For each service in `services`, the candidates its failure takes down. */
  takesDown: Map<number, number[]>;
  /** The chain of reasons from the first member to each first cause: path (from that member) and locations. */
  chains: Map<Unit, { path: number[]; locations: SourcePos[] }>;
}

class Context {
  private readonly reach: ReachFilter;
  private readonly d: DownSet;
  private readonly full: DownSet;
  private readonly witnesses: WitnessFinder;
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
  private readonly shared = new Map<string, Shared>();
  /** Per-member search marks for the lockstep searches, grown to the widest q seen. */
  private readonly marks: Int32Array[] = [];
  private stamp = 0;

  constructor(
    private readonly g: Compiled,
    zone: ArrayLike<string | undefined>,
  ) {
    this.reach = new ReachFilter(g);
    this.d = new DownSet(g);
    this.full = new DownSet(g);
    this.witnesses = new WitnessFinder(g);
    const byValue = new Map<string, number[]>();
    for (let i = 0; i < g.n; i++) {
      const z = zone[i];
      if (z === undefined) continue;
      const list = byValue.get(z);
      if (list) list.push(i);
      else byValue.set(z, [i]);
    }
    this.zoneIndex = new Int32Array(g.n).fill(-1);
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
    this.zoneStart = new Int32Array(g.n + 1);
    for (const list of downs) for (const v of list) this.zoneStart[v + 1] = (this.zoneStart[v + 1] as number) + 1;
    for (let i = 0; i < g.n; i++) this.zoneStart[i + 1] = (this.zoneStart[i + 1] as number) + (this.zoneStart[i] as number);
    const fill = this.zoneStart.slice(0, g.n);
    this.zoneOf = new Int32Array(this.zoneStart[g.n] as number);
    downs.forEach((list, z) => {
      for (const v of list) {
        this.zoneOf[fill[v] as number] = z;
        fill[v] = (fill[v] as number) + 1;
      }
    });
  }

  check(x: number, q: Requirement): SharedFate | undefined {
    let shared = this.shared.get(q.key);
    if (!shared) {
      shared = this.sharing(q.members);
      this.shared.set(q.key, shared);
    }
    // Units other than X; for a runtime-only q, not X's own zone (X fails with it anyway).
    const units: Unit[] = [];
    for (const z of shared.zones) if (q.rollback !== -1 || this.zoneIndex[x] !== z) units.push(z);
    for (const z of shared.services) if (z !== x) units.push(-1 - z);
    if (units.length === 0) return undefined;
    const takesDown = shared.takesDown;
    const within = (v: Unit, u: Unit): boolean => this.unitWithin(v, u, takesDown);
    const causes = units.filter((u) => !units.some((v) => v !== u && within(v, u) && !within(u, v)));
    causes.sort((a, b) => (a >= 0 && b >= 0 ? a - b : a >= 0 ? -1 : b >= 0 ? 1 : b - a));
    return this.describe(x, q, causes);
  }

  /**
   * The units a member set shares fate with, whoever requires it (many services share one `anyOf`,
   * so this is computed once per member set): zones, then services by candidates and Down(Z).
   */
  private sharing(members: number[]): Shared {
    const zones: number[] = [];
    for (let k = this.zoneStart[members[0] as number] as number; k < (this.zoneStart[(members[0] as number) + 1] as number); k++) {
      const z = this.zoneOf[k] as number;
      if (members.every((m) => this.zoneTakesDown(z, m))) zones.push(z);
    }
    const candidates = this.candidates(members);
    const services: number[] = [];
    const takesDown = new Map<number, number[]>();
    const admit = (w: number) => members.some((m) => this.reach.mayReach(m, w));
    for (const z of candidates) {
      this.d.reset();
      this.d.add([z], admit);
      if (!members.every((m) => this.d.isDown[m])) continue;
      services.push(z);
      // Every candidate is reached by every member, so Down(Z) is exact for it too.
      takesDown.set(
        z,
        candidates.filter((v) => this.d.isDown[v]),
      );
    }
    this.d.reset();
    return { zones, services: services.sort((a, b) => a - b), takesDown, chains: new Map() };
  }

  /** True when zone z's failure takes service v down. */
  private zoneTakesDown(z: number, v: number): boolean {
    for (let k = this.zoneStart[v] as number; k < (this.zoneStart[v + 1] as number); k++) if (this.zoneOf[k] === z) return true;
    return false;
  }

  /** v ⊆ Down(u) for two units q shares fate with. */
  private unitWithin(v: Unit, u: Unit, takesDown: Map<number, number[]>): boolean {
    if (v < 0 && u < 0) return (takesDown.get(-1 - u) as number[]).includes(-1 - v);
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

  /**
   * The services that every member may reach (itself included). The members' searches
   * advance one service each in turn; the first to finish holds every candidate.
   */
  private candidates(members: number[]): number[] {
    const { runtime } = this.g;
    const k = members.length;
    while (this.marks.length < k) this.marks.push(new Int32Array(this.g.n));
    const stamp = ++this.stamp;
    const queues = members.map((m, i) => {
      (this.marks[i] as Int32Array)[m] = stamp;
      return [m];
    });
    const heads = new Array<number>(k).fill(0);
    let done = -1;
    while (done === -1) {
      for (let i = 0; i < k && done === -1; i++) {
        const queue = queues[i] as number[];
        if ((heads[i] as number) === queue.length) {
          done = i;
          break;
        }
        const v = queue[(heads[i] as number)++] as number;
        const mark = this.marks[i] as Int32Array;
        for (
          let k2 = runtime.memberStart[runtime.start[v] as number] as number;
          k2 < (runtime.memberStart[runtime.start[v + 1] as number] as number);
          k2++
        ) {
          const w = runtime.members[k2] as number;
          if (mark[w] === stamp) continue;
          mark[w] = stamp;
          queue.push(w);
        }
      }
    }
    return (queues[done] as number[]).filter((z) => members.every((m) => m === z || this.reach.mayReach(m, z)));
  }

  private describe(x: number, q: Requirement, causes: Unit[]): SharedFate {
    const { g } = this;
    const kind: DependencyKind = q.runtime !== -1 ? "runtime" : "rollback";
    const set = kind === "runtime" ? g.runtime : g.rollback;
    const first = causes[0] as Unit;
    const a1 = q.members[0] as number;
    const chains = (this.shared.get(q.key) as Shared).chains;
    let chain = chains.get(first);
    if (!chain) {
      // Down(cause) only where some member may reach, which holds every chain from a1: exact there, and
      // cheap when the cause is a large zone or a service most of the estate needs.
      const admit = (w: number) => q.members.some((m) => this.reach.mayReach(m, w));
      const sources = first >= 0 ? (this.zoneMembers[first] as number[]).filter(admit) : [-1 - first];
      this.full.reset();
      this.full.add(sources, admit);
      this.witnesses.measure(this.full, sources);
      // From a1 on: `accept` refuses the rollback step chain() would locate; X's own edge is located below.
      const found = this.witnesses.chain(a1, a1, () => false) as { path: number[]; locations: SourcePos[] };
      chain = { path: found.path.slice(1), locations: found.locations };
      chains.set(first, chain);
      this.witnesses.clear();
      this.full.reset();
    }
    const at = stepPos(g, set, x, a1, (r) => membersOf(set, r).join(",") === q.key);
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
}
