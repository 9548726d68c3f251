// undeclared-dependency: observed traffic X → Y that no entry of X names (SPEC §3, §7).

import { seenIn } from "./observed-text.js";
import type { RawFinding, Rule } from "./rule.js";

export const undeclaredDependency: Rule = {
  meta: {
    id: "undeclared-dependency",
    defaultSeverity: "warning",
    summary: "Observed traffic shows a call that the caller does not declare",
    help: "The manifests are what every detector reads; a dependency that runs but is not written down can hide a catch-22 (the 2021 Meta and Roblox outages sat in such dependencies). Declare it in `runtime` (or `rollback`), `soft: true` if the caller only degrades without it. `--observed-edges hard` analyses the estate as if every such call were a hard runtime requirement.",
    fix: "Add the called service to the caller's `runtime` (or `rollback`), with `soft: true` if the caller only degrades without it.",
    docs: "docs/rules/undeclared-dependency.md",
    observed: true,
    path: "none",
    fingerprint: ["dependency"],
  },
  run({ observed }) {
    const out: RawFinding[] = [];
    for (const d of observed?.undeclaredDependencies ?? []) {
      out.push({
        message: `${d.service} calls ${d.dependency} (${seenIn(d.calls, d.observedIn)}) but does not declare it`,
        services: [d.service],
        path: [],
        impacted: [],
        locations: d.location ? [d.location] : [],
        dependency: d.dependency,
        calls: d.calls,
        observedIn: d.observedIn,
      });
    }
    return out;
  },
};
