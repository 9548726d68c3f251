// missing-dependency: an entry (soft ones too) names a service no manifest declares (SPEC §3).
import type { DependencyKind, Service, SourcePos } from "../model/types.js";
import { closest } from "../util/did-you-mean.js";
import { byCodeUnit, comparePos } from "../util/order.js";
import type { RawFinding, Rule } from "./rule.js";

export const missingDependency: Rule = {
  meta: {
    id: "missing-dependency",
    defaultSeverity: "error",
    summary: "A requirement names a service that no manifest declares",
    help: "An undeclared service is outside the estate and treated as always up, so the requirement takes part in no analysis. Declare the service (it may need nothing), or fix the name.",
    fix: "Fix the name, or declare the service (it may need nothing: `runtime: []`, `rollback: []`).",
    docs: "docs/rules/missing-dependency.md",
    path: "entry",
    fingerprint: ["missing"],
  },
  run({ estate, graph }) {
    const out: RawFinding[] = [];
    // Names of similar length, for suggestions without comparing against the whole estate; built on first need.
    let byLength: Map<number, string[]> | undefined;
    function* near(name: string): Generator<string> {
      if (!byLength) {
        byLength = new Map();
        for (const s of estate.services) {
          const list = byLength.get(s.name.length);
          if (list) list.push(s.name);
          else byLength.set(s.name.length, [s.name]);
        }
      }
      for (let d = -3; d <= 3; d++) yield* byLength.get(name.length + d) ?? [];
    }
    // One suggestion per missing name, and a bounded number of comparisons in all: many services
    // often miss the same name, and suggestions must never make a large estate slow.
    const suggestions = new Map<string, string | undefined>();
    let budget = 2_000_000;
    const suggest = (name: string): string | undefined => {
      if (suggestions.has(name)) return suggestions.get(name);
      let result: string | undefined;
      if (budget > 0) {
        const candidates = [...near(name)];
        budget -= candidates.length;
        result = closest(name, candidates);
      }
      suggestions.set(name, result);
      return result;
    };
    // Undeclared names grouped by service (compile lists them in service order).
    const byService = new Map<number, Map<string, { pos: SourcePos; kind: DependencyKind }>>();
    for (const { service, entry: e, index } of graph.undeclared) {
      const name = e.names[index] as string;
      const pos = e.namePos[index] as SourcePos;
      let first = byService.get(service);
      if (!first) {
        first = new Map();
        byService.set(service, first);
      }
      // Runtime before rollback, then source order: independent of the order of declarations and keys.
      const seen = first.get(name);
      if (!seen || (seen.kind === "rollback" && e.kind === "runtime") || (seen.kind === e.kind && comparePos(pos, seen.pos) < 0)) {
        first.set(name, { pos, kind: e.kind });
      }
    }
    for (const [service, first] of [...byService].sort((a, b) => a[0] - b[0])) {
      const svc = estate.services[service] as Service;
      for (const name of [...first.keys()].sort(byCodeUnit)) {
        const { pos, kind } = first.get(name) as { pos: SourcePos; kind: DependencyKind };
        const suggestion = suggest(name);
        out.push({
          message: `${svc.name} needs ${name} (${kind}), which no manifest declares` + (suggestion ? `; did you mean ${suggestion}?` : ""),
          services: [svc.name],
          path: [{ from: svc.name, to: name, kind }],
          impacted: [],
          locations: [pos],
          missing: name,
        });
      }
    }
    return out;
  },
};
