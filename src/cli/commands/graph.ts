// `catch22 graph`: the service graph for other tools (json) or for drawing (dot, mermaid), findings highlighted; exit 0.
import type { Command } from "commander";
import { graphFormats } from "../../report/index.js";
import { emitFormat, formatOf, type ReportTarget, reportInputErrors } from "../io.js";
import {
  CONFIG_OPTION,
  evaluateWithProgress,
  OBSERVED_EDGES_OPTION,
  OBSERVED_OPTION,
  type ObservedCliOptions,
  resolveSettings,
} from "../settings.js";

interface GraphOptions extends ObservedCliOptions {
  format: string;
  output?: string;
  config?: string;
}

export function registerGraph(program: Command): void {
  program
    .command("graph")
    .description("export the service graph (findings highlighted); exits 0 unless the input is invalid")
    .argument("[paths...]", "manifest files or directories (default: the config's paths, else .)")
    .option("-f, --format <format>", `output format: ${graphFormats.map((f) => f.id).join(", ")}`, "json")
    .option("-o, --output <file>", "write the graph to a file instead of stdout")
    .option(...CONFIG_OPTION)
    .option(...OBSERVED_OPTION)
    .option(...OBSERVED_EDGES_OPTION)
    .action(async (paths: string[], opts: GraphOptions, cmd: Command) => {
      const format = formatOf(opts.format, graphFormats, "graph");
      // graph json's error form is the check JSON's (diagnostics, no findings): no graph was read.
      const target: ReportTarget = { format: format.id, output: opts.output, command: "graph" };
      const resolved = resolveSettings(cmd, paths, opts);
      if (!resolved.ok) {
        process.exitCode = reportInputErrors(target, [[undefined, resolved.diagnostics]]);
        return;
      }
      const outcome = await evaluateWithProgress(resolved.settings.paths, { config: resolved.settings.config });
      if (!outcome.ok) {
        process.exitCode = reportInputErrors(target, [[undefined, outcome.diagnostics]]);
        return;
      }
      const { estate, kept: findings, observation } = outcome.evaluation;
      await emitFormat(format, observation ? { estate, findings, observation } : { estate, findings }, opts.output);
      process.exitCode = 0;
    });
}
