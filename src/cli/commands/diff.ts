// `catch22 diff`: the findings a change introduces and resolves, between two sets of paths or a git revision and the working tree.
import * as fs from "node:fs";
import type { Command } from "commander";
import { diffFindings } from "../../diff/diff.js";
import { checkoutRevision, type RevisionTree } from "../../diff/git.js";
import type { Evaluation, EvaluationOutcome } from "../../evaluate.js";
import { countBySeverity } from "../../model/severity.js";
import type { Diagnostic } from "../../model/types.js";
import { type DiffSide, diffFormats, introducedFailing } from "../../report/diff.js";
import { withApiDiff } from "../../rules/api-unprovided-diff.js";
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

interface DiffOptions extends ObservedCliOptions {
  baseRef?: string;
  format: string;
  output?: string;
  failOn?: string;
  config?: string;
  verbose?: boolean;
}

/** The operands after `--` on the command line (commander merges them into the others). */
function afterDoubleDash(cmd: Command): string[] | undefined {
  // commander keeps the argv it parsed as `rawArgs` (untyped); the process's argv is the same in the CLI.
  const raw = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? process.argv;
  const i = raw.indexOf("--", 2);
  return i === -1 ? undefined : raw.slice(i + 1);
}

function side(label: string, paths: string[], r: Evaluation, commit?: string): DiffSide {
  return {
    label,
    paths,
    services: r.estate.services.length,
    findings: countBySeverity(r.kept),
    ignored: r.ignored.length,
    ...(commit ? { commit } : {}),
  };
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("the findings a change introduces and resolves: diff <base-paths> -- <head-paths>, or diff --base-ref <git-ref> [paths]")
    .argument(
      "[paths...]",
      "base paths, then -- and head paths; with --base-ref, the paths to compare (default: the config's paths, else .)",
    )
    .option("--base-ref <ref>", "compare the manifests at this git revision (e.g. origin/main) with the working tree")
    .option("-f, --format <format>", `output format: ${diffFormats.map((f) => f.id).join(", ")}`, "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option(...FAIL_ON_OPTION)
    .option(...CONFIG_OPTION)
    .option(...OBSERVED_OPTION)
    .option(...OBSERVED_EDGES_OPTION)
    .option("-v, --verbose", "list the files each side skipped (a symbolic link in the base revision is never followed)")
    .action(async (operands: string[], opts: DiffOptions, cmd: Command) => {
      const format = formatOf(opts.format, diffFormats, "diff");
      const after = afterDoubleDash(cmd);
      let basePaths: string[];
      let headPaths: string[];
      if (opts.baseRef !== undefined) {
        if (after !== undefined)
          throw new UsageError("diff takes either --base-ref <ref> [paths] or <base-paths> -- <head-paths>, not both");
        basePaths = operands;
        headPaths = operands;
      } else {
        if (after === undefined) {
          throw new UsageError(
            "diff needs two sides: catch22 diff <base-paths> -- <head-paths>, or catch22 diff --base-ref <git-ref> [paths]",
          );
        }
        const stray = after.find((a) => a.startsWith("-") && !fs.existsSync(a));
        if (stray) throw new UsageError(`"${stray}" comes after --, so it is read as a head path; put options before the --`);
        headPaths = operands.slice(operands.length - after.length);
        basePaths = operands.slice(0, operands.length - after.length);
        if (basePaths.length === 0 || headPaths.length === 0) {
          throw new UsageError(
            `diff needs paths on both sides of --: catch22 diff <base-paths> -- <head-paths> (got ${basePaths.length === 0 ? "no base paths" : "no head paths"})`,
          );
        }
      }
      const target: ReportTarget = { format: format.id, output: opts.output, command: "diff", where: whereRun(process.cwd()) };
      const resolved = resolveSettings(cmd, headPaths, opts);
      if (!resolved.ok) {
        process.exitCode = reportInputErrors(target, [[undefined, resolved.diagnostics]]);
        return;
      }
      const { config, failOn } = resolved.settings;
      if (opts.baseRef !== undefined) basePaths = headPaths = resolved.settings.paths;

      let tree: RevisionTree | undefined;
      if (opts.baseRef !== undefined) {
        const checkout = checkoutRevision(opts.baseRef, basePaths, process.cwd());
        if (!checkout.ok) throw new UsageError(`base: ${checkout.message}`);
        tree = checkout.tree;
        for (const p of tree.absent)
          process.stderr.write(`catch22: ${printable(p)} holds no manifests at ${opts.baseRef}; the base has nothing there\n`);
      }
      const baseLabel = opts.baseRef ?? basePaths.join(" ");
      const base: EvaluationOutcome = tree
        ? await evaluateWithProgress(tree.paths, { config, cwd: tree.cwd, memory: tree.memory })
        : await evaluateWithProgress(basePaths, { config });
      const head = await evaluateWithProgress(headPaths, { config });
      if (opts.verbose) {
        for (const [side, outcome] of [
          ["base", base],
          ["head", head],
        ] as const) {
          for (const s of (outcome.ok ? outcome.evaluation.load : outcome.load).skipped)
            process.stderr.write(`skipped (${side}) ${printable(s.file)}: ${printable(s.reason)}\n`);
        }
      }
      const errors: [string, Diagnostic[]][] = [];
      if (!base.ok) errors.push([`base (${baseLabel})`, base.diagnostics]);
      if (!head.ok) errors.push([`head (${opts.baseRef !== undefined ? "the working tree" : headPaths.join(" ")})`, head.diagnostics]);
      if (errors.length > 0 || !base.ok || !head.ok) {
        process.exitCode = reportInputErrors(target, errors);
        return;
      }
      const diff = diffFindings(base.evaluation.kept, head.evaluation.kept);
      diff.introduced = withApiDiff(diff.introduced, base.evaluation.estate, head.evaluation.estate, head.evaluation.findings);
      // The config's ignore entries are checked against the head, the estate the change leaves.
      const { unused, estate, kept, ignored } = head.evaluation;
      warnUnusedIgnores(unused, estate, [...kept, ...ignored.map((i) => i.finding)]);
      const ctx = {
        base: side(baseLabel, tree ? tree.paths : basePaths, base.evaluation, tree?.commit),
        head: side(opts.baseRef !== undefined ? "working tree" : headPaths.join(" "), headPaths, head.evaluation),
        diff,
        failOn,
        color: reportColor(opts.output),
      };
      await emitFormat(format, ctx, opts.output, format.id === "text" ? (text) => wrapText(text, terminalWidth(opts.output)) : undefined);
      process.exitCode = introducedFailing(ctx).length > 0 ? 1 : 0;
    });
}
