// `catch22 drill --fail <names>`: what a bad change takes down, and whether and how it can be rolled back (SPEC §4).
import type { Command } from "commander";
import { selectServices } from "../../drill/select.js";
import { simulate } from "../../drill/simulate.js";
import { drillFormats } from "../../report/drill/index.js";
import { printable } from "../../util/text.js";
import { terminalWidth, wrapText } from "../../util/wrap.js";
import { emit, formatOf, reportColor, reportDiagnostics, UsageError } from "../io.js";
import {
  CONFIG_OPTION,
  evaluateWithProgress,
  OBSERVED_EDGES_OPTION,
  OBSERVED_OPTION,
  type ObservedCliOptions,
  resolveSettings,
} from "../settings.js";

interface DrillOptions extends ObservedCliOptions {
  fail: string[];
  format: string;
  output?: string;
  verbose?: boolean;
  config?: string;
}

/** `--fail a,b --fail c` → [a, b, c]. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== ""),
  ];
}

export function registerDrill(program: Command): void {
  program
    .command("drill")
    .description("simulate a bad change to some services: what goes down, which rollbacks can run, in which waves, and what stays stuck")
    .argument("[paths...]", "manifest files or directories (default: the config's paths, else .)")
    .requiredOption(
      "--fail <names>",
      "the services the change breaks: names or patterns (`*` within one /-separated part, `**` across), comma-separated or repeated",
      collect,
    )
    .option("-f, --format <format>", `output format: ${drillFormats.map((f) => f.id).join(", ")}`, "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("-v, --verbose", "list skipped files")
    .option(...CONFIG_OPTION)
    .option(...OBSERVED_OPTION)
    .option(...OBSERVED_EDGES_OPTION)
    .addHelpText("after", "\nExit codes: 0 when everything recovers, 1 when something stays stuck, 2 on bad input.\n")
    .action(async (paths: string[], opts: DrillOptions, cmd: Command) => {
      const format = formatOf(opts.format, drillFormats);
      if (opts.fail.length === 0) throw new UsageError("--fail needs at least one service name or pattern");
      const resolved = resolveSettings(cmd, paths, opts);
      if (!resolved.ok) {
        process.exitCode = reportDiagnostics(resolved.diagnostics);
        return;
      }
      // The drill simulates the declared graph: it needs no detectors, but reads the same paths as `check`.
      const outcome = await evaluateWithProgress(resolved.settings.paths, { config: resolved.settings.config, detectors: false });
      if (opts.verbose) {
        for (const s of (outcome.ok ? outcome.evaluation.load : outcome.load).skipped)
          process.stderr.write(`skipped ${printable(s.file)}: ${printable(s.reason)}\n`);
      }
      if (!outcome.ok) {
        process.exitCode = reportDiagnostics(outcome.diagnostics);
        return;
      }
      const { graph } = outcome.evaluation;
      const selection = selectServices(graph.names, opts.fail);
      if (!selection.ok) throw new UsageError(selection.errors.map((e) => `--fail: ${e}`).join("\ncatch22: "));
      const result = simulate(graph, selection.ids);
      emit(
        format.id === "text"
          ? wrapText(format.render({ graph, result, color: reportColor(opts.output) }), terminalWidth(opts.output))
          : format.render({ graph, result, color: reportColor(opts.output) }),
        opts.output,
      );
      process.exitCode = result.stuckRoots.length > 0 ? 1 : 0;
    });
}
