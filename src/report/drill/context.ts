// What every drill format receives: the estate, the compiled graph, the simulation result, its timing and the user's choices.
import type { ColdResult } from "../../drill/cold.js";
import type { DrillResult } from "../../drill/simulate.js";
import type { DrillTiming } from "../../drill/timing.js";
import { type Compiled, isObservedStep } from "../../graph/compiled.js";
import type { PathStep } from "../../model/types.js";

/** A warm drill (SPEC §4). */
export interface DrillContext {
  graph: Compiled;
  result: DrillResult;
  /** Wave end times, recovery time and RTOs (SPEC §4.3). */
  timing: DrillTiming;
  /** The services brought back that a cold start could not bring back (src/drill/warm-only.ts), sorted ids. */
  warmOnly: number[];
  color: boolean;
}

/** A cold drill (SPEC §4.2). */
export interface ColdDrillContext {
  graph: Compiled;
  result: ColdResult;
  timing: DrillTiming;
  color: boolean;
}

/** A witness path of ids (root ⇒ c → …) as path steps. */
export function steps(g: Compiled, path: readonly number[]): PathStep[] {
  const out: PathStep[] = [];
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1] as number;
    const to = path[i] as number;
    const step: PathStep = { from: g.names[from] as string, to: g.names[to] as string, kind: i === 1 ? "rollback" : "runtime" };
    if (i > 1 && isObservedStep(g, from, to)) step.observed = true;
    out.push(step);
  }
  return out;
}

/** A cycle of runtime requirements (a core's witness) as path steps. */
export function runtimeSteps(g: Compiled, path: readonly number[]): PathStep[] {
  const out: PathStep[] = [];
  for (let i = 1; i < path.length; i++) {
    out.push({ from: g.names[path[i - 1] as number] as string, to: g.names[path[i] as number] as string, kind: "runtime" });
  }
  return out;
}

export function namesOf(g: Compiled, ids: readonly number[]): string[] {
  return ids.map((id) => g.names[id] as string);
}
