// What the commands share: the config file, the paths and threshold it defaults, and the one evaluation with progress on a terminal.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import type { Command } from "commander";
import { type Config, type IgnoreEntry, inputPaths, loadConfig, observedFiles } from "../config/config.js";
import { formatUnusedIgnore, unusedIgnoreWarnings } from "../config/unused-ignores.js";
import { type EvaluateOptions, type EvaluationOutcome, evaluate } from "../evaluate.js";
import { FAIL_ON, type FailOn } from "../model/severity.js";
import type { Diagnostic, Estate, Finding } from "../model/types.js";
import { OBSERVED_EDGES, type ObservedConfig } from "../observed/observe.js";
import type { Where } from "../report/context.js";
import { colorFor, style } from "../util/color.js";
import { choice } from "./io.js";
import { progress } from "./progress.js";

export interface Settings {
  config: Config;
  paths: string[];
  failOn: FailOn;
}

export type SettingsOutcome = { ok: true; settings: Settings } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The config (--config FILE or ./catch22.config.yaml), then the command line over it: paths given
 * on the command line replace the config's `paths`; --fail-on given replaces its `failOn`.
 */
export function resolveSettings(
  cmd: Command,
  cliPaths: readonly string[],
  opts: { config?: string; failOn?: string } & ObservedCliOptions,
): SettingsOutcome {
  const failOnFromCli = cmd.getOptionValueSource("failOn") === "cli";
  const failOnCli = choice<FailOn>(opts.failOn ?? "error", FAIL_ON, "--fail-on");
  const edgesCli = opts.observedEdges === undefined ? undefined : choice(opts.observedEdges, OBSERVED_EDGES, "--observed-edges");
  const cwd = process.cwd();
  const loaded = loadConfig(opts.config, cwd);
  if (!loaded.ok) return loaded;
  const { config } = loaded;
  const paths = inputPaths(config, cliPaths, cwd);
  // `--observed` files replace the config's, as paths on the command line replace its `paths`; names and edges stay.
  const files = observedFiles(config, opts.observed ?? [], cwd);
  if (files.length > 0 || config.observed) {
    const observed: ObservedConfig = {
      files,
      names: config.observed?.names ?? [],
      edges: edgesCli ?? config.observed?.edges ?? "declared",
    };
    config.observed = observed;
  }
  return { ok: true, settings: { config, paths, failOn: failOnFromCli ? failOnCli : (config.failOn ?? failOnCli) } };
}

/** The observed-traffic options every analysing command takes (SPEC §5, §7). */
export interface ObservedCliOptions {
  observed?: string[];
  observedEdges?: string;
}

/** `--observed FILE` (repeatable) and `--observed-edges hard|declared`, on every command that analyses (SPEC §5, §7). */
export const OBSERVED_OPTION = [
  "--observed <file>",
  "observed traffic to compare with the manifests (dependency links, traces, service-graph metrics, Kiali; repeatable; replaces the config's observed.files)",
  (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
] as const;
export const OBSERVED_EDGES_OPTION = [
  "--observed-edges <mode>",
  "hard: analyse every undeclared observed call as a hard runtime requirement; declared (default): observed traffic feeds the drift rules only",
] as const;

/** The evaluation of src/evaluate.ts, with a progress bar on a terminal. */
export async function evaluateWithProgress(
  paths: readonly string[],
  options: Omit<EvaluateOptions, "onFile" | "onStage">,
): Promise<EvaluationOutcome> {
  const bar = progress();
  const outcome = await evaluate(paths, {
    ...options,
    onFile: (done, total) => bar.files(done, total),
    onStage: (text) => bar.stage(text),
  });
  bar.done();
  return outcome;
}

/** Ignore entries that match nothing, as warnings on stderr (the exit code is not changed by them). */
export function warnUnusedIgnores(unused: readonly IgnoreEntry[], estate: Estate, findings: readonly Finding[]): void {
  const warnings = unusedIgnoreWarnings(
    unused,
    estate.services.map((s) => s.name),
    findings,
  );
  if (warnings.length === 0) return;
  const s = style(colorFor(process.stderr));
  process.stderr.write(warnings.map((w) => `${s.yellow("warning")} ${formatUnusedIgnore(w)}\n`).join(""));
}

/** The root of the git work tree holding `cwd`, or undefined outside one (or without git). */
export function gitRoot(cwd: string): string | undefined {
  const r = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8" });
  if (r.status !== 0 || !r.stdout) return undefined;
  const root = r.stdout.trim();
  try {
    return fs.realpathSync(root);
  } catch {
    return root;
  }
}

/** Where the run happens: git runs only when a format asks for the repository root (SARIF), and once. */
export function whereRun(cwd: string): Where {
  let known = false;
  let root: string | undefined;
  return {
    cwd,
    repoRoot() {
      if (!known) {
        root = gitRoot(cwd);
        known = true;
      }
      return root;
    },
  };
}

/** The common options of the commands that read a config. */
export const CONFIG_OPTION = ["--config <file>", "read this config file instead of ./catch22.config.yaml"] as const;
export const FAIL_ON_OPTION = [
  "--fail-on <severity>",
  "exit 1 when findings at or above this exist: error, warning, info, never (overrides the config's failOn)",
  "error",
] as const;
