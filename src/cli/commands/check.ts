// `catch22 check`: every detector, one report (SPEC §5).
import type { Command } from "commander";
import { analyzePaths } from "../../analyze.js";
import { criticality } from "../../drill/criticality.js";
import { type FailOn, fails } from "../../report/context.js";
import { criticalityExtras } from "../../report/criticality.js";
import { findFormat, formats } from "../../report/index.js";
import { summarize } from "../../report/summary.js";
import { ruleMetas } from "../../rules/index.js";
import { choice, emit, reportColor, reportDiagnostics, UsageError } from "../io.js";
import { progress } from "../progress.js";

interface CheckOptions {
  format: string;
  output?: string;
  failOn: string;
  verbose?: boolean;
  top: string;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("run every detector over the manifests and print the report")
    .argument("[paths...]", "manifest files or directories", ["."])
    .option("-f, --format <format>", `output format: ${formats.map((f) => f.id).join(", ")}`, "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--fail-on <severity>", "exit 1 when findings at or above this exist: error, warning, info, never", "error")
    .option("-v, --verbose", "list skipped files and every info finding")
    .option("--top <n>", "services listed in each criticality ranking (0 leaves the rankings out)", "10")
    .addHelpText(
      "after",
      `\nRules:\n${ruleMetas.map((m) => `  ${m.id.padEnd(24)} ${m.defaultSeverity.padEnd(8)} ${m.summary}`).join("\n")}\n`,
    )
    .action((paths: string[], opts: CheckOptions) => {
      const format = findFormat(opts.format);
      if (!format) throw new UsageError(`unknown --format "${opts.format}"; expected one of ${formats.map((f) => f.id).join(", ")}`);
      const failOn = choice<FailOn>(opts.failOn, ["error", "warning", "info", "never"], "--fail-on");
      const top = /^\d+$/.test(opts.top) ? Number(opts.top) : Number.NaN;
      if (!(top <= 1000)) throw new UsageError(`--top must be a whole number from 0 to 1000, not "${opts.top}"`);
      const bar = progress();
      const outcome = analyzePaths(paths, {
        onFile: (done, total) => bar.files(done, total),
        onStage: (text) => bar.stage(text),
      });
      bar.done();
      if (opts.verbose) {
        for (const s of (outcome.ok ? outcome.analysis.load : outcome.load).skipped)
          process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
      }
      if (!outcome.ok) {
        process.exitCode = reportDiagnostics(outcome.diagnostics);
        return;
      }
      const { estate, findings, graph } = outcome.analysis;
      const text = format.render({
        estate,
        findings,
        summary: summarize(estate, findings),
        failOn,
        color: reportColor(opts.output),
        verbose: Boolean(opts.verbose),
        extras: top > 0 ? criticalityExtras(graph, criticality(graph, { top })) : {},
      });
      emit(text, opts.output);
      process.exitCode = findings.some((f) => fails(f.severity, failOn)) ? 1 : 0;
    });
}
