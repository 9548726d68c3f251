// How the CLI talks to the user: input errors on stderr with exit 2, reports to stdout or -o FILE.
import { once } from "node:events";
import * as fs from "node:fs";
import type { Diagnostic } from "../model/types.js";
import type { Where } from "../report/context.js";
import type { Format } from "../report/format.js";
import { type InvalidContext, inputError, renderInvalid } from "../report/invalid.js";
import { colorFor, style } from "../util/color.js";
import { didYouMean } from "../util/did-you-mean.js";
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
export function reportDiagnostics(diagnostics: readonly Diagnostic[], side?: string | undefined): number {
  const s = style(colorFor(process.stderr));
  const lines = diagnostics.map(
    (d) => `${s.red("error")} ${side ? `in the ${side}: ` : ""}${formatDiagnostic(d)}${d.frame ? `\n${s.dim(d.frame.join("\n"))}` : ""}`,
  );
  lines.push(
    s.dim(`catch22: ${plural(diagnostics.length, "input error")}${side ? ` in the ${side}` : ""}; nothing was analysed (exit code 2)`),
  );
  process.stderr.write(`${lines.join("\n")}\n`);
  return 2;
}

/** Where a command writes its report, for the error forms of input errors. */
export interface ReportTarget {
  format: string;
  output: string | undefined;
  command: InvalidContext["command"];
  where?: Where;
}

/**
 * Input errors (not command-line errors): on stderr, and as the machine format's error form to
 * stdout or -o FILE (SPEC §1) so a CI job has a report to show; exit code 2. `groups` pairs each
 * side of a diff ("base (origin/main)") with its errors; a check has one group and no side.
 */
export function reportInputErrors(target: ReportTarget, groups: readonly (readonly [string | undefined, readonly Diagnostic[]])[]): number {
  for (const [side, diagnostics] of groups) reportDiagnostics(diagnostics, side);
  const errors = groups.flatMap(([side, diagnostics]) =>
    diagnostics.map((d) => inputError(side ? { ...d, message: `in the ${side}: ${d.message}` } : d)),
  );
  const text = renderInvalid(target.format, {
    errors,
    command: target.command,
    ...(target.where ? { where: target.where } : {}),
  });
  if (text !== undefined) emit(text, target.output);
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

/** Pieces are gathered into writes of about this many characters. */
const WRITE_SIZE = 1 << 20;

/**
 * Writes a format's report to -o FILE or stdout: piece by piece when the format streams (JSON and
 * DOT grow with the estate: the 100k graph is ~70 MB), so no one string of the whole report is
 * built; `finish` (the text report's wrapping) needs the whole text, so it takes the string path.
 */
export async function emitFormat<C>(
  format: Format<C>,
  ctx: C,
  output: string | undefined,
  finish?: (text: string) => string,
): Promise<void> {
  if (!format.chunks || finish) {
    const text = format.render(ctx);
    emit(finish ? finish(text) : text, output);
    return;
  }
  const toStdout = output === undefined || output === "-";
  let fd: number | undefined;
  try {
    if (!toStdout) fd = fs.openSync(output, "w");
    let pending: string[] = [];
    let size = 0;
    const flush = async () => {
      const text = pending.join("");
      pending = [];
      size = 0;
      if (fd !== undefined) fs.writeSync(fd, text);
      else if (!process.stdout.write(text)) await once(process.stdout, "drain");
    };
    for (const piece of format.chunks(ctx)) {
      pending.push(piece);
      size += piece.length;
      if (size >= WRITE_SIZE) await flush();
    }
    await flush();
  } catch (e) {
    if (toStdout) throw e;
    throw new UsageError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Colour for a report: only when it goes to a terminal. */
export function reportColor(output: string | undefined): boolean {
  return (output === undefined || output === "-") && colorFor(process.stdout);
}

export function choice<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not "${value}"${didYouMean(value, allowed)}`);
}

/** The format of a command's table by id, or a usage error naming the closest one. */
export function formatOf<C>(id: string, table: readonly Format<C>[], command?: string): Format<C> {
  const format = table.find((f) => f.id === id);
  if (format) return format;
  const ids = table.map((f) => f.id);
  throw new UsageError(
    `unknown --format "${id}"${command ? ` for ${command}` : ""}${didYouMean(id, ids)}; expected one of ${ids.join(", ")}`,
  );
}
