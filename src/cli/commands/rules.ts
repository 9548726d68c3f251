// `catch22 rules`: every rule with its level in effect (the config's, else its default), what it finds and its page.
import type { Command } from "commander";
import { CONFIGURABLE_RULES } from "../../config/config.js";
import type { RuleLevel } from "../../model/severity.js";
import type { Format } from "../../report/format.js";
import { ruleMetas } from "../../rules/index.js";
import { style } from "../../util/color.js";
import { emit, formatOf, reportColor, reportInputErrors } from "../io.js";
import { CONFIG_OPTION, resolveSettings } from "../settings.js";

interface RulesOptions {
  config?: string;
  format: string;
  output?: string;
}

interface RuleRow {
  id: string;
  level: RuleLevel;
  default: RuleLevel;
  /** Whether the config sets the level. */
  configured: boolean;
  summary: string;
  docs: string;
}

interface RulesContext {
  rows: RuleRow[];
  /** The config file the levels come from, if any. */
  configFile: string | undefined;
  color: boolean;
}

function renderRulesText(ctx: RulesContext): string {
  const s = style(ctx.color);
  const width = Math.max(...ctx.rows.map((r) => r.id.length));
  const level = (r: RuleRow) => (r.configured ? `${r.level} ${s.dim(`(config; default ${r.default})`)}` : r.level);
  const levelWidth = Math.max(...ctx.rows.map((r) => (r.configured ? `${r.level} (config; default ${r.default})` : r.level).length));
  const pad = (r: RuleRow) => " ".repeat(levelWidth - (r.configured ? `${r.level} (config; default ${r.default})` : r.level).length);
  const lines = ctx.rows.map((r) => `${r.id.padEnd(width)}  ${level(r)}${pad(r)}  ${s.dim(r.summary)}`);
  const source = ctx.configFile ? `levels from ${ctx.configFile}` : "default levels (no config file)";
  return `${lines.join("\n")}\n\n${s.dim(`${source}; each rule's page is docs/rules/<id>.md`)}\n`;
}

function renderRulesJson(ctx: RulesContext): string {
  return `${JSON.stringify({ schemaVersion: 1, rules: ctx.rows }, null, 2)}\n`;
}

const rulesFormats: readonly Format<RulesContext>[] = [
  { id: "text", description: "a table", render: renderRulesText },
  { id: "json", description: "the rules as JSON", render: renderRulesJson },
];

export function registerRules(program: Command): void {
  program
    .command("rules")
    .description("list the rules with the level each has under the config (error, warning, info or off)")
    .option("-f, --format <format>", `output format: ${rulesFormats.map((f) => f.id).join(", ")}`, "text")
    .option("-o, --output <file>", "write the list to a file instead of stdout")
    .option(...CONFIG_OPTION)
    .action((opts: RulesOptions, cmd: Command) => {
      const format = formatOf(opts.format, rulesFormats, "rules");
      const resolved = resolveSettings(cmd, [], opts);
      if (!resolved.ok) {
        process.exitCode = reportInputErrors({ format: format.id, output: opts.output, command: "check" }, [
          [undefined, resolved.diagnostics],
        ]);
        return;
      }
      const { config } = resolved.settings;
      const rows = ruleMetas.map((m): RuleRow => {
        // manifest-invalid is not configurable: input errors always stop the run.
        const set = CONFIGURABLE_RULES.includes(m.id) ? config.rules[m.id] : undefined;
        return {
          id: m.id,
          level: set ?? m.defaultSeverity,
          default: m.defaultSeverity,
          configured: set !== undefined,
          summary: m.summary,
          docs: m.docs,
        };
      });
      emit(format.render({ rows, configFile: config.file, color: reportColor(opts.output) }), opts.output);
    });
}
