#!/usr/bin/env node
// The catch22 command line: wires commands to the pipeline; owns exit codes (0, 1, 2) and never shows a stack trace.
import { Command, CommanderError } from "commander";
import { printable } from "../util/text.js";
import { VERSION } from "../version.js";
import { commands } from "./commands/index.js";
import { UsageError } from "./io.js";

export async function main(argv: string[]): Promise<number> {
  const program = new Command("catch22")
    .description("Find the catch-22s in a system's recovery plan before an outage does.")
    .version(VERSION)
    .showSuggestionAfterError(true)
    .option("--no-color", "no ANSI colours, as NO_COLOR=1 (also after a command)")
    .exitOverride();
  for (const register of commands) register(program);
  for (const cmd of program.commands) cmd.exitOverride().option("--no-color", "no ANSI colours, as NO_COLOR=1");
  // Every colour decision reads NO_COLOR (util/color.ts): --no-color sets it for this run.
  program.hook("preAction", (_program, action) => {
    if (program.opts().color === false || action.opts().color === false) process.env.NO_COLOR = "1";
  });
  try {
    process.exitCode = 0;
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      // A usage error may hold several lines of its own (drill lists each bad pattern); each is escaped.
      process.stderr.write(`catch22: ${e.message.split("\n").map(printable).join("\n")}\n`);
      return 2;
    }
    process.stderr.write(`catch22: internal error: ${printable((e as Error)?.message ?? String(e))}\n`);
    if (process.env.CATCH22_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    else process.stderr.write("Please report it with the input that caused it (CATCH22_DEBUG=1 shows the stack).\n");
    return 2;
  }
}

// A reader that stops early (`catch22 check | head`) closes the pipe: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv);
