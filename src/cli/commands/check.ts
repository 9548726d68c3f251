// `catch22 check`: every detector, one report (SPEC §5); with the config's rule levels and ignores, and an optional baseline.
import * as fs from "node:fs";
import type { Command } from "commander";
import { type BaselineComparison, compareBaseline, parseBaseline, readBaselineFile, renderBaseline } from "../../baseline/baseline.js";
import { criticality } from "../../drill/criticality.js";
import { slowestRecoveries } from "../../drill/slowest.js";
import type { RecoveryTimes } from "../../drill/timing.js";
import type { Compiled } from "../../graph/compiled.js";
import type { CriticalitySection } from "../../report/context.js";
import { failing, type ReportContext } from "../../report/context.js";
import { formats } from "../../report/index.js";
import { summarize } from "../../report/summary.js";
import { ruleMetas } from "../../rules/index.js";
import { printable } from "../../util/text.js";
import { terminalWidth, wrapText } from "../../util/wrap.js";
import { emitFormat, formatOf, type ReportTarget, reportColor, reportInputErrors, UsageError } from "../io.js";
import {
  CONFIG_OPTION,
  evaluateWithProgress,
  FAIL_ON_OPTION,
  OBSERVED_EDGES_OPTION,
  OBSERVED_OPTION,
  type ObservedCliOptions,
  resolveSettings,
  warnUnusedIgnores,
  whereRun,
} from "../settings.js";

interface CheckOptions extends ObservedCliOptions {
  format: string;
  output?: string;
  failOn?: string;
  verbose?: boolean;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  top: string;
  quiet?: boolean;
  maxWarnings?: string;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("run every detector over the manifests and print the report")
    .argument("[paths...]", "manifest files or directories (default: the config's paths, else .)")
    .option("-f, --format <format>", `output format: ${formats.map((f) => f.id).join(", ")}`, "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option(...FAIL_ON_OPTION)
    .option(...CONFIG_OPTION)
    .option(...OBSERVED_OPTION)
    .option(...OBSERVED_EDGES_OPTION)
    .option("--baseline <file>", "report findings recorded in this baseline as known; fail only on new ones")
    .option("--write-baseline <file>", "record today's findings in this baseline file")
    .option("-v, --verbose", "list skipped files and every info finding")
    .option("-q, --quiet", "report errors only (warnings and info are left out of every format; the exit code still counts them)")
    .option("--max-warnings <n>", "exit 1 when more than n warnings are found (those known in a baseline not counted)")
    .option("--top <n>", "services listed in each criticality ranking (0 leaves the rankings out)", "10")
    .addHelpText(
      "after",
      `\nRules:\n${ruleMetas.map((m) => `  ${m.id.padEnd(24)} ${m.defaultSeverity.padEnd(8)} ${m.summary}`).join("\n")}\n`,
    )
    .action(async (paths: string[], opts: CheckOptions, cmd: Command) => {
      const format = formatOf(opts.format, formats);
      const maxWarnings =
        opts.maxWarnings === undefined ? undefined : /^\d+$/.test(opts.maxWarnings) ? Number(opts.maxWarnings) : Number.NaN;
      if (Number.isNaN(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number, not "${opts.maxWarnings}"`);
      const top = /^\d+$/.test(opts.top) ? Number(opts.top) : Number.NaN;
      if (!(top <= 1000)) throw new UsageError(`--top must be a whole number from 0 to 1000, not "${opts.top}"`);
      const target: ReportTarget = { format: format.id, output: opts.output, command: "check", where: whereRun(process.cwd()) };
      const resolved = resolveSettings(cmd, paths, opts);
      if (!resolved.ok) {
        process.exitCode = reportInputErrors(target, [[undefined, resolved.diagnostics]]);
        return;
      }
      const { config, failOn } = resolved.settings;
      let recorded: ReturnType<typeof parseBaseline> | undefined;
      if (opts.baseline !== undefined) {
        const read = readBaselineFile(opts.baseline);
        if ("unreadable" in read) {
          throw new UsageError(`cannot read the baseline ${opts.baseline} (${read.unreadable}); write one with --write-baseline`);
        }
        recorded = read;
        if (!recorded.ok) {
          process.exitCode = reportInputErrors(target, [[undefined, recorded.diagnostics]]);
          return;
        }
      }
      const outcome = await evaluateWithProgress(resolved.settings.paths, { config });
      if (opts.verbose) {
        for (const s of (outcome.ok ? outcome.evaluation.load : outcome.load).skipped)
          process.stderr.write(`skipped ${printable(s.file)}: ${printable(s.reason)}\n`);
      }
      if (!outcome.ok) {
        process.exitCode = reportInputErrors(target, [[undefined, outcome.diagnostics]]);
        return;
      }
      const { estate, graph, times, kept: all, ignored, expired, unused, observation } = outcome.evaluation;
      if (!opts.quiet) warnUnusedIgnores(unused, estate, [...all, ...ignored.map((i) => i.finding)]);
      const findings = opts.quiet ? all.filter((f) => f.severity === "error") : all;
      let baseline: BaselineComparison | undefined;
      if (opts.writeBaseline !== undefined) {
        const text = renderBaseline(all);
        try {
          fs.writeFileSync(opts.writeBaseline, text);
        } catch (e) {
          throw new UsageError(`cannot write the baseline ${opts.writeBaseline} (${(e as NodeJS.ErrnoException).code})`);
        }
        const written = parseBaseline(text, opts.writeBaseline);
        if (written.ok) baseline = compareBaseline(all, written.entries, opts.writeBaseline);
      }
      // The baseline read is the one in effect; a freshly written one when none is read.
      if (recorded?.ok) baseline = compareBaseline(all, recorded.entries, opts.baseline as string);
      const ctx: ReportContext = {
        estate,
        findings,
        summary: summarize(graph, findings, observation?.drift.summary),
        failOn,
        color: reportColor(opts.output),
        verbose: Boolean(opts.verbose),
        ignored,
        expired,
        baseline,
        ...(top > 0 ? { criticality: criticalitySection(graph, times, top) } : {}),
        overrides: config.rules,
        inputs: resolved.settings.paths,
        where: target.where,
        ...(observation ? { observation } : {}),
      };
      await emitFormat(format, ctx, opts.output, format.id === "text" ? (text) => wrapText(text, terminalWidth(opts.output)) : undefined);
      // --quiet changes what is shown, not the verdict: the exit code reads every finding.
      const verdict = { ...ctx, findings: all };
      const warnings = all.filter((f) => f.severity === "warning" && !baseline?.known.has(f.fingerprint)).length;
      const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
      if (tooManyWarnings) process.stderr.write(`catch22: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      process.exitCode = failing(verdict).length > 0 || tooManyWarnings ? 1 : 0;
    });
}

/** The rankings, and the slowest recoveries among their services (a warm drill each: only the ranked few, to stay cheap). */
function criticalitySection(graph: Compiled, times: RecoveryTimes, top: number): CriticalitySection {
  const rankings = criticality(graph, { top });
  const candidates = [...rankings.takesDown, ...rankings.blocksRollbacks].map((e) => e.service);
  const slowest = slowestRecoveries(graph, times, candidates);
  return slowest ? { graph, rankings, slowest } : { graph, rankings };
}
