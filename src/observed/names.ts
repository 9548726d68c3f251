// Maps observed names to declared services (SPEC §7 "Names"): exact name, else an alias, else the first
// matching `observed.names` rewrite rule, its result mapped again as a name or alias; else none.
import type { Diagnostic, SourcePos } from "../model/types.js";
import { closest } from "../util/did-you-mean.js";
import type { FileReading } from "./types.js";

/** A declared service as the mapping sees it. */
export interface DeclaredNames {
  name: string;
  aliases: readonly string[];
}

/** One `observed.names` rule as written in the config; `pos` locates an invalid regular expression. */
export interface NameRule {
  match: string;
  to: string;
  pos?: SourcePos;
}

export interface CompiledNameRule {
  match: RegExp;
  to: string;
}

/** What an observed name maps to. */
export type NameResolution = { kind: "service"; service: string } | { kind: "none" } | { kind: "ambiguous"; services: [string, string] };

/** Compiles the rules in order; an invalid regular expression is a diagnostic at the rule (SPEC: exit 2 at its line). */
export function compileNameRules(rules: readonly NameRule[]): { rules: CompiledNameRule[]; diagnostics: Diagnostic[] } {
  const out: CompiledNameRule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of rules) {
    try {
      out.push({ match: new RegExp(r.match), to: r.to });
    } catch (e) {
      const pos = r.pos ?? { file: "", line: 0, column: 0 };
      diagnostics.push({
        ...pos,
        message: `observed.names: invalid regular expression ${JSON.stringify(r.match)}: ${(e as Error).message}`,
      });
    }
  }
  return { rules: out, diagnostics };
}

/** The mapping of SPEC §7 over a fixed estate and rule list; resolutions are cached per name. */
export class ObservedNames {
  private readonly declared = new Set<string>();
  /** Alias → the services listing it, sorted (two or more: ambiguous). */
  private readonly aliasOwners = new Map<string, string[]>();
  private readonly cache = new Map<string, NameResolution>();

  constructor(
    services: readonly DeclaredNames[],
    private readonly rules: readonly CompiledNameRule[] = [],
  ) {
    for (const s of services) this.declared.add(s.name);
    for (const s of services) {
      for (const a of s.aliases) {
        const owners = this.aliasOwners.get(a) ?? [];
        if (!owners.includes(s.name)) owners.push(s.name);
        this.aliasOwners.set(a, owners);
      }
    }
    for (const owners of this.aliasOwners.values()) owners.sort();
  }

  /** A name or an alias, no rules. */
  private direct(name: string): NameResolution {
    if (this.declared.has(name)) return { kind: "service", service: name };
    const owners = this.aliasOwners.get(name);
    if (owners === undefined) return { kind: "none" };
    if (owners.length > 1) return { kind: "ambiguous", services: [owners[0] as string, owners[1] as string] };
    return { kind: "service", service: owners[0] as string };
  }

  resolve(name: string): NameResolution {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    let r = this.direct(name);
    if (r.kind === "none") {
      const rule = this.rules.find((x) => x.match.test(name));
      if (rule !== undefined) {
        // A fresh RegExp, as SPEC writes it: a /g or /y flag on the tested one would carry lastIndex over.
        r = this.direct(name.replace(new RegExp(rule.match.source, rule.match.flags), rule.to));
      }
    }
    this.cache.set(name, r);
    return r;
  }

  /** Declared names and aliases, each with the service it stands for, for "did you mean". */
  candidates(): Map<string, string> {
    const out = new Map<string, string>();
    for (const n of this.declared) out.set(n, n);
    for (const [a, owners] of this.aliasOwners) if (!out.has(a)) out.set(a, owners[0] as string);
    return out;
  }
}

/** An observed edge between two declared services after mapping (never X → X), with calls added up over files. */
export interface MappedEdge {
  from: string;
  to: string;
  calls: number | null;
  /** The files that show it, in the order given. */
  observedIn: string[];
}

/** An observed name that maps to no declared service, with the calls of the edges to and from it. */
export interface UnknownName {
  name: string;
  calls: number | null;
  observedIn: string[];
  /** Where it was first seen (line 0 where the format has no lines). */
  first: { file: string; line: number };
}

export interface MappedTraffic {
  edges: MappedEdge[];
  unknown: UnknownName[];
  /** Observed names that map to two services: input errors (SPEC §7). */
  diagnostics: Diagnostic[];
}

/** The value at `key`, created by `make` when absent. */
export function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

const addCalls = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/**
 * Maps the edges of the files read (in the order given) to declared services: edges between declared
 * services are added up per (from, to); self-edges after mapping are dropped; names that map to none are
 * collected with their calls, and the traffic to or from them is left out of `edges`.
 */
export function mapObservedTraffic(readings: readonly Pick<FileReading, "file" | "edges">[], names: ObservedNames): MappedTraffic {
  const edges = new Map<string, Map<string, MappedEdge>>();
  const unknown = new Map<string, UnknownName>();
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const noteFile = (list: string[], file: string): void => {
    if (list[list.length - 1] !== file && !list.includes(file)) list.push(file);
  };
  for (const { file, edges: fileEdges } of readings) {
    for (const e of fileEdges) {
      if (e.from === e.to) continue;
      const ends = [e.from, e.to].map((n) => ({ name: n, r: names.resolve(n) }));
      let bad = false;
      for (const { name, r } of ends) {
        if (r.kind !== "ambiguous") continue;
        bad = true;
        if (reported.has(name)) continue;
        reported.add(name);
        diagnostics.push({
          file,
          line: e.line ?? 0,
          column: 0,
          message: `observed name "${name}" maps to two services, ${r.services[0]} and ${r.services[1]}`,
        });
      }
      if (bad) continue;
      const [a, b] = ends as [{ name: string; r: NameResolution }, { name: string; r: NameResolution }];
      if (a.r.kind === "service" && b.r.kind === "service") {
        if (a.r.service === b.r.service) continue;
        const row = entry(edges, a.r.service, () => new Map<string, MappedEdge>());
        const m = row.get(b.r.service);
        if (m === undefined) row.set(b.r.service, { from: a.r.service, to: b.r.service, calls: e.calls, observedIn: [file] });
        else {
          m.calls = addCalls(m.calls, e.calls);
          noteFile(m.observedIn, file);
        }
        continue;
      }
      for (const { name, r } of ends) {
        if (r.kind !== "none") continue;
        const u = unknown.get(name);
        if (u === undefined) unknown.set(name, { name, calls: e.calls, observedIn: [file], first: { file, line: e.line ?? 0 } });
        else {
          u.calls = addCalls(u.calls, e.calls);
          noteFile(u.observedIn, file);
        }
      }
    }
  }
  const sortedEdges: MappedEdge[] = [];
  for (const from of [...edges.keys()].sort()) {
    const row = edges.get(from)!;
    for (const to of [...row.keys()].sort()) sortedEdges.push(row.get(to)!);
  }
  return {
    edges: sortedEdges,
    unknown: [...unknown.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
    diagnostics,
  };
}

/** The declared name or alias closest to an unknown observed name, tried whole, then without its namespace and version. */
export function suggestFor(name: string, names: ObservedNames): { candidate: string; service: string } | undefined {
  const candidates = names.candidates();
  const tail = name.slice(name.lastIndexOf("/") + 1);
  const bare = tail.replace(/(@[^@]*|-v\d+)$/, "");
  for (const word of [name, tail, bare]) {
    if (word === "") continue;
    const hit = candidates.has(word) && word !== name ? word : closest(word, candidates.keys());
    if (hit !== undefined) return { candidate: hit, service: candidates.get(hit) as string };
  }
  return undefined;
}
