// duplicate-service: a name declared more than once (SPEC §3). Its declarations are merged; this says so.
import { formatPos } from "../util/text.js";
import type { RawFinding, Rule } from "./rule.js";

export const duplicateService: Rule = {
  meta: {
    id: "duplicate-service",
    defaultSeverity: "error",
    summary: "A service name is declared more than once",
    help: "Two manifests declare the same service name. catch22 treats them as one service whose requirements are the union of both declarations, which is rarely what either owner meant. Rename one of them, or keep a single declaration.",
    fix: "Rename one of the services, or delete the stale declaration.",
    docs: "docs/rules/duplicate-service.md",
    path: "none",
    locationLabel: (f, i) => (i === 0 ? `${f.services[0]} declared here` : `${f.services[0]} declared again here`),
  },
  run({ estate }) {
    const out: RawFinding[] = [];
    for (const svc of estate.services) {
      if (svc.declarations.length < 2) continue;
      const locations = svc.declarations.map((d) => d.pos);
      out.push({
        message: `${svc.name} is declared ${locations.length} times (${locations.map(formatPos).join(", ")}); catch22 merges the declarations`,
        services: [svc.name],
        path: [],
        impacted: [],
        locations,
      });
    }
    return out;
  },
};
