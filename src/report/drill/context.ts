// What every drill format receives: the estate, the compiled graph, the simulation result and the user's choices.
import type { DrillResult } from "../../drill/simulate.js";
import type { Compiled } from "../../graph/compiled.js";
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
    out.push({
      from: g.names[path[i - 1] as number] as string,
      to: g.names[path[i] as number] as string,
      kind: i === 1 ? "rollback" : "runtime",
    });
  }
  return out;
}

export function namesOf(g: Compiled, ids: readonly number[]): string[] {
  return ids.map((id) => g.names[id] as string);
}
