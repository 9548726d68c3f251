// undeclared-service: observed traffic names a service that no manifest declares (SPEC §3, §7).

import { seenIn } from "./observed-text.js";
import type { RawFinding, Rule } from "./rule.js";

export const undeclaredService: Rule = {
  meta: {
    id: "undeclared-service",
    defaultSeverity: "warning",
    summary: "Observed traffic names a service that no manifest declares",
    help: "Traffic to or from a name that maps to no declared service takes part in no other check. If it is a declared service under another name, add the name to that service's `aliases` (or an `observed.names` rule in the config); otherwise declare the service.",
    fix: "Add the name to the service's `aliases` (or an `observed.names` rule), or declare the service.",
    docs: "docs/rules/undeclared-service.md",
    observed: true,
    path: "none",
  },
  run({ observed }) {
    const out: RawFinding[] = [];
    for (const u of observed?.undeclaredServices ?? []) {
      const hint = u.suggestion
        ? u.suggestion.candidate === u.suggestion.service
          ? `; did you mean ${u.suggestion.service}? (add \`aliases: [${u.name}]\` to ${u.suggestion.service})`
          : `; did you mean ${u.suggestion.candidate}, an alias of ${u.suggestion.service}? (add \`aliases: [${u.name}]\` to ${u.suggestion.service})`
        : "";
      out.push({
        message: `${u.name} is in the observed traffic (${seenIn(u.calls, u.observedIn)}) but no manifest declares it${hint}`,
        services: [u.name],
        path: [],
        impacted: [],
        // At its observed file: the line of its first appearance, line 1 where the format has no lines (SPEC §5).
        locations: [{ file: u.first.file, line: u.first.line > 0 ? u.first.line : 1, column: 1 }],
        calls: u.calls,
        observedIn: u.observedIn,
      });
    }
    return out;
  },
};
