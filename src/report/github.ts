// GitHub Actions workflow commands (SPEC §5 `--format github`): one `::error`/`::warning`/`::notice` line per finding or input error, shown as annotations.
import type { Diagnostic, Finding, Severity, SourcePos } from "../model/types.js";
import { hasWitness } from "../rules/index.js";
import { printable } from "../util/text.js";
import { chain } from "./text.js";

type Command = "error" | "warning" | "notice";
const COMMAND: Record<Severity, Command> = { error: "error", warning: "warning", info: "notice" };

/** An input error whose position may be unknown (SPEC §1: null in JSON, 0 in the loader's diagnostics). */
export type GithubDiagnostic = Omit<Diagnostic, "line" | "column"> & { line: number | null; column: number | null };

/**
 * A command's message: `%`, CR and LF percent-encoded as the runner decodes them, so that no text
 * from a manifest can end the line and forge a command of its own; other control characters are
 * shown escaped (`\u001b`), as everywhere catch22 prints input text.
 */
export function escapeData(s: string): string {
  return printable(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** A property value (`file=`, `title=`): as a message, and `:` and `,` too, which end a property. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(name: Command, properties: [string, string | number][], message: string): string {
  const props = properties.map(([k, v]) => `${k}=${typeof v === "number" ? v : escapeProperty(v)}`).join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}\n`;
}

/** `file=`, and `line=`/`col=` when the position has them (a line or column of 0 or null is unknown). */
function position(pos: { file: string; line: number | null; column: number | null } | undefined): [string, string | number][] {
  if (!pos || pos.file === "") return [];
  const props: [string, string | number][] = [["file", pos.file]];
  if (pos.line !== null && pos.line > 0) {
    props.push(["line", pos.line]);
    if (pos.column !== null && pos.column > 0) props.push(["col", pos.column]);
  }
  return props;
}

function findingLine(f: Finding): string {
  const first: SourcePos | undefined = f.locations[0];
  // An anyOf: every alternative's chain, so the annotation names the line that took each one down.
  const chains = f.chains ? f.chains.map((c) => chain(c.path)).join("; ") : chain(f.path);
  const text = hasWitness(f) ? `${f.message}: ${chains}` : f.message;
  return command(COMMAND[f.severity], [...position(first), ["title", f.rule]], text);
}

/**
 * The findings (at their first location) and input errors (as `manifest-invalid` errors, at their
 * file only when they have no line), input errors first; nothing at all when there are neither.
 */
export function renderGithub(findings: readonly Finding[], diagnostics: readonly GithubDiagnostic[] = []): string {
  const lines = diagnostics.map((d) => command("error", [...position(d), ["title", "manifest-invalid"]], d.message));
  for (const f of findings) lines.push(findingLine(f));
  return lines.join("");
}
