// A deliberately naive reference implementation of SPEC §2–§4, for property tests.
//
// Everything here works on names (strings) and plain sets, straight from the definitions:
// fixpoints by repeating a pass until nothing changes, strongly connected components by
// pairwise reachability, witnesses by enumerating paths level by level and taking the smallest
// name sequence. It is slow on purpose (small estates only) and shares no code with src/ apart
// from the types, so that a bug in the fast code cannot hide in both.
import type { Declaration, DependencyKind, PathStep, SourcePos } from "../../src/model/types.js";

/** One hard requirement: a non-empty set of declared names, plus where each name was written. */
export interface Req {
  /** Sorted, without repeats. */
  names: string[];
  /** For each name, its position in the declaring entry (the first, if the entry repeats it). */
  pos: Map<string, SourcePos>;
}

export interface BruteModel {
  /** Declared names, sorted (plain string order). */
  services: string[];
  declared: Set<string>;
  /** RT(X): hard runtime requirements naming only declared services (SPEC §2). */
  rt: Map<string, Req[]>;
  /** RB(X): hard rollback requirements naming only declared services. */
  rb: Map<string, Req[]>;
}

export function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

export function comparePositions(a: SourcePos, b: SourcePos): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.column - b.column;
}

/** Element by element, then by length. */
export function compareNames(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return a.length - b.length;
}

function minPos(list: SourcePos[]): SourcePos | undefined {
  let best: SourcePos | undefined;
  for (const p of list) if (!best || comparePositions(p, best) < 0) best = p;
  return best;
}

// ---------------------------------------------------------------------------------------------
// §2 model

export function bruteModel(decls: readonly Declaration[]): BruteModel {
  const declared = new Set(decls.map((d) => d.name));
  const rt = new Map<string, Req[]>();
  const rb = new Map<string, Req[]>();
  for (const name of declared) {
    rt.set(name, []);
    rb.set(name, []);
  }
  for (const d of decls) {
    for (const [entries, into] of [
      [d.runtime, rt],
      [d.rollback ?? [], rb],
    ] as const) {
      for (const e of entries) {
        if (e.soft) continue; // soft: no detector
        if (e.names.length === 0) continue;
        if (e.names.some((n) => !declared.has(n))) continue; // names an undeclared service: always met
        const pos = new Map<string, SourcePos>();
        e.names.forEach((n, i) => {
          if (!pos.has(n)) pos.set(n, e.namePos[i] as SourcePos);
        });
        (into.get(d.name) as Req[]).push({ names: sorted(e.names), pos });
      }
    }
  }
  return { services: sorted(declared), declared, rt, rb };
}

/**
 * A model straight from requirement lists (hard ones only, names declared), for tests that have
 * no declarations at hand: `rt`/`rb` map a service to its requirements, each a list of names.
 */
export function modelFromRequirements(
  services: Iterable<string>,
  rt: ReadonlyMap<string, string[][]>,
  rb: ReadonlyMap<string, string[][]> = new Map(),
): BruteModel {
  const declared = new Set(services);
  const reqs = (from: ReadonlyMap<string, string[][]>, name: string): Req[] =>
    (from.get(name) ?? []).map((names) => ({ names: sorted(names), pos: new Map() }));
  return {
    services: sorted(declared),
    declared,
    rt: new Map([...declared].map((n) => [n, reqs(rt, n)])),
    rb: new Map([...declared].map((n) => [n, reqs(rb, n)])),
  };
}

const isSubset = (q: Req, set: Set<string>) => q.names.every((n) => set.has(n));
const meets = (q: Req, set: Set<string>) => q.names.some((n) => set.has(n));

/** Down(F): the least D ⊇ F with X ∈ D whenever some q ∈ RT(X) has q ⊆ D. */
export function bruteDown(m: BruteModel, failed: Iterable<string>): Set<string> {
  const d = new Set(failed);
  let changed = true;
  while (changed) {
    changed = false;
    for (const x of m.services) {
      if (d.has(x)) continue;
      if ((m.rt.get(x) as Req[]).some((q) => isSubset(q, d))) {
        d.add(x);
        changed = true;
      }
    }
  }
  return d;
}

/** Cold start: from nothing up, bring up every service all of whose requirements are met. Returns N. */
export function bruteNeverUp(m: BruteModel): Set<string> {
  const up = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const x of m.services) {
      if (up.has(x)) continue;
      if ((m.rt.get(x) as Req[]).every((q) => meets(q, up))) {
        up.add(x);
        changed = true;
      }
    }
  }
  return new Set(m.services.filter((x) => !up.has(x)));
}

// ---------------------------------------------------------------------------------------------
// §3 runtime-cycle

export interface BruteCore {
  members: string[];
  /** The canonical cycle: names from the first member back to it. */
  cycle: string[];
  impacted: string[];
  /** Location of each step (see bruteFindings). */
  locations: SourcePos[];
}

/** All nodes reachable from `start` in one or more steps. */
function reachFrom(start: string, next: (v: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...next(start)];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    if (seen.has(v)) continue;
    seen.add(v);
    queue.push(...next(v));
  }
  return seen;
}

/**
 * Shortest paths from `first` by levels over simple paths: the first level holding a path that
 * `complete` accepts gives every shortest candidate; returns the smallest name list among them.
 */
function shortestPath(
  starts: string[][],
  next: (v: string) => Iterable<string>,
  done: (path: string[]) => boolean,
  canExtend: (path: string[], w: string) => boolean,
): string[] | undefined {
  let level = starts;
  while (level.length > 0) {
    const finished = level.filter(done);
    if (finished.length > 0) return finished.sort(compareNames)[0];
    const following: string[][] = [];
    for (const p of level) {
      for (const w of next(p[p.length - 1] as string)) if (canExtend(p, w)) following.push([...p, w]);
    }
    level = following;
  }
  return undefined;
}

export function bruteCores(m: BruteModel): BruteCore[] {
  const never = bruteNeverUp(m);
  // Blocking requirements of X ∈ N: q ∈ RT(X) with q ⊆ N; edge X → Y for Y in one.
  const blocking = (x: string) => (never.has(x) ? (m.rt.get(x) as Req[]).filter((q) => isSubset(q, never)) : []);
  const succ = (x: string) => sorted(blocking(x).flatMap((q) => q.names));
  const reach = new Map<string, Set<string>>();
  for (const x of never) reach.set(x, reachFrom(x, succ));
  const reaches = (x: string, y: string) => (reach.get(x) as Set<string>).has(y);
  // SCC of x: x plus every y with x →* y and y →* x. A core when it holds a cycle.
  const cores: string[][] = [];
  const inCore = new Set<string>();
  for (const x of sorted(never)) {
    if (inCore.has(x)) continue;
    const scc = sorted([x, ...[...never].filter((y) => y !== x && reaches(x, y) && reaches(y, x))]);
    const cyclic = scc.length > 1 || succ(x).includes(x);
    if (!cyclic) continue;
    cores.push(scc);
    for (const y of scc) inCore.add(y);
  }
  return cores.map((members) => {
    const s = members[0] as string;
    const inside = new Set(members);
    const cycle = shortestPath(
      [[s]],
      (v) => succ(v).filter((w) => inside.has(w)),
      (p) => p.length > 1 && p[p.length - 1] === s,
      (p, w) => w === s || !p.includes(w),
    ) as string[];
    const impacted = sorted([...never].filter((y) => !inCore.has(y) && members.some((c) => reaches(y, c))));
    const locations: SourcePos[] = [];
    for (let i = 0; i + 1 < cycle.length; i++) {
      const from = cycle[i] as string;
      const to = cycle[i + 1] as string;
      const p = minPos(blocking(from).flatMap((q) => (q.pos.has(to) ? [q.pos.get(to) as SourcePos] : [])));
      if (p) locations.push(p);
    }
    return { members, cycle, impacted, locations };
  });
}

// ---------------------------------------------------------------------------------------------
// §3 rollback-needs-broken

export interface BruteCatch22 {
  service: string;
  /** X, c, …, X: the rollback step X ⇒ c, then runtime steps back to X. */
  path: string[];
  locations: SourcePos[];
  /** Every rollback requirement of X inside Down({X}), as sorted name lists. */
  requirements: string[][];
}

export function bruteCatch22For(m: BruteModel, x: string, within?: Set<string>): BruteCatch22 | undefined {
  const down = within ?? bruteDown(m, [x]);
  const inside = (m.rb.get(x) as Req[]).filter((q) => isSubset(q, down));
  if (inside.length === 0) return undefined;
  // Runtime steps Y → Z from a requirement of Y lying wholly inside Down({X}).
  const reasons = (y: string) => (m.rt.get(y) as Req[]).filter((q) => isSubset(q, down));
  const next = (y: string) => sorted(reasons(y).flatMap((q) => q.names));
  const starts = sorted(inside.flatMap((q) => q.names)).map((c) => [x, c]);
  const path = shortestPath(
    starts,
    next,
    (p) => p[p.length - 1] === x,
    (p, w) => w === x || !p.includes(w),
  );
  if (!path) throw new Error(`no witness for ${x}, although a rollback requirement lies inside Down`);
  const locations: SourcePos[] = [];
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1] as string;
    const to = path[i] as string;
    const reqs = i === 1 ? inside : reasons(from);
    const p = minPos(reqs.flatMap((q) => (q.pos.has(to) ? [q.pos.get(to) as SourcePos] : [])));
    if (p) locations.push(p);
  }
  return { service: x, path, locations, requirements: inside.map((q) => q.names) };
}

export function bruteCatch22s(m: BruteModel): BruteCatch22[] {
  const out: BruteCatch22[] = [];
  for (const x of m.services) {
    const c = bruteCatch22For(m, x);
    if (c) out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// All findings, in a comparable form

export interface BruteFinding {
  rule: string;
  services: string[];
  path: PathStep[];
  impacted: string[];
  missing?: string;
  locations: SourcePos[];
}

function steps(names: string[], firstKind: DependencyKind, restKind: DependencyKind): PathStep[] {
  const out: PathStep[] = [];
  for (let i = 1; i < names.length; i++) {
    out.push({ from: names[i - 1] as string, to: names[i] as string, kind: i === 1 ? firstKind : restKind });
  }
  return out;
}

export function bruteFindings(decls: readonly Declaration[]): BruteFinding[] {
  const m = bruteModel(decls);
  const out: BruteFinding[] = [];
  const declsOf = (name: string) => decls.filter((d) => d.name === name).sort((a, b) => comparePositions(a.pos, b.pos));

  // duplicate-service: one finding per name declared more than once, every location.
  for (const name of m.services) {
    const ds = declsOf(name);
    if (ds.length > 1) out.push({ rule: "duplicate-service", services: [name], path: [], impacted: [], locations: ds.map((d) => d.pos) });
  }

  // missing-dependency: one per (service, undeclared name), soft entries too; a runtime entry before a rollback one, then the first in source order.
  for (const name of m.services) {
    const occurrences: { missing: string; kind: DependencyKind; pos: SourcePos }[] = [];
    for (const d of declsOf(name)) {
      for (const e of [...d.runtime, ...(d.rollback ?? [])]) {
        e.names.forEach((n, i) => {
          if (!m.declared.has(n)) occurrences.push({ missing: n, kind: e.kind, pos: e.namePos[i] as SourcePos });
        });
      }
    }
    for (const missing of sorted(occurrences.map((o) => o.missing))) {
      const first = occurrences
        .filter((o) => o.missing === missing)
        .sort((a, b) => (a.kind === b.kind ? comparePositions(a.pos, b.pos) : a.kind === "runtime" ? -1 : 1))[0] as (typeof occurrences)[0];
      out.push({
        rule: "missing-dependency",
        services: [name],
        path: [{ from: name, to: missing, kind: first.kind }],
        impacted: [],
        missing,
        locations: [first.pos],
      });
    }
  }

  // runtime-cycle: one per core.
  for (const core of bruteCores(m)) {
    out.push({
      rule: "runtime-cycle",
      services: core.members,
      path: steps(core.cycle, "runtime", "runtime"),
      impacted: core.impacted,
      locations: core.locations,
    });
  }

  // rollback-needs-broken: one per X.
  for (const c of bruteCatch22s(m)) {
    out.push({
      rule: "rollback-needs-broken",
      services: [c.service],
      path: steps(c.path, "rollback", "runtime"),
      impacted: [],
      locations: c.locations,
    });
  }

  // rollback-undeclared: no declaration of X has a `rollback` key.
  for (const name of m.services) {
    const ds = declsOf(name);
    if (ds.every((d) => d.rollback === undefined)) {
      out.push({ rule: "rollback-undeclared", services: [name], path: [], impacted: [], locations: [(ds[0] as Declaration).pos] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// §4 drill

export interface BruteWave {
  rollback: string[];
  recovered: string[];
}

export interface BruteDrill {
  failed: string[];
  blastRadius: string[];
  waves: BruteWave[];
  stuck: string[];
  stuckRoots: string[];
  /** For each stuck root, its rollback requirements that lie inside Down(U) (sorted name lists). */
  blockedBy: { root: string; requirements: string[][] }[];
}

/** SPEC §4's loop, literally. */
export function bruteDrill(m: BruteModel, failed: Iterable<string>): BruteDrill {
  const all = new Set(m.services);
  const F = new Set(failed);
  let U = new Set(F);
  const waves: BruteWave[] = [];
  for (;;) {
    const D = bruteDown(m, U);
    const up = new Set([...all].filter((s) => !D.has(s)));
    const R = new Set([...U].filter((r) => (m.rb.get(r) ?? []).every((q) => meets(q, up))));
    if (R.size === 0) break;
    U = new Set([...U].filter((r) => !R.has(r)));
    const after = bruteDown(m, U);
    waves.push({ rollback: sorted(R), recovered: sorted([...D].filter((s) => !after.has(s) && !R.has(s))) });
  }
  const stuck = bruteDown(m, U);
  return {
    failed: sorted(F),
    blastRadius: sorted(bruteDown(m, F)),
    waves,
    stuck: sorted(stuck),
    stuckRoots: sorted(U),
    blockedBy: sorted(U).map((root) => ({
      root,
      requirements: (m.rb.get(root) ?? []).filter((q) => isSubset(q, stuck)).map((q) => q.names),
    })),
  };
}
