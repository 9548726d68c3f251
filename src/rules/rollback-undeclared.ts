// rollback-undeclared: a service with no `rollback` key, whose recovery is therefore unknown (SPEC §3).
import type { Declaration } from "../model/types.js";
import type { RawFinding, Rule } from "./rule.js";

export const rollbackUndeclared: Rule = {
  meta: {
    id: "rollback-undeclared",
    defaultSeverity: "info",
    summary: "A service does not say what its rollback needs",
    help: "Without a `rollback` key catch22 cannot tell whether the service can be rolled back when it breaks, so a clean report says nothing about it. Add `rollback:` with what a rollback, redeploy or reconfiguration needs, or `rollback: []` if it needs nothing.",
    fix: "Add `rollback:` with what a rollback needs, or `rollback: []` if it needs nothing.",
    docs: "docs/rules/rollback-undeclared.md",
    path: "none",
  },
  run({ estate, reuse }) {
    const out: RawFinding[] = [];
    for (const svc of estate.services) {
      if (svc.rollbackDeclared) continue;
      // A function of the service alone: an unchanged service's finding is the one it had (`serve`).
      let raw = reuse?.undeclaredRollback.get(svc);
      if (!raw) {
        raw = {
          message: `${svc.name} does not declare what its rollback needs, so its recovery is unknown`,
          services: [svc.name],
          path: [],
          impacted: [],
          locations: svc.declarations.length > 0 ? [(svc.declarations[0] as Declaration).pos] : [],
        };
        reuse?.undeclaredRollback.set(svc, raw);
      }
      out.push(raw);
    }
    return out;
  },
};
