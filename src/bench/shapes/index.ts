// The table of estate shapes: the one list the generator, its CLI's --shape choices and the bench read.
import { chainShape } from "./chain.js";
import { cycleShape } from "./cycle.js";
import { distinctRollbackShape } from "./distinct-rollback.js";
import { giantSccShape } from "./giant-scc.js";
import { giantSccBackstageShape } from "./giant-scc-backstage.js";
import { hubCatch22Shape } from "./hub-catch22.js";
import { mirrorChainShape } from "./mirror-chain.js";
import { realisticShape } from "./realistic.js";
import { realisticApiShape } from "./realistic-api.js";
import { realisticZonesShape } from "./realistic-zones.js";
import { rollbackChainShape } from "./rollback-chain.js";
import type { ShapeDef } from "./shape.js";
import { starShape } from "./star.js";
import { wideAnyOfShape, wideRuntimeShape } from "./wide.js";

export type { ShapeDef } from "./shape.js";

/** In the order --help lists them; the first is the default. */
export const shapes = [
  realisticShape,
  starShape,
  chainShape,
  cycleShape,
  distinctRollbackShape,
  realisticZonesShape,
  realisticApiShape,
  // the super-linear inputs of issue 14, each kept near-linear by algorithm
  giantSccShape,
  giantSccBackstageShape,
  mirrorChainShape,
  wideAnyOfShape,
  wideRuntimeShape,
  rollbackChainShape,
  hubCatch22Shape,
] as const;

export type Shape = (typeof shapes)[number]["id"];

export const SHAPES: readonly Shape[] = shapes.map((s) => s.id);

export const DEFAULT_SHAPE: Shape = shapes[0].id;

/** Smallest `services` each shape accepts. */
export const MIN_SERVICES: Readonly<Record<Shape, number>> = Object.fromEntries(shapes.map((s) => [s.id, s.minServices])) as Record<
  Shape,
  number
>;

export function findShape(id: string): ShapeDef<Shape> | undefined {
  return shapes.find((s) => s.id === id);
}
