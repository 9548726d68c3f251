// How the CLI talks to the user: input errors on stderr with exit 2, reports to stdout or -o FILE.
import * as fs from "node:fs";
import type { Diagnostic } from "../model/types.js";
import { colorFor, style } from "../util/color.js";
import { plural, printable } from "../util/text.js";

/** An error in the command line or the input: reported on stderr, exit code 2. */
export class UsageError extends Error {}

/** One line per error: the file name and the message escaped, so no key, reference or name from the input can forge a line (SPEC §1). */
export function formatDiagnostic(d: Diagnostic): string {
  const file = printable(d.file);
  const message = printable(d.message);
  return d.line > 0 ? `${file}:${d.line}:${d.column}: ${message}` : `${file}: ${message}`;
}

/** Prints input errors; `side` ("base (origin/main)", "head") says which input of a diff they are in. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], side?: string): number {
  const s = style(colorFor(process.stderr));
  const lines = diagnostics.map((d) => `${s.red("error")} ${side ? `in the ${side}: ` : ""}${formatDiagnostic(d)}`);
  lines.push(
    s.dim(`catch22: ${plural(diagnostics.length, "input error")}${side ? ` in the ${side}` : ""}; nothing was analysed (exit code 2)`),
  );
  process.stderr.write(`${lines.join("\n")}\n`);
  return 2;
}

/** Writes a report to -o FILE or stdout. */
export function emit(text: string, output: string | undefined): void {
  if (output === undefined || output === "-") {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(output, text);
  } catch (e) {
    throw new UsageError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Colour for a report: only when it goes to a terminal. */
export function reportColor(output: string | undefined): boolean {
  return (output === undefined || output === "-") && colorFor(process.stdout);
}

export function choice<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not "${value}"`);
}
