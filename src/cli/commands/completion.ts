// `catch22 completion bash|zsh|fish`: a shell completion script generated from the commander program itself, so it lists the real commands and options.
import type { Command, Option } from "commander";
import { UsageError } from "../io.js";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  short?: string;
  long: string;
  description: string;
  takesValue: boolean;
  /** The values an option lists in its help ("…: text, json, sarif"), for completing them. */
  values: string[];
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
}

function optionSpec(o: Option): OptionSpec | undefined {
  if (!o.long) return undefined;
  const listed = /: ([a-z][a-z0-9-]*(?:, [a-z][a-z0-9-]*)+)/.exec(o.description)?.[1];
  return {
    ...(o.short ? { short: o.short } : {}),
    long: o.long,
    description: o.description,
    takesValue: o.required || o.optional,
    values: o.argChoices ?? (listed ? listed.split(", ") : []),
  };
}

/** The commands and options as the program declares them (help included). */
export function commandSpecs(program: Command): CommandSpec[] {
  return program.commands.map((c) => ({
    name: c.name(),
    description: c.description(),
    options: [
      ...c.options.map(optionSpec).filter((o): o is OptionSpec => o !== undefined),
      { short: "-h", long: "--help", description: "display help", takesValue: false, values: [] },
    ],
  }));
}

const words = (o: OptionSpec) => [o.short, o.long].filter((w): w is string => w !== undefined);
/** Single-quoted for any of the three shells. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(specs: CommandSpec[]): string {
  const cases = specs.map((c) => {
    const valueCases = c.options
      .filter((o) => o.takesValue)
      .map(
        (o) =>
          `        ${words(o).join("|")}) COMPREPLY=( $(compgen ${o.values.length > 0 ? `-W ${quote(o.values.join(" "))}` : "-f"} -- "$cur") ); return ;;`,
      );
    return [
      `    ${c.name})`,
      `      case "$prev" in`,
      ...valueCases,
      "      esac",
      `      opts=${quote(c.options.flatMap(words).join(" "))}`,
      "      ;;",
    ].join("\n");
  });
  return `# catch22 completion for bash: source <(catch22 completion bash)
_catch22() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W ${quote(specs.map((c) => c.name).join(" "))} -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join("\n")}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -o filenames -F _catch22 catch22
`;
}

/** Square brackets and colons end a zsh _arguments spec: escape them in descriptions. */
const zshText = (s: string) => s.replace(/[[\]:\\]/g, (c) => `\\${c}`).replace(/'/g, "'\\''");

function zsh(specs: CommandSpec[]): string {
  const commands = specs.map((c) => `    '${c.name}:${zshText(c.description)}'`).join("\n");
  const cases = specs.map((c) => {
    const args = c.options.map((o) => {
      const names = words(o);
      const flag = names.length > 1 ? `{${names.join(",")}}` : names[0];
      const value = o.takesValue ? `:value:${o.values.length > 0 ? `(${o.values.join(" ")})` : "_files"}` : "";
      return `        ${flag}'[${zshText(o.description)}]${value}'`;
    });
    return `    ${c.name})\n      _arguments \\\n${[...args, "        '*:file:_files'"].join(" \\\n")}\n      ;;`;
  });
  return `#compdef catch22
# catch22 completion for zsh: catch22 completion zsh > "\${fpath[1]}/_catch22"
_catch22() {
  local -a commands
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case "$words[1]" in
${cases.join("\n")}
  esac
}
compdef _catch22 catch22
`;
}

function fish(specs: CommandSpec[]): string {
  const lines = [
    "# catch22 completion for fish: catch22 completion fish > ~/.config/fish/completions/catch22.fish",
    "complete -c catch22 -f",
  ];
  for (const c of specs) lines.push(`complete -c catch22 -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`);
  for (const c of specs) {
    for (const o of c.options) {
      const parts = [`complete -c catch22 -n ${quote(`__fish_seen_subcommand_from ${c.name}`)}`];
      if (o.short) parts.push(`-s ${o.short.slice(1)}`);
      parts.push(`-l ${o.long.slice(2)}`);
      if (o.takesValue) parts.push(o.values.length > 0 ? `-x -a ${quote(o.values.join(" "))}` : "-r -F");
      parts.push(`-d ${quote(o.description)}`);
      lines.push(parts.join(" "));
    }
    lines.push(`complete -c catch22 -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -F`);
  }
  return `${lines.join("\n")}\n`;
}

const GENERATORS: Record<Shell, (specs: CommandSpec[]) => string> = { bash, zsh, fish };

export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script: bash, zsh, fish")
    .argument("<shell>", "bash, zsh or fish")
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion is for bash, zsh or fish, not "${shell}"`);
      process.stdout.write(GENERATORS[shell as Shell](commandSpecs(program)));
    });
}
