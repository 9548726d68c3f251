// Seeded, deterministic generator of synthetic estates (YAML manifest files) for benchmarks and scale tests.
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "./model.js";
import { seedRng } from "./random.js";
import { DEFAULT_SHAPE, findShape, MIN_SERVICES, SHAPES, type Shape } from "./shapes/index.js";
import { emitGroups } from "./yaml.js";

export type { GeneratedFile } from "./model.js";
export { MIN_SERVICES, SHAPES, type Shape };

export interface GenerateOptions {
  /** Exact number of services declared in the estate. */
  services: number;
  seed: number;
  /** One of `SHAPES` (see src/bench/shapes/ for what each looks like); default realistic. */
  shape?: Shape;
  /** Documents (or ServiceList items) per file; default 50. */
  docsPerFile?: number;
}

export function generateEstate(opts: GenerateOptions): GeneratedFile[] {
  const shape: Shape = opts.shape ?? DEFAULT_SHAPE;
  const def = findShape(shape);
  if (!def) throw new RangeError(`unknown shape "${String(shape)}" (expected ${SHAPES.join(", ")})`);
  const n = opts.services;
  if (!Number.isSafeInteger(n) || n < def.minServices) {
    throw new RangeError(`services must be an integer >= ${def.minServices} for shape ${shape}, got ${n}`);
  }
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const docsPerFile = opts.docsPerFile ?? 50;
  if (!Number.isSafeInteger(docsPerFile) || docsPerFile < 1) {
    throw new RangeError(`docsPerFile must be a positive integer, got ${docsPerFile}`);
  }
  // one sequence for the shape and then the file layout, so that a seed fixes every byte
  const rng = seedRng(opts.seed);
  return (def.emit ?? emitGroups)(def.generate(n, rng), docsPerFile, rng);
}

/** Writes the files under `dir` (created as needed). */
export async function writeEstate(dir: string, files: GeneratedFile[]): Promise<void> {
  const dirs = new Set<string>();
  for (const f of files) dirs.add(dirname(join(dir, ...f.path.split("/"))));
  for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
  const width = 32;
  for (let i = 0; i < files.length; i += width) {
    await Promise.all(files.slice(i, i + width).map((f) => writeFile(join(dir, ...f.path.split("/")), f.text)));
  }
}

/**
 * The estate of `services` services of `shape`, seed 1, in `cache`: written once, and marked complete only when
 * every file is (a run stopped halfway leaves no marker, so the next writes it again). Every bench reads this cache.
 */
export async function cachedEstate(cache: string, services: number, shape: Shape = DEFAULT_SHAPE): Promise<string> {
  const dir = join(cache, `${shape}-${services}-seed1`);
  if (!existsSync(join(dir, ".complete"))) {
    await rm(dir, { recursive: true, force: true });
    await writeEstate(dir, generateEstate({ services, seed: 1, shape }));
    await writeFile(join(dir, ".complete"), "");
  }
  return dir;
}
