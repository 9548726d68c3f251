// Command-line options shared by the bench commands (generate-cli, run, web): commander, values checked as they are parsed.
import { type Command, CommanderError, InvalidArgumentError } from "commander";
import { UsageError } from "../cli/io.js";
import { SHAPES, type Shape } from "./shapes/index.js";

export { UsageError };

/** Where a command writes; tests pass their own to read what it says. */
export interface Output {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export const processOutput: Output = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
};

/** commander's value parser for an integer option: digits with an optional minus, within the safe range. */
export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError("expected an integer.");
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError("the integer is out of range.");
  return n;
}

export function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError("expected a positive integer.");
  return n;
}

/** `1000,10000`: one or more positive integers, comma-separated. */
export function positiveIntegers(value: string): number[] {
  const parts = value.split(",").map((t) => t.trim());
  const bad = parts.find((t) => !/^\d+$/.test(t) || !Number.isSafeInteger(Number(t)) || Number(t) < 1);
  if (bad !== undefined) throw new InvalidArgumentError(`expected positive integers, comma-separated; "${bad}" is not one.`);
  return parts.map(Number);
}

/** One shape (--shape). */
export function oneShape(value: string): Shape {
  const parts = shapeList(value);
  if (parts.length !== 1) throw new InvalidArgumentError(`expected one shape of ${SHAPES.join(", ")}.`);
  return parts[0] as Shape;
}

/** `star,chain`: shapes from the table, comma-separated (empty: none). */
export function shapeList(value: string): Shape[] {
  const parts = value
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const bad = parts.find((t) => !(SHAPES as readonly string[]).includes(t));
  if (bad !== undefined) throw new InvalidArgumentError(`unknown shape "${bad}"; expected some of ${SHAPES.join(", ")}.`);
  return parts as Shape[];
}

/**
 * Parses `argv` (node, script, args…) and runs the action. Returns the exit code: 0 after --help, 2 for a bad
 * command line (commander's message) or a UsageError from the action (`<name>: message`), else what the action set.
 */
export async function runProgram(program: Command, argv: string[], out: Output = processOutput): Promise<number> {
  program
    .exitOverride()
    .configureOutput({ writeOut: out.writeOut, writeErr: out.writeErr })
    .showHelpAfterError("(--help shows the options)");
  try {
    process.exitCode = 0;
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      out.writeErr(`${program.name()}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
