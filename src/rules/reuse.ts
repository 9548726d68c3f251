// What `serve` keeps of the rules' work between analyses: findings that are a function of objects the next analysis reuses as they are.
import type { Compiled } from "../graph/compiled.js";
import type { Finding, Service } from "../model/types.js";
import type { AnalysisInput, RawFinding } from "./rule.js";

/**
 * Which way a rule's finding about X looks along runtime requirements (hard ones: the compiled graph's).
 * "dependencies": X's finding is a function of X and of the services that reach X (rollback-needs-broken:
 * Down({X}) holds only services that need X, transitively); "dependents": of X and of the services X
 * reaches (shared-fate: what takes an `anyOf` of X down lies below its members).
 */
export type Reach = "dependencies" | "dependents";

/** Between two graphs: the services, by id in the newer one, whose findings of each reach may differ. */
export interface Scope {
  /** Changed, or reached from a changed one, walking dependencies (what a changed service needs, in either graph). */
  dependencies: Uint8Array;
  dependenciesCount: number;
  dependents: Uint8Array;
  dependentsCount: number;
  /** A changed service has a zone (in either graph): shared-fate's zone causes compare whole zones, not local. */
  zones: boolean;
  /** The services, by name, whose entries name a service that only one of the graphs declares. */
  referrers: string[];
}

/** Above this share of the estate, a rule runs whole: its whole-estate filters beat one walk per service. */
const LOCAL_SHARE = 0.2;

/**
 * Kept by `serve` from one analysis to the next (src/model/estate.ts reuses an unchanged service as
 * the same object, and nothing changes a service). Weak maps: what the next estate no longer holds goes.
 */
export class RuleReuse {
  /** rollback-undeclared's finding for a service: a function of the service alone (its name, its rollback key, its first declaration's position). */
  readonly undeclaredRollback = new WeakMap<Service, RawFinding>();
  /**
   * The finding made of a raw finding without a path: the same raw object, the same finding (at the same
   * severity), since only path steps are marked after a finding is made (observed steps, api steps).
   */
  readonly findings = new WeakMap<RawFinding, Finding>();
  /**
   * Raw findings with a path reused as they were (`local`): their steps are those of unchanged services,
   * so marking them again (api steps; no observed edges, or nothing is reused) gives what they hold: the same finding too.
   */
  readonly exact = new WeakSet<RawFinding>();
  /** Each rule's last findings by the service they are about, with the graph they were found on. */
  private readonly byRule = new Map<string, { graph: Compiled; by: Map<Service, RawFinding[]> }>();
  private readonly scopes = new WeakMap<Compiled, { from: Compiled; scope: Scope }>();
  /** How often `local` reused and ran whole (for tests and the bench). */
  readonly runs = { local: 0, whole: 0 };

  /** `localShare`: above this share of the estate to look at again, a rule runs whole (its whole-estate filters beat one walk per service). */
  constructor(private readonly localShare = LOCAL_SHARE) {}

  /**
   * A rule's findings, each about one service X (`services[0]`), X in id order: those of the services its
   * reach of change (`scopeOf`) leaves out are the last analysis's, the same objects; `some` finds those
   * of the others (ascending ids). Whole by `all` when there is no last analysis to compare with, or little to reuse.
   */
  local(
    input: AnalysisInput,
    rule: string,
    reach: Reach,
    all: () => RawFinding[],
    some: (xs: number[]) => RawFinding[],
    usesZones = false,
  ): RawFinding[] {
    const { graph } = input;
    const last = this.byRule.get(rule);
    const scope = last && !graph.observed && !last.graph.observed && !input.observed ? this.scope(last.graph, graph) : undefined;
    const count = scope ? (reach === "dependencies" ? scope.dependenciesCount : scope.dependentsCount) : graph.n;
    let out: RawFinding[];
    if (!scope || !last || (usesZones && scope.zones) || count > this.localShare * graph.n) {
      this.runs.whole++;
      out = all();
    } else {
      this.runs.local++;
      const mask = reach === "dependencies" ? scope.dependencies : scope.dependents;
      const xs: number[] = [];
      for (let x = 0; x < graph.n; x++) if (mask[x]) xs.push(x);
      const found = some(xs);
      out = [];
      const by = new Map<Service, RawFinding[]>();
      const services = graph.estate.services;
      // the reused findings of unchanged services, and the new ones of the others, in service order
      let k = 0;
      for (let x = 0; x < graph.n; x++) {
        const svc = services[x] as Service;
        if (mask[x]) {
          const from = out.length;
          while (k < found.length && graph.estate.ids.get((found[k] as RawFinding).services[0] as string) === x)
            out.push(found[k++] as RawFinding);
          if (out.length > from) by.set(svc, out.slice(from));
          continue;
        }
        const kept = last.by.get(svc);
        if (!kept) continue;
        by.set(svc, kept);
        for (const f of kept) {
          this.exact.add(f);
          out.push(f);
        }
      }
      // (every found finding is about a service of xs, in order; any other is a bug better seen than lost)
      for (; k < found.length; k++) out.push(found[k] as RawFinding);
      this.byRule.set(rule, { graph, by });
      return out;
    }
    const by = new Map<Service, RawFinding[]>();
    for (const f of out) {
      const id = graph.estate.ids.get(f.services[0] as string);
      const svc = id === undefined ? undefined : graph.estate.services[id];
      if (!svc) continue;
      const list = by.get(svc);
      if (list) list.push(f);
      else by.set(svc, [f]);
    }
    this.byRule.set(rule, { graph, by });
    return out;
  }

  /** The last sorted findings, each one's place in it. */
  private sorted: { list: Finding[]; at: Map<Finding, number>; ties: boolean } | undefined;

  /**
   * `findings` sorted as `sortAll` sorts them (a stable sort by `compare`), from the last sorted list:
   * the findings reused from it (the same objects) keep their order, and the others, sorted, are put in
   * among them by binary search. Exact while no two findings compare equal (then the stable sort's order
   * would be the order the rules gave them): an equal pair met on the way, or in the last list, and the
   * whole list is sorted instead.
   */
  sort(findings: Finding[], compare: (a: Finding, b: Finding) => number, sortAll: (f: Finding[]) => Finding[]): Finding[] {
    const last = this.sorted;
    const out = last && !last.ties ? merged(findings, last, compare) : undefined;
    const list = out ?? sortAll(findings);
    const at = new Map<Finding, number>();
    for (let i = 0; i < list.length; i++) at.set(list[i] as Finding, i);
    // A merged list has no equal pair (the merge gives up on one); a sorted one is looked at.
    let ties = false;
    for (let i = 1; !out && !ties && i < list.length; i++) ties = compare(list[i - 1] as Finding, list[i] as Finding) === 0;
    this.sorted = { list, at, ties };
    return list;
  }

  /** What changed between two graphs (memoized for the newer one). */
  scope(from: Compiled, to: Compiled): Scope {
    const had = this.scopes.get(to);
    if (had && had.from === from) return had.scope;
    const scope = scopeOf(from, to);
    this.scopes.set(to, { from, scope });
    return scope;
  }
}

/**
 * The services of `to` whose findings may differ from those on `from`, for each reach.
 *
 * Changed (C): a service of one graph only, one of both built anew (not the same object: its file
 * changed), and one whose entries name a service of one graph only (its compiled requirements differ
 * though it is the same object; found in the other graph's `undeclared`). Every other service has the
 * same object, so the same entries, so, as its names resolve alike, the same compiled requirements by name.
 *
 * Claim (dependencies): if X ∉ C and no service of C reaches X in `from` nor in `to` (along hard runtime
 * requirements), X's rollback-needs-broken finding is the same. Let Cone(X) be the services that reach X.
 * In `to`, each service on a path w → … → X lies in Cone(X) ∪ {X}, so is not in C, so has the same
 * requirements in `from`: the path is there too, and conversely; so Cone(X) is the same set in both,
 * each of its services with the same requirements, and X's own rollback requirements are the same.
 * Down({X}) holds only X and services of Cone(X) (a service is down only through a requirement whose
 * members are all down), and is the least fixpoint over exactly these requirements (a member outside
 * Cone(X) ∪ {X} is never down): the same set. The witness (a shortest reason chain inside Down({X}),
 * ties by names, which order ids alike in both graphs) and the locations (entries of the same objects)
 * are then the same. The same argument along the other direction gives the claim for dependents: an
 * `anyOf` q of X shares fate with Z only through what q's members reach (shared-fate's cone), except
 * for zones: a cause zone is compared whole (z ⊆ Down(v)), and a member of it that X does not reach
 * goes down with v through its own requirements. Whether a service is in some Down(U) changes only
 * if it reaches a changed service, so shared-fate runs whole when a service with a zone is changed or
 * reaches a changed one (in either graph), and is local otherwise.
 *
 * It relies on the load stage making a new object of every declaration whose entries resolve differently:
 * an `{api}` entry's members change when a provider changes its `provides`, with no edit to the entry's own
 * file; src/load/resolve-api.ts copies every declaration with an api entry on every load that reuses parses
 * (serve's file cache; only a load without one fills its own in place), so those are always changed here.
 * A memo of that pass must keep this (or add the api's owners to the changed services).
 */
export function scopeOf(from: Compiled, to: Compiled): Scope {
  const a = from.estate;
  const b = to.estate;
  const oldSeed = new Uint8Array(from.n);
  const newSeed = new Uint8Array(to.n);
  const added = new Set<string>();
  const removed = new Set<string>();
  let zones = false;
  // both lists are in plain string order of names: one merge walk
  let i = 0;
  let k = 0;
  while (i < from.n || k < to.n) {
    const s = a.services[i];
    const t = b.services[k];
    if (s && t && s === t) {
      i++;
      k++;
      continue;
    }
    const order = !s ? 1 : !t ? -1 : s.name < t.name ? -1 : s.name > t.name ? 1 : 0;
    if (order <= 0 && s) {
      oldSeed[i++] = 1;
      if (s.zone !== undefined) zones = true;
      if (order < 0) removed.add(s.name);
    }
    if (order >= 0 && t) {
      newSeed[k++] = 1;
      if (t.zone !== undefined) zones = true;
      if (order > 0) added.add(t.name);
    }
  }
  // services whose entries name a service that only one graph has
  const referrers: string[] = [];
  for (const u of from.undeclared) if (added.has(u.entry.names[u.index] as string)) referrers.push(from.names[u.service] as string);
  for (const u of to.undeclared) if (removed.has(u.entry.names[u.index] as string)) referrers.push(to.names[u.service] as string);
  for (const name of referrers) {
    const x = a.ids.get(name);
    const y = b.ids.get(name);
    if (x !== undefined) oldSeed[x] = 1;
    if (y !== undefined) newSeed[y] = 1;
  }
  const spread = (reach: Reach) => {
    const mask = new Uint8Array(to.n);
    let zoned = false;
    for (const y of closure(to, newSeed, reach)) {
      mask[y] = 1;
      if (b.services[y]?.zone !== undefined) zoned = true;
    }
    for (const x of closure(from, oldSeed, reach)) {
      if (a.services[x]?.zone !== undefined) zoned = true;
      const y = b.ids.get(from.names[x] as string);
      if (y !== undefined) mask[y] = 1;
    }
    let count = 0;
    for (let y = 0; y < to.n; y++) count += mask[y] as number;
    return { mask, count, zoned };
  };
  const dn = spread("dependencies");
  const up = spread("dependents");
  // A zone member that reaches a changed service may go down with other units than before, and shared-fate
  // compares whole zones (z ⊆ Down(v)) whatever X reaches: then no finding of it is local.
  if (up.zoned) zones = true;
  return { dependencies: dn.mask, dependenciesCount: dn.count, dependents: up.mask, dependentsCount: up.count, zones, referrers };
}

/**
 * The seeds and every service they reach, walking each runtime requirement's members (dependencies) or
 * owners (dependents); for dependents, then the owners of rollback requirements with a member among
 * them, too (a shared-fate `anyOf` may be a rollback requirement: its cone starts below its members).
 */
function closure(g: Compiled, seed: Uint8Array, reach: Reach): number[] {
  const seen = new Uint8Array(g.n);
  const queue: number[] = [];
  for (let v = 0; v < g.n; v++) {
    if (seed[v]) {
      seen[v] = 1;
      queue.push(v);
    }
  }
  const { runtime, byMemberStart, byMember } = g;
  const visit = (w: number) => {
    if (!seen[w]) {
      seen[w] = 1;
      queue.push(w);
    }
  };
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h] as number;
    if (reach === "dependencies") {
      const from = runtime.memberStart[runtime.start[v] as number] as number;
      const to = runtime.memberStart[runtime.start[v + 1] as number] as number;
      for (let m = from; m < to; m++) visit(runtime.members[m] as number);
    } else {
      for (let m = byMemberStart[v] as number; m < (byMemberStart[v + 1] as number); m++)
        visit(runtime.owner[byMember[m] as number] as number);
    }
  }
  if (reach === "dependencies") return queue;
  const { rollback } = g;
  const reached = seen.slice();
  for (let r = 0; r < rollback.owner.length; r++) {
    const owner = rollback.owner[r] as number;
    if (seen[owner]) continue;
    for (let m = rollback.memberStart[r] as number; m < (rollback.memberStart[r + 1] as number); m++) {
      if (reached[rollback.members[m] as number]) {
        visit(owner);
        break;
      }
    }
  }
  return queue;
}

/** See `RuleReuse.sort`: undefined when two findings compare equal (or the last list held such a pair). */
function merged(
  findings: readonly Finding[],
  last: { list: Finding[]; at: Map<Finding, number> },
  compare: (a: Finding, b: Finding) => number,
): Finding[] | undefined {
  const kept = new Uint8Array(last.list.length);
  const fresh: Finding[] = [];
  for (const f of findings) {
    const i = last.at.get(f);
    if (i === undefined || kept[i]) fresh.push(f);
    else kept[i] = 1;
  }
  const reused: Finding[] = [];
  for (let i = 0; i < last.list.length; i++) if (kept[i]) reused.push(last.list[i] as Finding);
  // Stable, in the rules' order: equal fresh findings stay as a full sort would leave them, and are told by the checks below.
  fresh.sort(compare);
  for (let i = 1; i < fresh.length; i++) if (compare(fresh[i - 1] as Finding, fresh[i] as Finding) === 0) return undefined;
  // (the reused ones are strictly ordered: the last list held no equal pair)
  const out: Finding[] = [];
  let r = 0;
  for (const f of fresh) {
    // the first reused finding after f, searched from where the last fresh one went
    let lo = r;
    let hi = reused.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compare(reused[mid] as Finding, f);
      if (c === 0) return undefined;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    while (r < lo) out.push(reused[r++] as Finding);
    out.push(f);
  }
  while (r < reused.length) out.push(reused[r++] as Finding);
  return out;
}
