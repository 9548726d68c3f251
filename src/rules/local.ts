// rollback-needs-broken and shared-fate as `serve` runs them: the findings of services an edit cannot have changed reused (src/rules/reuse.ts).
import { findSharedFate } from "../graph/shared-fate.js";
import { catch22sAt } from "./catch22-local.js";
import { describe as describeCatch22, rollbackNeedsBroken } from "./rollback-needs-broken.js";
import type { Rule } from "./rule.js";
import { describe as describeSharedFate, sharedFate } from "./shared-fate.js";

/** X's catch-22 lies in Down({X}): among the services that reach X, so changed with what a changed service reaches. */
export const localRollbackNeedsBroken: Rule = {
  meta: rollbackNeedsBroken.meta,
  run(input) {
    const { reuse, graph } = input;
    if (!reuse) return rollbackNeedsBroken.run(input);
    return reuse.local(
      input,
      rollbackNeedsBroken.meta.id,
      "dependencies",
      () => rollbackNeedsBroken.run(input),
      (xs) => catch22sAt(graph, xs).map((w) => describeCatch22(graph, w)),
    );
  },
};

/** X's shared fates lie below its `anyOf` members: changed with what reaches a changed service, or with a changed zone. */
export const localSharedFate: Rule = {
  meta: sharedFate.meta,
  run(input) {
    const { reuse, graph, estate } = input;
    if (!reuse) return sharedFate.run(input);
    return reuse.local(
      input,
      sharedFate.meta.id,
      "dependents",
      () => sharedFate.run(input),
      (xs) => {
        const zones = estate.services.map((s) => s.zone);
        return findSharedFate(graph, zones, xs).map((f) => describeSharedFate(graph, f));
      },
      true,
    );
  },
};
