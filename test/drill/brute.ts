// A naive reading of SPEC §2 and §4 for the drill's property tests: names and plain sets, fixpoints by repetition.
//
// Written apart from src/ (and from test/reference/brute.ts) so that a misreading of the SPEC
// has to be made twice, independently, to go unnoticed. Small estates only.
import type { Declaration, SourcePos } from "../../src/model/types.js";

interface Req {
  /** Sorted, without repeats. */
  names: string[];
  /** Where each name is written in the declaring entry (its first occurrence). */
  pos: Map<string, SourcePos>;
}

export interface Model {
  names: string[];
  rt: Map<string, Req[]>;
  rb: Map<string, Req[]>;
}

export interface NamedChain {
  path: string[];
  locations: string[];
}

export interface NamedDrill {
  failed: string[];
  blastRadius: string[];
  waves: { rollback: string[]; recovered: string[] }[];
  stuckRoots: string[];
  stuck: string[];
  blocked: { root: string; requirements: { services: string[]; witness: NamedChain; alternatives: NamedChain[] }[] }[];
}

const sortNames = (list: Iterable<string>) => [...new Set(list)].sort();
const at = (p: SourcePos) => `${p.file}:${p.line}:${p.column}`;

function earlier(a: SourcePos, b: SourcePos): boolean {
  if (a.file !== b.file) return a.file < b.file;
  if (a.line !== b.line) return a.line < b.line;
  return a.column < b.column;
}

/** Shorter first, then the names along the path, one by one. */
function better(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string);
  return false;
}

export function model(decls: readonly Declaration[]): Model {
  const declared = new Set(decls.map((d) => d.name));
  const rt = new Map<string, Req[]>();
  const rb = new Map<string, Req[]>();
  for (const n of declared) {
    rt.set(n, []);
    rb.set(n, []);
  }
  for (const d of decls) {
    const add = (into: Req[], entries: Declaration["runtime"]) => {
      for (const e of entries) {
        if (e.soft || !e.names.every((n) => declared.has(n))) continue;
        const pos = new Map<string, SourcePos>();
        e.names.forEach((n, i) => {
          if (!pos.has(n)) pos.set(n, e.namePos[i] as SourcePos);
        });
        into.push({ names: sortNames(e.names), pos });
      }
    };
    add(rt.get(d.name) as Req[], d.runtime);
    add(rb.get(d.name) as Req[], d.rollback ?? []);
  }
  return { names: sortNames(declared), rt, rb };
}

export function down(m: Model, failed: Iterable<string>): Set<string> {
  const D = new Set(failed);
  for (let changed = true; changed; ) {
    changed = false;
    for (const x of m.names) {
      if (D.has(x)) continue;
      if ((m.rt.get(x) as Req[]).some((q) => q.names.every((n) => D.has(n)))) {
        D.add(x);
        changed = true;
      }
    }
  }
  return D;
}

export function drill(m: Model, failed: readonly string[]): NamedDrill {
  let U = new Set(failed);
  const blastRadius = down(m, U);
  const waves: NamedDrill["waves"] = [];
  for (;;) {
    const D = down(m, U);
    const R = [...U].filter((r) => (m.rb.get(r) as Req[]).every((q) => q.names.some((n) => !D.has(n))));
    if (R.length === 0) break;
    U = new Set([...U].filter((r) => !R.includes(r)));
    const after = down(m, U);
    waves.push({ rollback: sortNames(R), recovered: sortNames([...D].filter((v) => !after.has(v) && !R.includes(v))) });
  }
  const D = down(m, U);
  return {
    failed: sortNames(failed),
    blastRadius: sortNames(blastRadius),
    waves,
    stuckRoots: sortNames(U),
    stuck: sortNames(D),
    blocked: sortNames(U).map((root) => ({ root, requirements: blocking(m, D, U, root) })),
  };
}

function blocking(m: Model, D: Set<string>, U: Set<string>, root: string): NamedDrill["blocked"][number]["requirements"] {
  const inside = (q: Req) => q.names.every((n) => D.has(n));
  // Runtime steps to the nearest root of U, through requirements wholly inside D.
  const dist = new Map<string, number>();
  for (const u of U) dist.set(u, 0);
  for (let changed = true; changed; ) {
    changed = false;
    for (const y of D) {
      for (const q of m.rt.get(y) as Req[]) {
        if (!inside(q)) continue;
        for (const z of q.names) {
          const dz = dist.get(z);
          if (dz !== undefined && (dist.get(y) ?? Number.POSITIVE_INFINITY) > dz + 1) {
            dist.set(y, dz + 1);
            changed = true;
          }
        }
      }
    }
  }
  const bestTail = (v: string): string[] => {
    const dv = dist.get(v) as number;
    if (dv === 0) return [v];
    let best: string[] | undefined;
    for (const q of m.rt.get(v) as Req[]) {
      if (!inside(q)) continue;
      for (const z of q.names) {
        if (dist.get(z) !== dv - 1) continue;
        const p = [v, ...bestTail(z)];
        if (!best || better(p, best)) best = p;
      }
    }
    return best as string[];
  };
  const locate = (path: string[], members: string[]): string[] => {
    const out: string[] = [];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] as string;
      const to = path[i] as string;
      let best: SourcePos | undefined;
      const candidates =
        i === 1
          ? (m.rb.get(from) as Req[]).filter((q) => q.names.join("\n") === members.join("\n"))
          : (m.rt.get(from) as Req[]).filter(inside);
      for (const q of candidates) {
        const p = q.pos.get(to);
        if (p && (!best || earlier(p, best))) best = p;
      }
      out.push(at(best as SourcePos));
    }
    return out;
  };
  const seen = new Set<string>();
  const out: NamedDrill["blocked"][number]["requirements"] = [];
  for (const q of m.rb.get(root) as Req[]) {
    const key = q.names.join("\n");
    if (!inside(q) || seen.has(key)) continue;
    seen.add(key);
    const chains = q.names.map((c) => {
      const path = [root, ...bestTail(c)];
      return { path, locations: locate(path, q.names) };
    });
    let witness = chains[0] as NamedChain;
    for (const c of chains) if (better(c.path, witness.path)) witness = c;
    out.push({ services: q.names, witness, alternatives: q.names.length > 1 ? chains : [] });
  }
  return out.sort((a, b) => {
    const n = Math.min(a.services.length, b.services.length);
    for (let i = 0; i < n; i++) if (a.services[i] !== b.services[i]) return (a.services[i] as string) < (b.services[i] as string) ? -1 : 1;
    return a.services.length - b.services.length;
  });
}
