// Test helpers: a ReportContext from hand-written declarations, as the CLI would build it.
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import type { Declaration } from "../../src/model/types.js";
import type { ReportContext } from "../../src/report/context.js";
import { summarize } from "../../src/report/summary.js";
import { runRules, type SeverityOverrides } from "../../src/rules/index.js";

export function contextOf(
  decls: readonly Declaration[],
  more: Partial<ReportContext> & { overrides?: SeverityOverrides } = {},
): ReportContext {
  const estate = buildEstate(decls);
  const graph = compile(estate);
  const findings = runRules(estate, graph, more.overrides ?? {});
  return {
    estate,
    findings,
    summary: summarize(graph, findings),
    failOn: "error",
    color: false,
    verbose: false,
    ...more,
  };
}
