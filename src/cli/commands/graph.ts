// `catch22 graph`: the service graph for other tools (json) or for drawing (dot, mermaid), findings highlighted; exit 0.
import type { Command } from "commander";
import { findFormat, graphFormats } from "../../report/index.js";
import { emit, reportDiagnostics, UsageError } from "../io.js";
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
      const format = findFormat(opts.format, graphFormats);
      if (!format)
        throw new UsageError(`unknown --format "${opts.format}" for graph; expected one of ${graphFormats.map((f) => f.id).join(", ")}`);
      const resolved = resolveSettings(cmd, paths, opts);
      if (!resolved.ok) {
        process.exitCode = reportDiagnostics(resolved.diagnostics);
        return;
      }
      const outcome = await evaluateWithProgress(resolved.settings.paths, { config: resolved.settings.config });
      if (!outcome.ok) {
        process.exitCode = reportDiagnostics(outcome.diagnostics);
        return;
      }
      const { estate, kept: findings, observation } = outcome.evaluation;
      emit(format.render(observation ? { estate, findings, observation } : { estate, findings }), opts.output);
      process.exitCode = 0;
    });
}
