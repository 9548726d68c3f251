// fast-check arbitraries for random estates (SPEC §1–§2 shapes) as `Declaration[]`.
import fc from "fast-check";
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../src/model/types.js";

/**
 * A small alphabet so that random entries hit declared services, cycles and self-loops often.
 * Includes names that mean something to JavaScript objects, names with `/ - . :`, upper case
 * (sorts before lower case in plain string order) and a digit.
 */
export const ALPHABET = [
  "a",
  "b",
  "c",
  "B",
  "Z",
  "0",
  "a-1",
  "a/b",
  "a.b",
  "a:b",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "prototype",
  "valueOf",
] as const;

export interface RawEntry {
  anyOf: boolean;
  /** One name for a plain entry; 1–3 (possibly repeated) for an anyOf. */
  names: string[];
  soft: boolean;
}

export interface RawDecl {
  name: string;
  file: string;
  runtime: RawEntry[];
  /** undefined: no `rollback` key. */
  rollback: RawEntry[] | undefined;
  /** The `rollback` key is written before `runtime` (positions only). */
  rollbackFirst: boolean;
}

const FILES = ["a.yaml", "b.yaml", "c.yaml"];

/** How dense the random graphs are: dense ones are nearly all cycles, sparse ones give long chains. */
interface Profile {
  selfWeight: number;
  maxRuntime: number;
  /** Runtime entries mostly name the next services in declaration order: long cycles and chains. */
  ring: boolean;
}

function entryArb(self: string, declared: readonly string[], profile: Profile, ring: boolean): fc.Arbitrary<RawEntry> {
  const i = declared.indexOf(self);
  const next = [1, 1, 2].map((k) => declared[(i + k) % declared.length] as string);
  const name = fc.oneof(
    { weight: ring ? 2 : 10, arbitrary: fc.constantFrom(...declared) },
    { weight: ring ? 12 : 0, arbitrary: fc.constantFrom(...next) },
    { weight: profile.selfWeight, arbitrary: fc.constant(self) },
    { weight: 1, arbitrary: fc.constantFrom(...ALPHABET) },
  );
  return fc
    .tuple(fc.nat(2), fc.array(name, { minLength: 1, maxLength: 3 }), fc.nat(5))
    .map(([shape, names, soft]) =>
      shape === 2 ? { anyOf: true, names, soft: soft === 0 } : { anyOf: false, names: names.slice(0, 1), soft: soft === 0 },
    );
}

function declArb(name: string, declared: readonly string[], profile: Profile): fc.Arbitrary<RawDecl> {
  const entry = entryArb(name, declared, profile, profile.ring);
  const rollbackEntry = entryArb(name, declared, profile, false);
  return fc.record({
    name: fc.constant(name),
    file: fc.constantFrom(...FILES),
    runtime: fc.array(entry, { minLength: profile.ring ? 1 : 0, maxLength: profile.maxRuntime }),
    rollback: fc.option(fc.array(rollbackEntry, { maxLength: 3 }), { nil: undefined, freq: 4 }),
    rollbackFirst: fc.boolean(),
  });
}

/** 1–12 distinct declared names, 0–3 of them declared a second time, in a random density profile. */
export const rawEstateArb: fc.Arbitrary<RawDecl[]> = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 12 }),
    fc.array(fc.nat(11), { maxLength: 3 }),
    fc.record({ selfWeight: fc.constantFrom(0, 1, 2), maxRuntime: fc.integer({ min: 1, max: 4 }), ring: fc.boolean() }),
  )
  .chain(([declared, dupIndexes, profile]) => {
    const names = [...declared, ...dupIndexes.map((i) => declared[i % declared.length] as string)];
    return fc.tuple(...names.map((n) => declArb(n, declared, profile)));
  });

/** Positions in the order the declarations and entries are listed, per file (unique by construction). */
export function materialize(raw: readonly RawDecl[]): Declaration[] {
  const nextLine = new Map<string, number>();
  return raw.map((r) => {
    let line = nextLine.get(r.file) ?? 1;
    const pos: SourcePos = { file: r.file, line: line++, column: 7 };
    const entries = (kind: DependencyKind, list: RawEntry[]): Entry[] => {
      line++;
      return list.map((e) => {
        const l = line++;
        return {
          kind,
          names: e.names.slice(),
          anyOf: e.anyOf,
          soft: e.soft,
          namePos: e.names.map((_, i) => ({ file: r.file, line: l, column: 5 + 4 * i })),
        };
      });
    };
    let runtime: Entry[];
    let rollback: Entry[] | undefined;
    if (r.rollbackFirst) {
      rollback = r.rollback && entries("rollback", r.rollback);
      runtime = entries("runtime", r.runtime);
    } else {
      runtime = entries("runtime", r.runtime);
      rollback = r.rollback && entries("rollback", r.rollback);
    }
    nextLine.set(r.file, line + 1);
    const d: Declaration = { name: r.name, pos, runtime, origin: "catch22" };
    if (rollback) d.rollback = rollback;
    return d;
  });
}

export const estateArb: fc.Arbitrary<Declaration[]> = rawEstateArb.map(materialize);

/** A small seeded generator, so that a shuffle is part of the (shrinkable) counterexample. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The same estate written in another order: declarations, entries, the names of an anyOf, the
 * `runtime`/`rollback` keys and the files all reordered (positions follow the new order).
 */
export function reorder(raw: readonly RawDecl[], seed: number): RawDecl[] {
  const random = rng(seed);
  const files = shuffle(FILES, random);
  const fileMap = new Map(FILES.map((f, i) => [f, files[i] as string]));
  const entries = (list: RawEntry[]) => shuffle(list, random).map((e) => ({ ...e, names: shuffle(e.names, random) }));
  return shuffle(raw, random).map((r) => ({
    name: r.name,
    file: fileMap.get(r.file) as string,
    runtime: entries(r.runtime),
    rollback: r.rollback && entries(r.rollback),
    rollbackFirst: random() < 0.5,
  }));
}

/**
 * Larger, sparser estates (10–`max` services named s0, s1, …, so that plain string order is not
 * numeric order), for the graph algorithms and for reachability-filter corner cases.
 */
export function largeEstateArb(max = 40): fc.Arbitrary<Declaration[]> {
  return fc.integer({ min: 10, max }).chain((n) => {
    const names = Array.from({ length: n }, (_, i) => `s${i}`);
    const raw = names.map((self, i) => {
      const name = fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }).map((k) => names[(i + k) % n] as string) },
        { weight: 1, arbitrary: fc.constantFrom(...names) },
      );
      const entry = fc
        .tuple(fc.nat(3), fc.array(name, { minLength: 1, maxLength: 3 }), fc.nat(9))
        .map(
          ([shape, ns, soft]): RawEntry =>
            shape === 3 ? { anyOf: true, names: ns, soft: soft === 0 } : { anyOf: false, names: ns.slice(0, 1), soft: soft === 0 },
        );
      const rollbackName = fc.constantFrom(...names);
      const rollbackEntry = fc
        .tuple(fc.nat(3), fc.array(rollbackName, { minLength: 1, maxLength: 2 }))
        .map(([shape, ns]): RawEntry => ({ anyOf: shape === 3, names: shape === 3 ? ns : ns.slice(0, 1), soft: false }));
      return fc.record({
        name: fc.constant(self),
        file: fc.constant("big.yaml"),
        runtime: fc.array(entry, { maxLength: 2 }),
        rollback: fc.option(fc.array(rollbackEntry, { maxLength: 2 }), { nil: undefined, freq: 5 }),
        rollbackFirst: fc.constant(false),
      });
    });
    return fc.tuple(...raw).map(materialize);
  });
}
