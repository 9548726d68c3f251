// `catch22 check`: every detector, one report (SPEC §5); with the config's rule levels and ignores, and an optional baseline.
import * as fs from "node:fs";
import type { Command } from "commander";
import { type BaselineComparison, compareBaseline, parseBaseline, renderBaseline } from "../../baseline/baseline.js";
import { criticality } from "../../drill/criticality.js";
import { failing, type ReportContext } from "../../report/context.js";
import { findFormat, formats } from "../../report/index.js";
import { summarize } from "../../report/summary.js";
import { ruleMetas } from "../../rules/index.js";
import { printable } from "../../util/text.js";
import { emit, reportColor, reportDiagnostics, UsageError } from "../io.js";
import { CONFIG_OPTION, evaluateWithProgress, FAIL_ON_OPTION, resolveSettings, whereRun } from "../settings.js";

interface CheckOptions {
  format: string;
  output?: string;
  failOn?: string;
  verbose?: boolean;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  top: string;
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
    .option("--baseline <file>", "report findings recorded in this baseline as known; fail only on new ones")
    .option("--write-baseline <file>", "record today's findings in this baseline file")
    .option("-v, --verbose", "list skipped files and every info finding")
    .option("--top <n>", "services listed in each criticality ranking (0 leaves the rankings out)", "10")
    .addHelpText(
      "after",
      `\nRules:\n${ruleMetas.map((m) => `  ${m.id.padEnd(24)} ${m.defaultSeverity.padEnd(8)} ${m.summary}`).join("\n")}\n`,
    )
    .action((paths: string[], opts: CheckOptions, cmd: Command) => {
      const format = findFormat(opts.format, formats);
      if (!format) throw new UsageError(`unknown --format "${opts.format}"; expected one of ${formats.map((f) => f.id).join(", ")}`);
      const top = /^\d+$/.test(opts.top) ? Number(opts.top) : Number.NaN;
      if (!(top <= 1000)) throw new UsageError(`--top must be a whole number from 0 to 1000, not "${opts.top}"`);
      const resolved = resolveSettings(cmd, paths, opts);
      if (!resolved.ok) {
        process.exitCode = reportDiagnostics(resolved.diagnostics);
        return;
      }
      const { config, failOn } = resolved.settings;
      let recorded: ReturnType<typeof parseBaseline> | undefined;
      if (opts.baseline !== undefined) {
        let text: string;
        try {
          text = fs.readFileSync(opts.baseline, "utf8");
        } catch (e) {
          throw new UsageError(
            `cannot read the baseline ${opts.baseline} (${(e as NodeJS.ErrnoException).code}); write one with --write-baseline`,
          );
        }
        recorded = parseBaseline(text, opts.baseline);
        if (!recorded.ok) {
          process.exitCode = reportDiagnostics(recorded.diagnostics);
          return;
        }
      }
      const outcome = evaluateWithProgress(resolved.settings.paths, { config });
      if (opts.verbose) {
        for (const s of (outcome.ok ? outcome.evaluation.load : outcome.load).skipped)
          process.stderr.write(`skipped ${printable(s.file)}: ${printable(s.reason)}\n`);
      }
      if (!outcome.ok) {
        process.exitCode = reportDiagnostics(outcome.diagnostics);
        return;
      }
      const { estate, graph, kept: findings, ignored, expired } = outcome.evaluation;
      let baseline: BaselineComparison | undefined;
      if (opts.writeBaseline !== undefined) {
        const text = renderBaseline(findings);
        try {
          fs.writeFileSync(opts.writeBaseline, text);
        } catch (e) {
          throw new UsageError(`cannot write the baseline ${opts.writeBaseline} (${(e as NodeJS.ErrnoException).code})`);
        }
        const written = parseBaseline(text, opts.writeBaseline);
        if (written.ok) baseline = compareBaseline(findings, written.entries, opts.writeBaseline);
      }
      // The baseline read is the one in effect; a freshly written one when none is read.
      if (recorded?.ok) baseline = compareBaseline(findings, recorded.entries, opts.baseline as string);
      const ctx: ReportContext = {
        estate,
        findings,
        summary: summarize(estate, findings),
        failOn,
        color: reportColor(opts.output),
        verbose: Boolean(opts.verbose),
        ignored,
        expired,
        baseline,
        ...(top > 0 ? { criticality: { graph, rankings: criticality(graph, { top }) } } : {}),
        overrides: config.rules,
        inputs: resolved.settings.paths,
        where: whereRun(process.cwd()),
      };
      emit(format.render(ctx), opts.output);
      process.exitCode = failing(ctx).length > 0 ? 1 : 0;
    });
}
