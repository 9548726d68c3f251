// The values the fast manifest path builds, as the full path's readers build them (src/load/manifest.ts, src/load/fields.ts).

import type { Recovery } from "../../model/facts.js";
import type { Declaration, DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { DURATION } from "../fields.js";
import { Bail } from "./cursor.js";

/** How the fast path reads each service fact (SERVICE_FACTS' types): a key missing here leaves the file to the full path. */
export const FACT_READERS: Record<string, "text" | "label" | "tier" | "name" | "names" | "duration" | "recovery" | "provides"> = {
  description: "text",
  owner: "label",
  system: "label",
  tier: "tier",
  zone: "name",
  region: "name",
  aliases: "names",
  rto: "duration",
  recovery: "recovery",
  provides: "provides",
};

/** A `recovery` flow mapping's pairs as readRecovery reads them: `rollback` then `start`, each a duration, no other key. */
export function recovery(pairs: readonly string[]): Recovery {
  let rollback: number | undefined;
  let start: number | undefined;
  for (let k = 0; k < pairs.length; k += 2) {
    const seconds = duration(pairs[k + 1] as string);
    if (pairs[k] === "rollback" && rollback === undefined) rollback = seconds;
    else if (pairs[k] === "start" && start === undefined) start = seconds;
    else throw new Bail();
  }
  const out: Recovery = {};
  if (rollback !== undefined) out.rollback = rollback;
  if (start !== undefined) out.start = start;
  return out;
}

/** Seconds of a duration (a text the core schema reads as text: every DURATION match is). */
export function duration(v: string): number {
  const m = DURATION.exec(v);
  if (!m) throw new Bail();
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * The first `n` items of `list` as an array of exactly that size. Up to four from an array literal:
 * V8 learns that what a literal makes is kept (an estate's lists live as long as it does) and makes
 * it in the old generation, where no young collection copies it; a slice's copy has no such site.
 */
export function exact<T>(list: readonly T[], n: number): T[] {
  switch (n) {
    case 0:
      return [];
    case 1:
      return [list[0] as T];
    case 2:
      return [list[0] as T, list[1] as T];
    case 3:
      return [list[0] as T, list[1] as T, list[2] as T];
    case 4:
      return [list[0] as T, list[1] as T, list[2] as T, list[3] as T];
    default:
      return list.slice(0, n);
  }
}

/** An entry's further positions when it has none. */
const NO_MORE: readonly number[] = Object.freeze([]);

/**
 * A plain entry (one name, hard, no note) as the fast path reads nine in ten, its position kept as numbers and
 * `namePos` made when read. A `[{file, line, column}]` per entry was half the estate's live heap (two objects,
 * 150 bytes, 450,000 times at 100,000 services, and ~300 MB of the peak at a million), and only findings and
 * views ever read one. Each read makes a new list, so positions compare by value (comparePos), never by
 * identity. `toJSON` writes the entry as the object literal it stands for; the private fields stay out of a spread.
 */
class PlainEntry implements Entry {
  // `declare`: no field definitions ahead of the constructor, which would set the keys in another order.
  declare kind: DependencyKind;
  declare names: readonly string[];
  declare anyOf: boolean;
  declare soft: boolean;
  readonly #file: string;
  readonly #line: number;
  readonly #column: number;
  constructor(kind: DependencyKind, names: readonly string[], anyOf: boolean, soft: boolean, file: string, line: number, column: number) {
    this.kind = kind;
    this.names = names;
    this.anyOf = anyOf;
    this.soft = soft;
    this.#file = file;
    this.#line = line;
    this.#column = column;
  }
  get namePos(): SourcePos[] {
    return [this.at(this.#line, this.#column)];
  }
  protected at(line: number, column: number): SourcePos {
    return { file: this.#file, line, column };
  }
  toJSON(): Entry {
    return { kind: this.kind, names: this.names, anyOf: this.anyOf, soft: this.soft, namePos: this.namePos };
  }
}

/**
 * Any other entry the fast path reads but an `api` one: soft, with a note, or an `anyOf`, whose further names'
 * (line, column) pairs are in `more` (none by default). A class of its own, so that a plain entry has no slots for these.
 */
export class MappedEntry extends PlainEntry {
  declare note?: string;
  readonly #more: readonly number[];
  /** The list once made: callers read one position per name of an anyOf, and a fresh list each time was quadratic. */
  #pos: SourcePos[] | undefined;
  constructor(
    kind: DependencyKind,
    names: readonly string[],
    anyOf: boolean,
    soft: boolean,
    note: string | undefined,
    file: string,
    line: number,
    column: number,
    more: readonly number[] = NO_MORE,
  ) {
    super(kind, names, anyOf, soft, file, line, column);
    if (note !== undefined) this.note = note;
    this.#more = more;
  }
  override get namePos(): SourcePos[] {
    if (this.#pos !== undefined) return this.#pos;
    const out = super.namePos;
    const more = this.#more;
    for (let k = 0; k < more.length; k += 2) out.push(this.at(more[k] as number, more[k + 1] as number));
    this.#pos = out;
    return out;
  }
  override toJSON(): Entry {
    const e = super.toJSON();
    if (this.note !== undefined) e.note = this.note;
    return e;
  }
}

export function plainEntry(kind: DependencyKind, names: readonly string[], file: string, line: number, column: number): Entry {
  return new PlainEntry(kind, names, false, false, file, line, column);
}

/** Stands for `runtime` until the declaration is built: most services write one, so none is allocated before. */
const NO_ENTRIES: Entry[] = [];

/**
 * The keys of one service mapping as read, in written order, until its declaration is built
 * (reused from mapping to mapping, so that a key costs no object).
 */
export class Facts {
  name: string | undefined;
  pos: SourcePos | undefined;
  count = 0;
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];

  reset(): void {
    this.name = undefined;
    this.pos = undefined;
    this.count = 0;
  }

  add(key: string, value: unknown): void {
    this.keys[this.count] = key;
    this.values[this.count] = value;
    this.count++;
  }

  /**
   * The declaration readService builds: `name`, `pos`, `runtime` and `origin`, then each key in
   * written order (`runtime` keeps its place). One literal per count of keys, the keys computed: V8
   * lays out every key in the object itself, not in a property store added beside it, and makes
   * what a literal makes in the old generation once it sees it kept. A mapping without `name` is given up.
   */
  declaration(): Declaration {
    const { name, pos } = this;
    if (name === undefined || pos === undefined) throw new Bail();
    const k = this.keys;
    const v = this.values;
    const runtime = NO_ENTRIES;
    const origin = "catch22";
    let d: Record<string, unknown>;
    switch (this.count) {
      case 0:
        d = { name, pos, runtime, origin };
        break;
      case 1:
        d = { name, pos, runtime, origin, [k[0] as string]: v[0] };
        break;
      case 2:
        d = { name, pos, runtime, origin, [k[0] as string]: v[0], [k[1] as string]: v[1] };
        break;
      case 3:
        d = { name, pos, runtime, origin, [k[0] as string]: v[0], [k[1] as string]: v[1], [k[2] as string]: v[2] };
        break;
      case 4:
        d = { name, pos, runtime, origin, [k[0] as string]: v[0], [k[1] as string]: v[1], [k[2] as string]: v[2], [k[3] as string]: v[3] };
        break;
      case 5:
        d = {
          name,
          pos,
          runtime,
          origin,
          [k[0] as string]: v[0],
          [k[1] as string]: v[1],
          [k[2] as string]: v[2],
          [k[3] as string]: v[3],
          [k[4] as string]: v[4],
        };
        break;
      case 6:
        d = {
          name,
          pos,
          runtime,
          origin,
          [k[0] as string]: v[0],
          [k[1] as string]: v[1],
          [k[2] as string]: v[2],
          [k[3] as string]: v[3],
          [k[4] as string]: v[4],
          [k[5] as string]: v[5],
        };
        break;
      case 7:
        d = {
          name,
          pos,
          runtime,
          origin,
          [k[0] as string]: v[0],
          [k[1] as string]: v[1],
          [k[2] as string]: v[2],
          [k[3] as string]: v[3],
          [k[4] as string]: v[4],
          [k[5] as string]: v[5],
          [k[6] as string]: v[6],
        };
        break;
      case 8:
        d = {
          name,
          pos,
          runtime,
          origin,
          [k[0] as string]: v[0],
          [k[1] as string]: v[1],
          [k[2] as string]: v[2],
          [k[3] as string]: v[3],
          [k[4] as string]: v[4],
          [k[5] as string]: v[5],
          [k[6] as string]: v[6],
          [k[7] as string]: v[7],
        };
        break;
      default:
        d = { name, pos, runtime, origin };
        for (let i = 0; i < this.count; i++) d[k[i] as string] = v[i];
    }
    if (d.runtime === NO_ENTRIES) d.runtime = [];
    return d as unknown as Declaration;
  }
}
