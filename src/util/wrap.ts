// Word wrapping for the terminal: long lines break at spaces, never inside a word, with continuation lines indented under the text.

const ANSI = /\u001b\[[0-9;]*m/g;

/** The width a line takes on a terminal: ANSI styling takes none. */
export function visibleLength(s: string): number {
  return s.replace(ANSI, "").length;
}

/**
 * Wraps one line at `width` columns: breaks go at spaces, and each continuation line starts at the
 * line's own indent plus two, so it reads as part of the item above. A word longer than the room
 * (a long path) is kept whole on a line of its own rather than split.
 */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = /^ */.exec(line)?.[0].length ?? 0;
  const pad = " ".repeat(Math.min(indent + 2, Math.floor(width / 2)));
  const words = line.slice(indent).split(" ");
  const out: string[] = [];
  let current = " ".repeat(indent);
  let currentLength = indent;
  let empty = true;
  for (const word of words) {
    const w = visibleLength(word);
    if (empty && word === "" && out.length > 0) continue; // no leading spaces on a continuation line
    if (!empty && currentLength + 1 + w > width) {
      out.push(current.trimEnd());
      current = pad;
      currentLength = pad.length;
      empty = true;
    }
    current += empty ? word : ` ${word}`;
    currentLength += empty ? w : w + 1;
    empty = false;
  }
  out.push(current);
  return out;
}

/** Wraps every line of a text at `width` columns (undefined: as it is). */
export function wrapText(text: string, width: number | undefined): string {
  if (width === undefined || width < 20) return text;
  return text
    .split("\n")
    .flatMap((l) => wrapLine(l, width))
    .join("\n");
}

/** The width to wrap a report at: the terminal's columns when it goes to one, else none (pipes, files and CI logs get whole lines). */
export function terminalWidth(output: string | undefined): number | undefined {
  if (output !== undefined && output !== "-") return undefined;
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}
