// The estate compiled for analysis: hard requirements as typed-array adjacency (CSR), ids in name order.
import type { Entry, Estate, Service, SourcePos } from "../model/types.js";
import { comparePos } from "../util/order.js";

/**
 * The hard requirements of one kind (SPEC §2). Soft entries, and requirements naming an
 * undeclared service (always met), are left out. Requirement r belongs to `owner[r]`, its
 * members are `members[memberStart[r] .. memberStart[r+1])`, sorted, without repeats.
 */
export interface RequirementSet {
  /** The requirements of service i are r in [start[i], start[i+1]). */
  start: Int32Array;
  memberStart: Int32Array;
  members: Int32Array;
  owner: Int32Array;
  /** The declaring entry of each requirement, for positions. */
  entry: Entry[];
  /**
   * Each service's declared edges of this kind (SPEC §6 `summary.edges`): the distinct names of its own
   * entries, soft and undeclared ones too (observed additions are not declared). Counted here, where every
   * name is looked up anyway, as ids: the summary then walks no entry again.
   */
  edges: Int32Array;
}

export interface Compiled {
  estate: Estate;
  n: number;
  names: string[];
  runtime: RequirementSet;
  rollback: RequirementSet;
  /** For each service, the runtime requirements it is a member of: r in byMember[byMemberStart[i] .. [i+1]). */
  byMemberStart: Int32Array;
  byMember: Int32Array;
  /** Every name of every entry (soft ones too) that no manifest declares: entry.names[index] of service `service`. */
  undeclared: UndeclaredName[];
  /**
   * The runtime edges added from observed traffic (`--observed-edges hard`, SPEC §7), as `from * n + to`:
   * a witness step over one is marked observed. Absent when none was added.
   */
  observed?: ReadonlySet<number>;
}

/** An observed X → Y that X does not declare, added to RT(X) as the hard requirement {Y}, located at X's name. */
export interface ObservedAddition {
  service: string;
  requirement: readonly [string];
  /** Where X's name is written; its first declaration's when absent. */
  pos?: SourcePos;
}

export interface UndeclaredName {
  service: number;
  entry: Entry;
  index: number;
}

function compileKind(
  estate: Estate,
  kind: "runtime" | "rollback",
  undeclared: UndeclaredName[],
  extra: ReadonlyMap<number, Entry[]> = new Map(),
  before?: Before,
): RequirementSet {
  const n = estate.services.length;
  const byName = estate.ids;
  const start = new Int32Array(n + 1);
  // Typed arrays, no boxed numbers, no per-entry arrays; sized once, from the entry count (each entry is
  // at most one requirement; members grow only past an anyOf-heavy estimate), and handed out as views of
  // that size. Every typed array's bytes count towards V8's external-memory budget, and each 64 MB past
  // it starts a full collection: at a million services, arrays grown by doubling and then copied to size
  // cost three more collections of a 1.4 GB heap.
  let entries = 0;
  for (let i = 0; i < n; i++) {
    const svc = estate.services[i] as Service;
    entries += (kind === "runtime" ? svc.runtime : svc.rollback).length + (extra.size > 0 ? (extra.get(i)?.length ?? 0) : 0);
  }
  // Each entry is at most one requirement: owner and memberStart never grow.
  const memberStart = new Int32Array(entries + 1);
  let members = new Int32Array(entries + (entries >> 3) + 16);
  const owner = new Int32Array(entries);
  let R = 0;
  let M = 0;
  const entry: Entry[] = [];
  const ids: number[] = [];
  const edges = new Int32Array(n);
  const tally = new EdgeTally(n);
  /**
   * Ends requirement r of service i, whose members end at m; returns the next requirement's number. Its
   * state is passed, not captured: counters a closure writes live in a heap context, not in registers.
   */
  const close = (r: number, m: number, i: number, e: Entry): number => {
    memberStart[r + 1] = m;
    owner[r] = i;
    entry.push(e);
    return r + 1;
  };
  for (let i = 0; i < n; i++) {
    start[i] = R;
    const svc = estate.services[i];
    if (!svc) continue;
    const own = kind === "runtime" ? svc.runtime : svc.rollback;
    const added = extra.size > 0 ? extra.get(i) : undefined;
    const list = added ? [...own, ...added] : own;
    // The same service as in the earlier graph: its requirements there, in entry order, to reuse.
    const j = before ? (before.oldId[i] as number) : -1;
    const set = before && j >= 0 && before.graph.estate.services[j] === svc ? before.graph[kind] : undefined;
    let rp = set ? (set.start[j] as number) : 0;
    const rEnd = set ? (set.start[j + 1] as number) : 0;
    if (set && rEnd - rp === list.length && allMapped(set, rp, rEnd, (before as Before).newId)) {
      // Every entry of this same list was compiled there, in order, and every member is still declared:
      // its requirements as they were, members mapped (as below, for all at once).
      const from = set.memberStart[rp] as number;
      const to = set.memberStart[rEnd] as number;
      if (M + to - from > members.length) members = grown(members, M + to - from);
      const newId = (before as Before).newId;
      const shift = M - from;
      for (let k = from; k < to; k++) members[k + shift] = newId[set.members[k] as number] as number;
      M += to - from;
      for (let r = rp; r < rEnd; r++) {
        memberStart[R + 1] = (set.memberStart[r + 1] as number) + shift;
        owner[R] = i;
        R++;
        entry.push(set.entry[r] as Entry);
      }
      edges[i] = set.edges[j] as number;
      continue;
    }
    // A service of the earlier graph has its edge count there; otherwise its names are counted as they are looked up.
    const counting = set === undefined;
    tally.begin(i);
    for (let q = 0; q < list.length; q++) {
      const e = list[q] as Entry;
      if (set && rp < rEnd && set.entry[rp] === e) {
        // Compiled before, so every name was declared: the same names' ids, mapped in order (the map is
        // increasing: both graphs number services in name order), so still sorted and without repeats.
        // A member no longer declared: the entry is looked up again, as below.
        const from = set.memberStart[rp] as number;
        const to = set.memberStart[rp + 1] as number;
        rp++;
        let all = true;
        for (let k = from; all && k < to; k++) all = (before as Before).newId[set.members[k] as number] !== -1;
        if (all) {
          if (M + to - from > members.length) members = grown(members, M + to - from);
          for (let k = from; k < to; k++) members[M++] = (before as Before).newId[set.members[k] as number] as number;
          R = close(R, M, i, e);
          continue;
        }
      }
      // Observed additions come last and are no declared edge.
      const counted = counting && q < own.length;
      const names = e.names;
      if (names.length === 1) {
        // Nine entries in ten: one lookup, no list to sort.
        const id = byName.get(names[0] as string);
        if (id === undefined) {
          undeclared.push({ service: i, entry: e, index: 0 });
          if (counted) tally.undeclared(names[0] as string);
        } else {
          if (counted) tally.declared(id);
          if (!e.soft) {
            if (M + 1 > members.length) members = grown(members, M + 1);
            members[M++] = id;
            R = close(R, M, i, e);
          }
        }
        continue;
      }
      // Each name is looked up once per analysis, here; missing-dependency reads `undeclared`.
      ids.length = 0;
      let missing = false;
      for (let k = 0; k < names.length; k++) {
        const id = byName.get(names[k] as string);
        if (id === undefined) {
          missing = true;
          undeclared.push({ service: i, entry: e, index: k });
          if (counted) tally.undeclared(names[k] as string);
        } else {
          ids.push(id);
          if (counted) tally.declared(id);
        }
      }
      if (e.soft || missing || ids.length === 0) continue;
      if (ids.length > 1) ids.sort((a, b) => a - b);
      if (M + ids.length > members.length) members = grown(members, M + ids.length);
      let last = -1;
      for (const id of ids) {
        if (id !== last) members[M++] = id;
        last = id;
      }
      R = close(R, M, i, e);
    }
    edges[i] = counting ? tally.total() : (set.edges[j] as number);
  }
  start[n] = R;
  return {
    start,
    memberStart: memberStart.subarray(0, R + 1),
    members: members.subarray(0, M),
    owner: owner.subarray(0, R),
    entry,
    edges,
  };
}

/**
 * One service's declared edges of one kind at a time (RequirementSet.edges), counted as its names are looked
 * up: a declared name by id (a stamp per service, no set), an undeclared one, rare, in a set.
 */
class EdgeTally {
  private readonly seen: Int32Array;
  private stamp = 0;
  private count = 0;
  private others: Set<string> | undefined;
  constructor(n: number) {
    this.seen = new Int32Array(n);
  }
  /** Starts counting service i. */
  begin(i: number): void {
    this.stamp = i + 1;
    this.count = 0;
    this.others = undefined;
  }
  declared(id: number): void {
    if (this.seen[id] === this.stamp) return;
    this.seen[id] = this.stamp;
    this.count++;
  }
  undeclared(name: string): void {
    this.others ??= new Set();
    this.others.add(name);
  }
  total(): number {
    return this.count + (this.others ? this.others.size : 0);
  }
}

/** Whether every member of requirements [from, to) of an earlier graph is still declared. */
function allMapped(set: RequirementSet, from: number, to: number, newId: Int32Array): boolean {
  for (let k = set.memberStart[from] as number; k < (set.memberStart[to] as number); k++)
    if (newId[set.members[k] as number] === -1) return false;
  return true;
}

/** `a` with room for at least `need` items (its size doubled, or more). */
function grown(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(need, a.length * 2));
  out.set(a);
  return out;
}

/** Observed additions as runtime entries per service id, each written at the service's name. */
function observedEntries(estate: Estate, additions: readonly ObservedAddition[]): { entries: Map<number, Entry[]>; pairs: Set<number> } {
  const n = estate.services.length;
  const entries = new Map<number, Entry[]>();
  const pairs = new Set<number>();
  for (const a of additions) {
    const from = estate.ids.get(a.service);
    const to = estate.ids.get(a.requirement[0]);
    if (from === undefined || to === undefined) continue;
    const svc = estate.services[from] as Service;
    const at = (a.pos ?? svc.declarations[0]?.pos) as SourcePos;
    const list = entries.get(from) ?? [];
    list.push({ kind: "runtime", names: [a.requirement[0]], anyOf: false, soft: false, namePos: [at], observed: true });
    entries.set(from, list);
    pairs.add(from * n + to);
  }
  return { entries, pairs };
}

/** An earlier graph to reuse (`serve`), with the ids of the names both estates declare mapped each way (-1: not declared there). */
interface Before {
  graph: Compiled;
  /** New id → the earlier graph's id of the same name. */
  oldId: Int32Array;
  /** The earlier graph's id → the new id of the same name. */
  newId: Int32Array;
}

/** Both graphs' ids of each name, by one walk of the two name lists (both in plain string order). */
function mapIds(graph: Compiled, estate: Estate): Before {
  const was = graph.names;
  const n = estate.services.length;
  const oldId = new Int32Array(n).fill(-1);
  const newId = new Int32Array(was.length).fill(-1);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const name = (estate.services[i] as Service).name;
    while (j < was.length && (was[j] as string) < name) j++;
    if (was[j] === name) {
      oldId[i] = j;
      newId[j] = i;
      j++;
    }
  }
  return { graph, oldId, newId };
}

/**
 * `previous`: the graph of an earlier estate (`serve`). Each entry of a service that is the same object
 * there (src/model/estate.ts reuses unchanged services whole) and was compiled there has its members
 * mapped to the new ids instead of its names looked up again: the same requirement, for the names are the same.
 */
export function compile(estate: Estate, additions: readonly ObservedAddition[] = [], previous?: Compiled): Compiled {
  const n = estate.services.length;
  const undeclared: UndeclaredName[] = [];
  const observed = additions.length > 0 ? observedEntries(estate, additions) : undefined;
  // Observed additions are entries made afresh each time: nothing to reuse then.
  const before = previous && !observed && !previous.observed ? mapIds(previous, estate) : undefined;
  const runtime = compileKind(estate, "runtime", undeclared, observed?.entries, before);
  const rollback = compileKind(estate, "rollback", undeclared, undefined, before);
  const byMemberStart = new Int32Array(n + 1);
  for (const m of runtime.members) byMemberStart[m + 1] = (byMemberStart[m + 1] as number) + 1;
  for (let i = 0; i < n; i++) byMemberStart[i + 1] = (byMemberStart[i + 1] as number) + (byMemberStart[i] as number);
  const fill = byMemberStart.slice(0, n);
  const byMember = new Int32Array(runtime.members.length);
  const R = runtime.owner.length;
  for (let r = 0; r < R; r++) {
    for (let k = runtime.memberStart[r] as number; k < (runtime.memberStart[r + 1] as number); k++) {
      const m = runtime.members[k] as number;
      byMember[fill[m] as number] = r;
      fill[m] = (fill[m] as number) + 1;
    }
  }
  const g: Compiled = { estate, n, names: estate.services.map((s) => s.name), runtime, rollback, byMemberStart, byMember, undeclared };
  if (observed) g.observed = observed.pairs;
  return g;
}

/** True when the runtime step from → to (ids) is over an edge that only observed traffic shows. */
export function isObservedStep(g: Compiled, from: number, to: number): boolean {
  return g.observed?.has(from * g.n + to) ?? false;
}

export function reqSize(set: RequirementSet, r: number): number {
  return (set.memberStart[r + 1] as number) - (set.memberStart[r] as number);
}

export function reqHas(set: RequirementSet, r: number, id: number): boolean {
  for (let k = set.memberStart[r] as number; k < (set.memberStart[r + 1] as number); k++) {
    if (set.members[k] === id) return true;
  }
  return false;
}

/**
 * The position of the entry that declares the step owner → target: among the owner's
 * requirements that contain target and pass `accept`, the first in source order.
 */
export function stepPos(
  g: Compiled,
  set: RequirementSet,
  owner: number,
  target: number,
  accept: (r: number) => boolean = () => true,
): SourcePos | undefined {
  const name = g.names[target] as string;
  let best: SourcePos | undefined;
  for (let r = set.start[owner] as number; r < (set.start[owner + 1] as number); r++) {
    if (!reqHas(set, r, target) || !accept(r)) continue;
    const p = namePosOf(set.entry[r] as Entry, name);
    if (p && (!best || comparePos(p, best) < 0)) best = p;
  }
  return best;
}

/** Where an entry that holds `name` writes it: a one-name entry needs no lookup by name (a witness reads one per step). */
export function namePosOf(e: Entry, name: string): SourcePos | undefined {
  return e.namePos[e.names.length === 1 ? 0 : e.names.indexOf(name)];
}
