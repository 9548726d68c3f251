// `catch22 drill --fail <names>`: what a bad change takes down, and whether and how it can be rolled back (SPEC §4).
import type { Command } from "commander";
import { simulateCold } from "../../drill/cold.js";
import { SELECTOR_KEYS, selectServices } from "../../drill/select.js";
import { simulate } from "../../drill/simulate.js";
import { coldTiming, warmTiming } from "../../drill/timing.js";
import { warmOnly } from "../../drill/warm-only.js";
import { coldDrillFormats, drillFormats } from "../../report/drill/index.js";
import { findFormat } from "../../report/format.js";
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
  fail?: string[];
  cold?: boolean;
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
    .description(
      "simulate a bad change to some services: what goes down, which rollbacks can run, in which waves, how long, and what stays stuck; --cold: a start from nothing",
    )
    .argument("[paths...]", "manifest files or directories (default: the config's paths, else .)")
    .option(
      "--fail <terms>",
      `the services the change breaks: names, patterns (\`*\` within one /-separated part, \`**\` across) or failure domains (${SELECTOR_KEYS.map((k) => `${k}=`).join(", ")}; values may be patterns), comma-separated or repeated`,
      collect,
    )
    .option("--cold", "start the whole estate from nothing (the --fail services staying down): bootstrap waves, what never comes up")
    .option("-f, --format <format>", `output format: ${drillFormats.map((f) => f.id).join(", ")}`, "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("-v, --verbose", "list skipped files")
    .option(...CONFIG_OPTION)
    .option(...OBSERVED_OPTION)
    .option(...OBSERVED_EDGES_OPTION)
    .addHelpText(
      "after",
      "\nExit codes: 0 when everything recovers, 1 when something stays stuck, never comes up (--cold) or exceeds its RTO, 2 on bad input.\n",
    )
    .action(async (paths: string[], opts: DrillOptions, cmd: Command) => {
      // Validated against the table of the drill asked for (cold drills have their own formats), with a did-you-mean.
      if (opts.cold) formatOf(opts.format, coldDrillFormats);
      else formatOf(opts.format, drillFormats);
      const fail = opts.fail ?? [];
      if (!opts.cold && fail.length === 0)
        throw new UsageError("--fail needs at least one service name, pattern or selector (or use --cold)");
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
      const { graph, times } = outcome.evaluation;
      const selection = selectServices(graph.estate.services, fail);
      if (!selection.ok) throw new UsageError(selection.errors.map((e) => `--fail: ${e}`).join("\ncatch22: "));
      const color = reportColor(opts.output);
      // Text wraps at the terminal's width (only on a TTY); the machine formats stay as they are.
      const wrapped = (text: string): string => (opts.format === "text" ? wrapText(text, terminalWidth(opts.output)) : text);
      if (opts.cold) {
        const result = simulateCold(graph, selection.ids);
        const timing = coldTiming(result, times);
        const cold = findFormat(opts.format, coldDrillFormats) as (typeof coldDrillFormats)[number];
        emit(wrapped(cold.render({ graph, result, timing, color })), opts.output);
        process.exitCode = result.neverUp.length > 0 || timing.rtoExceeded.length > 0 ? 1 : 0;
        return;
      }
      const result = simulate(graph, selection.ids);
      const timing = warmTiming(result, times);
      const warm = findFormat(opts.format, drillFormats) as (typeof drillFormats)[number];
      emit(wrapped(warm.render({ graph, result, timing, warmOnly: warmOnly(graph, result), color })), opts.output);
      process.exitCode = result.stuckRoots.length > 0 || timing.rtoExceeded.length > 0 ? 1 : 0;
    });
}
