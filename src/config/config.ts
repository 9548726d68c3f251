// catch22.config.yaml → the user's choices (paths, failOn, rule severities, ignore entries), or diagnostics with positions.
import * as fs from "node:fs";
import * as path from "node:path";
import { readDuration } from "../load/fields.js";
import { decodeText, readRegularFile } from "../load/read-file.js";
import { type PNode, parseYaml } from "../load/yaml.js";
import { describeNode, field, Problems, readName } from "../load/yaml-node.js";
import { FAIL_ON, type FailOn, RULE_LEVELS, type RuleLevel } from "../model/severity.js";
import type { Diagnostic, SourcePos } from "../model/types.js";
import { compileNameRules } from "../observed/names.js";
import { OBSERVED_EDGES, type ObservedConfig } from "../observed/observe.js";
import { ruleMetas, rules as runnable, type SeverityOverrides } from "../rules/index.js";
import { didYouMean } from "../util/did-you-mean.js";

export const CONFIG_FILE = "catch22.config.yaml";

/** The top-level keys, in the order docs/configuration.md lists them. */
export const CONFIG_KEYS = ["paths", "failOn", "rules", "ignore", "observed", "rto"] as const;
export const IGNORE_KEYS = ["rule", "services", "reason", "until"] as const;
export const OBSERVED_KEYS = ["files", "names", "edges"] as const;
export const NAME_RULE_KEYS = ["match", "to"] as const;
export { FAIL_ON, RULE_LEVELS };
/** Rules a config may name: the rules that run (not manifest-invalid, whose input errors always stop the run). */
export const CONFIGURABLE_RULES: readonly string[] = runnable.map((r) => r.meta.id);

/** An accepted risk: findings of `rule` about these services are reported as ignored, not failing, until `until` has passed. */
export interface IgnoreEntry {
  rule: string;
  services: string[];
  reason: string;
  /** YYYY-MM-DD, the last day the entry applies; absent means no expiry. */
  until?: string;
  /** Where the entry is written (its `rule` key's mapping). */
  pos: SourcePos;
}

export interface Config {
  /** The file read, relative to the current directory; undefined when there is none. */
  file?: string;
  /** The directory that `paths` are relative to: the config file's, else the current one. */
  dir: string;
  paths?: string[];
  failOn?: FailOn;
  rules: SeverityOverrides;
  ignore: IgnoreEntry[];
  /**
   * Observed traffic (SPEC §7). As parsed, `files` are relative to `dir`; resolveSettings (src/cli/settings.ts)
   * rewrites them relative to the current directory, or replaces them with the `--observed` files.
   */
  observed?: ObservedConfig;
  /** The RTO per tier (SPEC §4.3), seconds by tier; a service's own `rto` overrides it. */
  rto?: Partial<Record<number, number>>;
}

export type ConfigOutcome = { ok: true; config: Config } | { ok: false; diagnostics: Diagnostic[] };

/** Reads `--config FILE`, or catch22.config.yaml in `cwd` when it exists, or gives the empty config. */
export function loadConfig(explicit: string | undefined, cwd: string): ConfigOutcome {
  const abs = path.resolve(cwd, explicit ?? CONFIG_FILE);
  const display = path.relative(cwd, abs).split(path.sep).join("/") || abs;
  if (explicit === undefined && !fs.existsSync(abs)) {
    // No config file where none was asked for; a dangling link is reported below.
    let dangling = false;
    try {
      dangling = fs.lstatSync(abs).isSymbolicLink();
    } catch {}
    if (!dangling) return { ok: true, config: { dir: cwd, rules: {}, ignore: [] } };
  }
  const fail = (message: string, line = 0, column = 0): ConfigOutcome => ({
    ok: false,
    diagnostics: [{ file: display, line, column, message: line > 0 ? message : `config file: ${message}` }],
  });
  // Only a regular file under the size cap is opened: a config linked to /dev/zero or a FIFO would hang the run.
  const got = readRegularFile(abs);
  if (!got.ok) return fail(got.message);
  const decoded = decodeText(got.buf);
  if (!decoded.ok) return fail(decoded.fault.message, decoded.fault.line, decoded.fault.column);
  const text = decoded.text;
  return parseConfig(text, display, path.dirname(abs));
}

/** The paths to read: those given (on the command line), else the config's (relative to its file, written relative to `cwd`), else ".". */
export function inputPaths(config: Pick<Config, "paths" | "dir">, given: readonly string[], cwd: string): string[] {
  if (given.length > 0) return [...given];
  if (config.paths && config.paths.length > 0)
    return config.paths.map((p) => path.relative(cwd, path.resolve(config.dir, p)).split(path.sep).join("/") || ".");
  return ["."];
}

/** The observed files to read: those given (`--observed`), else the config's (relative to its file), written relative to `cwd`. */
export function observedFiles(config: Pick<Config, "observed" | "dir">, given: readonly string[], cwd: string): string[] {
  if (given.length > 0) return [...given];
  return (config.observed?.files ?? []).map((p) => path.relative(cwd, path.resolve(config.dir, p)).split(path.sep).join("/") || p);
}

/** Parses and validates a config text; `file` is how messages name it, `dir` what `paths` are relative to. */
export function parseConfig(text: string, file: string, dir: string): ConfigOutcome {
  const config: Config = { file, dir, rules: {}, ignore: [] };
  const parsed = parseYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const fail = (list: { line: number; column: number; message: string }[]): ConfigOutcome => ({
    ok: false,
    diagnostics: list
      .map((p) => ({ file, line: p.line, column: p.column, message: p.message }))
      .sort((a, b) => a.line - b.line || a.column - b.column),
  });
  if (parsed.errors.length > 0) return fail(parsed.errors);
  const docs = parsed.docs.filter((d): d is PNode => d !== null && !(d.kind === "scalar" && d.value === null));
  if (docs.length === 0) return { ok: true, config };
  const problems = new Problems();
  if (docs.length > 1) problems.add((docs[1] as PNode).at, "a config file holds one YAML document; found more than one");
  const root = docs[0] as PNode;
  if (root.kind !== "map") {
    problems.add(root.at, `expected the config to be a mapping of ${CONFIG_KEYS.join(", ")}; got ${describeNode(root)}`);
    return fail(problems.list);
  }
  checkKeys(root, CONFIG_KEYS, "the config", problems);

  const paths = field(root, "paths");
  if (paths !== undefined) {
    const items = paths.kind === "seq" ? paths.items : [paths];
    const list: string[] = [];
    for (const item of items) {
      if (item.kind === "scalar" && typeof item.value === "string" && item.value !== "") list.push(item.value);
      else problems.add(item.at, `expected "paths" to be a path or a list of paths (files or directories), got ${describeNode(item)}`);
    }
    if (paths.kind === "seq" && paths.items.length === 0)
      problems.add(paths.at, `"paths" is empty; leave it out to analyse the current directory`);
    config.paths = list;
  }

  const failOn = field(root, "failOn");
  if (failOn !== undefined) {
    const v = failOn.kind === "scalar" ? String(failOn.value) : "";
    if (failOn.kind === "scalar" && typeof failOn.value === "string" && (FAIL_ON as readonly string[]).includes(v))
      config.failOn = v as FailOn;
    else
      problems.add(failOn.at, `expected "failOn" to be one of ${FAIL_ON.join(", ")}, got ${describeNode(failOn)}${didYouMean(v, FAIL_ON)}`);
  }

  const rules = field(root, "rules");
  if (rules !== undefined) {
    if (rules.kind !== "map")
      problems.add(rules.at, `expected "rules" to be a mapping of rule id to ${RULE_LEVELS.join("|")}, got ${describeNode(rules)}`);
    else {
      for (const { key, value } of rules.pairs) {
        const id = readRuleId(key, problems, "rules");
        if (id === undefined) continue;
        const level = value.kind === "scalar" ? String(value.value) : "";
        if (value.kind === "scalar" && typeof value.value === "string" && (RULE_LEVELS as readonly string[]).includes(level)) {
          config.rules[id] = level as RuleLevel;
        } else {
          problems.add(
            value.at,
            `expected the level of ${id} to be one of ${RULE_LEVELS.join(", ")}, got ${describeNode(value)}${didYouMean(level, RULE_LEVELS)}`,
          );
        }
      }
    }
  }

  const ignore = field(root, "ignore");
  if (ignore !== undefined) {
    if (ignore.kind !== "seq")
      problems.add(ignore.at, `expected "ignore" to be a list of {rule, services, reason, until?}, got ${describeNode(ignore)}`);
    else
      for (const item of ignore.items) {
        const entry = readIgnore(item, file, problems);
        if (entry) config.ignore.push(entry);
      }
  }
  const observed = field(root, "observed");
  if (observed !== undefined) {
    const o = readObserved(observed, file, problems);
    if (o) config.observed = o;
  }
  const rto = field(root, "rto");
  if (rto !== undefined) {
    const read = readTierRto(rto, problems);
    if (read) config.rto = read;
  }
  return problems.list.length > 0 ? fail(problems.list) : { ok: true, config };
}

function readObserved(node: PNode, file: string, problems: Problems): ObservedConfig | undefined {
  if (node.kind !== "map") {
    problems.add(node.at, `expected "observed" to be a mapping of ${OBSERVED_KEYS.join(", ")}, got ${describeNode(node)}`);
    return undefined;
  }
  checkKeys(node, OBSERVED_KEYS, `"observed"`, problems);
  const out: ObservedConfig = { files: [], names: [], edges: "declared" };
  const files = field(node, "files");
  if (files !== undefined) {
    for (const item of files.kind === "seq" ? files.items : [files]) {
      if (item.kind === "scalar" && typeof item.value === "string" && item.value !== "") out.files.push(item.value);
      else
        problems.add(item.at, `expected "observed.files" to be a file or a list of files of observed traffic, got ${describeNode(item)}`);
    }
  }
  const names = field(node, "names");
  if (names !== undefined) {
    if (names.kind !== "seq") problems.add(names.at, `expected "observed.names" to be a list of {match, to}, got ${describeNode(names)}`);
    else
      for (const item of names.items) {
        if (item.kind !== "map") {
          problems.add(item.at, `expected an observed.names rule (a mapping with match and to), got ${describeNode(item)}`);
          continue;
        }
        checkKeys(item, NAME_RULE_KEYS, "an observed.names rule", problems);
        const text = (key: string): string | undefined => {
          const v = field(item, key);
          if (v === undefined) problems.add(item.at, `an observed.names rule needs "${key}"`);
          else if (v.kind !== "scalar" || typeof v.value !== "string")
            problems.add(v.at, `expected "${key}" to be text, got ${describeNode(v)}`);
          else return v.value;
          return undefined;
        };
        const match = text("match");
        const to = text("to");
        if (match === undefined || to === undefined) continue;
        const at = (field(item, "match") as PNode).at;
        const rule = { match, to, pos: { file, line: at.line, column: at.column } };
        // An invalid regular expression is an input error at its line in the config (SPEC §7).
        for (const d of compileNameRules([rule]).diagnostics) problems.add(at, d.message);
        out.names.push(rule);
      }
  }
  const edges = field(node, "edges");
  if (edges !== undefined) {
    const v = edges.kind === "scalar" ? String(edges.value) : "";
    if (edges.kind === "scalar" && (OBSERVED_EDGES as readonly string[]).includes(v)) out.edges = v as ObservedConfig["edges"];
    else
      problems.add(
        edges.at,
        `expected "observed.edges" to be one of ${OBSERVED_EDGES.join(", ")}, got ${describeNode(edges)}${didYouMean(v, OBSERVED_EDGES)}`,
      );
  }
  return out;
}

/** `rto: {0: 30m, 1: 2h}`: a duration per tier 0..3. */
function readTierRto(node: PNode, problems: Problems): Partial<Record<number, number>> | undefined {
  if (node.kind !== "map") {
    problems.add(
      node.at,
      `expected "rto" to be a mapping of tier (0..3) to a duration, such as {0: 30m, 1: 2h}, got ${describeNode(node)}`,
    );
    return undefined;
  }
  const out: Partial<Record<number, number>> = {};
  for (const { key, value } of node.pairs) {
    const raw = key.kind === "scalar" ? key.value : undefined;
    const tier = typeof raw === "number" ? raw : typeof raw === "string" && /^[0-3]$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(tier) || tier < 0 || tier > 3) {
      problems.add(key.at, `expected a tier 0..3 as a key of "rto", got ${describeNode(key)}`);
      continue;
    }
    const seconds = readDuration(`rto.${tier}`, value, problems);
    if (seconds !== undefined) out[tier] = seconds;
  }
  return out;
}

function checkKeys(node: PNode & { kind: "map" }, allowed: readonly string[], what: string, problems: Problems): void {
  for (const { key } of node.pairs) {
    const k = key.kind === "scalar" ? String(key.value) : "";
    if (key.kind !== "scalar") problems.add(key.at, `expected a plain key in ${what}, got ${describeNode(key)}`);
    else if (!allowed.includes(k))
      problems.add(key.at, `unknown key "${k}" in ${what}${didYouMean(k, allowed)}; expected one of: ${allowed.join(", ")}`);
  }
}

function readRuleId(node: PNode, problems: Problems, where: string): string | undefined {
  const id = node.kind === "scalar" ? String(node.value) : "";
  if (node.kind === "scalar" && typeof node.value === "string" && CONFIGURABLE_RULES.includes(id)) return id;
  if (ruleMetas.some((m) => m.id === id)) {
    // Known but not run as a rule: manifest-invalid, the input errors.
    problems.add(node.at, `${id} cannot be configured: input errors always stop the run (exit code 2)`);
  } else {
    problems.add(
      node.at,
      `unknown rule ${node.kind === "scalar" ? `"${id}"` : describeNode(node)} in "${where}"${didYouMean(id, CONFIGURABLE_RULES)}; the rules are: ${CONFIGURABLE_RULES.join(", ")}`,
    );
  }
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function readIgnore(item: PNode, file: string, problems: Problems): IgnoreEntry | undefined {
  if (item.kind !== "map") {
    problems.add(item.at, `expected an ignore entry (a mapping with rule, services and reason), got ${describeNode(item)}`);
    return undefined;
  }
  const before = problems.list.length;
  checkKeys(item, IGNORE_KEYS, "an ignore entry", problems);
  const entry: IgnoreEntry = { rule: "", services: [], reason: "", pos: { file, line: item.at.line, column: item.at.column } };
  const rule = field(item, "rule");
  if (!rule) problems.add(item.at, `an ignore entry needs "rule": the rule id whose findings it accepts`);
  else entry.rule = readRuleId(rule, problems, "ignore") ?? "";
  const services = field(item, "services");
  if (!services) problems.add(item.at, `an ignore entry needs "services": the services the finding is about`);
  else if (services.kind !== "seq" || services.items.length === 0) {
    problems.add(services.at, `expected "services" to be a non-empty list of service names, got ${describeNode(services)}`);
  } else {
    for (const s of services.items) {
      const name = readName(s, problems, "service name");
      if (name !== undefined && !entry.services.includes(name)) entry.services.push(name);
    }
  }
  const reason = field(item, "reason");
  if (!reason) problems.add(item.at, `an ignore entry needs "reason": why the risk is accepted (a ticket, a decision)`);
  else if (reason.kind !== "scalar" || typeof reason.value !== "string" || reason.value.trim() === "") {
    problems.add(reason.at, `expected "reason" to be non-empty text, got ${describeNode(reason)}`);
  } else entry.reason = reason.value;
  const until = field(item, "until");
  if (until !== undefined) {
    if (until.kind === "scalar" && typeof until.value === "string" && isDate(until.value)) entry.until = until.value;
    else problems.add(until.at, `expected "until" to be a date written YYYY-MM-DD, got ${describeNode(until)}`);
  }
  return problems.list.length === before ? entry : undefined;
}
