// What every drill format receives: the estate, the compiled graph, the simulation result and the user's choices.
import type { DrillResult } from "../../drill/simulate.js";
import { type Compiled, isObservedStep } from "../../graph/compiled.js";
import type { PathStep } from "../../model/types.js";

export interface DrillContext {
  graph: Compiled;
  result: DrillResult;
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

export function namesOf(g: Compiled, ids: readonly number[]): string[] {
  return ids.map((id) => g.names[id] as string);
}
