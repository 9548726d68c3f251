// The contract of an estate shape: what the table in ./index.ts holds for each one.
import type { GeneratedFile, Group } from "../model.js";
import type { Rng } from "../random.js";

export interface ShapeDef<Id extends string = string> {
  id: Id;
  /** One paragraph for --help and the docs: what the estate looks like and which findings it plants. */
  description: string;
  /** Smallest number of services the shape can be built with. */
  minServices: number;
  /** Exactly `services` services, in folders; draws from `rng` in a fixed order, so a seed gives one estate. */
  generate(services: number, rng: Rng): Group[];
  /** How the groups are written; default catch22 YAML (src/bench/yaml.ts). */
  emit?(groups: Group[], docsPerFile: number, rng: Rng): GeneratedFile[];
  /** When set, the bench also times `drill --fail <pattern>` on this shape. */
  drill?: string;
  /** When true, the bench also times `check --format html` on this shape (the web view's model reads every entry's every name). */
  html?: boolean;
  /**
   * When true, the bench also times the bare search for the same pairs (../bare-search.ts): on a shape where every
   * service is a catch-22, the cost of one shortest witness each that no implementation of SPEC §3 can skip.
   */
  bare?: boolean;
}

/** Keeps the id's literal type, so that the table's ids make the `Shape` union. */
export const defineShape = <const Id extends string>(def: ShapeDef<Id>): ShapeDef<Id> => def;
