// What check, diff and graph share: the config file, the paths and threshold it defaults, and the analysis with its ignores.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { type AnalysisOutcome, analyzePaths } from "../analyze.js";
import { type Config, loadConfig } from "../config/config.js";
import { applyIgnores, type IgnoreOutcome, today } from "../config/ignore.js";
import { FAIL_ON, type FailOn } from "../model/severity.js";
import { choice } from "./io.js";
import { progress } from "./progress.js";

export interface Settings {
  config: Config;
  paths: string[];
  failOn: FailOn;
}

export type SettingsOutcome = { ok: true; settings: Settings } | { ok: false; diagnostics: import("../model/types.js").Diagnostic[] };

/**
 * The config (--config FILE or ./catch22.config.yaml), then the command line over it: paths given
 * on the command line replace the config's `paths`; --fail-on given replaces its `failOn`.
 */
export function resolveSettings(cmd: Command, cliPaths: readonly string[], opts: { config?: string; failOn?: string }): SettingsOutcome {
  const failOnFromCli = cmd.getOptionValueSource("failOn") === "cli";
  const failOnCli = choice<FailOn>(opts.failOn ?? "error", FAIL_ON, "--fail-on");
  const cwd = process.cwd();
  const loaded = loadConfig(opts.config, cwd);
  if (!loaded.ok) return loaded;
  const { config } = loaded;
  let paths = [...cliPaths];
  if (paths.length === 0 && config.paths)
    paths = config.paths.map((p) => path.relative(cwd, path.resolve(config.dir, p)).split(path.sep).join("/") || ".");
  if (paths.length === 0) paths = ["."];
  return { ok: true, settings: { config, paths, failOn: failOnFromCli ? failOnCli : (config.failOn ?? failOnCli) } };
}

export type Evaluated = Extract<AnalysisOutcome, { ok: true }>["analysis"] & IgnoreOutcome;

/** Analyses the paths with the config's rule levels (progress on a terminal), then sets ignored findings apart. */
export function evaluate(
  paths: readonly string[],
  config: Config,
  cwd?: string,
): { ok: true; result: Evaluated } | Extract<AnalysisOutcome, { ok: false }> {
  const bar = progress();
  const outcome = analyzePaths(paths, {
    severities: config.rules,
    ...(cwd !== undefined ? { cwd } : {}),
    onFile: (done, total) => bar.files(done, total),
    onStage: (text) => bar.stage(text),
  });
  bar.done();
  if (!outcome.ok) return outcome;
  return { ok: true, result: { ...outcome.analysis, ...applyIgnores(outcome.analysis.findings, config.ignore, today()) } };
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

/** The common options of the commands that read a config. */
export const CONFIG_OPTION = ["--config <file>", "read this config file instead of ./catch22.config.yaml"] as const;
export const FAIL_ON_OPTION = [
  "--fail-on <severity>",
  "exit 1 when findings at or above this exist: error, warning, info, never (overrides the config's failOn)",
  "error",
] as const;
