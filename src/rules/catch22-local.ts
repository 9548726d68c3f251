// rollback-needs-broken for a few services (`serve` after an edit, src/rules/reuse.ts): each one's catch-22 from walks around it, no whole-estate filter.
import type { Compiled } from "../graph/compiled.js";
import { DownSet } from "../graph/down.js";
import { scratchOf } from "../graph/scratch.js";
import { WitnessFinder } from "../graph/witness.js";
import { PairWitness } from "../graph/witness-pair.js";
import { type Catch22, candidatesOf, catch22In } from "./rollback-needs-broken.js";

/**
 * The catch-22s of `xs` (ascending ids), the same as `findCatch22s` finds for them. For each X: the
 * members c of its rollback requirements that reach X (a walk from c, stopped at X; c ∈ Down({X}) only
 * if c reaches X), kept when a whole requirement's do; then Down({X}) propagated into what those reach
 * (exact for every service they reach: a chain that takes c down runs through services c reaches), as
 * findCatch22s does with a looser filter, and the same witness search.
 */
export function catch22sAt(g: Compiled, xs: readonly number[]): Catch22[] {
  const { runtime } = g;
  const scratch = scratchOf(g);
  const seen = scratch.int32(g.n);
  let stamp = 0;
  const queue: number[] = [];
  /** Marks what the sources reach with a new stamp; stops early (true) when `goal` is reached. */
  const walk = (sources: readonly number[], goal = -1): boolean => {
    stamp++;
    queue.length = 0;
    for (const s of sources) {
      if (seen[s] === stamp) continue;
      seen[s] = stamp;
      queue.push(s);
    }
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h] as number;
      if (v === goal) return true;
      const to = runtime.memberStart[runtime.start[v + 1] as number] as number;
      for (let m = runtime.memberStart[runtime.start[v] as number] as number; m < to; m++) {
        const w = runtime.members[m] as number;
        if (seen[w] !== stamp) {
          seen[w] = stamp;
          queue.push(w);
        }
      }
    }
    return false;
  };
  const d = new DownSet(g);
  const witnesses = new WitnessFinder(g);
  const pair = new PairWitness(g);
  const out: Catch22[] = [];
  for (const x of xs) {
    const targets = candidatesOf(g, x, (c, goal) => walk([c], goal));
    if (targets.length === 0) continue;
    walk(targets);
    const admitted = stamp;
    d.add([x], (w) => seen[w] === admitted);
    pair.bind(d);
    const found = catch22In(g, d, witnesses, x, pair);
    d.reset();
    if (found) out.push(found);
  }
  d.give();
  witnesses.give();
  pair.give();
  scratch.give(seen);
  return out;
}
