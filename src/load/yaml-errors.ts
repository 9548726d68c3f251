// YAML syntax errors a user can act on: the true position of a raw control character, the bracket left open, a code frame and a hint.
import { printable } from "../util/text.js";

/** A YAML error at its 1-based line and column (the parser's, made precise here). */
export interface ParseError {
  line: number;
  column: number;
  message: string;
  /** Lines to show under the error on a terminal: the source line, a caret, a hint. */
  frame?: string[];
}

/** Hints for the parser messages a mis-indented or mis-typed line gives, in the words of the mistake. */
const HINTS: [RegExp, string][] = [
  [
    /Implicit keys need to be on a single line|Implicit map keys need to be followed by map values|Nested mappings are not allowed in compact mappings/,
    'a line that is neither "key: value" nor "- item" (a missing ":" or a space after it?), or a line indented differently from the keys around it',
  ],
  [
    /All mapping items must start at the same column|bad indentation|must be sufficiently indented|Unexpected (?:scalar|flow)|end of the stream or a document separator is expected/i,
    "check the indentation: the keys of one mapping start at the same column, a list's items sit under their key, and YAML indents with spaces only",
  ],
  [/Tabs are not allowed|tab character/i, "YAML indents with spaces only: replace the tab"],
];

/** A raw character YAML cannot hold (C0 and C1 controls but tab and line breaks, DEL, lone surrogates, U+FFFE/U+FFFF). */
const NON_PRINTABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Adds to each error what helps: positions parsers get wrong, the opening bracket, the line with a caret, a hint. */
export function explainErrors(text: string, errors: ParseError[]): ParseError[] {
  const lines = text.split("\n");
  return errors.map((e) => {
    let out: ParseError = { ...e };
    if (/non-printable|Invalid character|control character/i.test(e.message)) {
      const m = NON_PRINTABLE.exec(text);
      if (m) {
        const at = pointOf(text, m.index);
        const code = `U+${(m[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
        out = {
          ...at,
          message: `a raw control character (${code}) in the text; YAML cannot hold it: write it escaped in a double-quoted string ("\\u${code.slice(2)}")`,
        };
      }
    }
    if (
      /Flow (?:sequence|mapping)|end with a [\]}]|missing closing|unexpected end of the stream within a flow collection/i.test(e.message)
    ) {
      const open = unclosedBracket(text, offsetOf(lines, out.line, out.column));
      if (open) out.message += `; the "${open.ch}" opened at ${open.line}:${open.column} is not closed`;
    }
    const source = lines[out.line - 1];
    if (source !== undefined && out.line > 0) {
      const shown = printable(source.replace(/\r$/, ""));
      const caret = `${" ".repeat(Math.max(0, Math.min(out.column - 1, 200)))}^`;
      const frame = [`${String(out.line).padStart(5)} | ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`, `      | ${caret}`];
      const hint = HINTS.find(([re]) => re.test(e.message))?.[1];
      if (hint) frame.push(`  hint: ${hint}`);
      out.frame = frame;
    }
    return out;
  });
}

function pointOf(text: string, i: number): { line: number; column: number } {
  const before = text.slice(0, i);
  const nl = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: i - nl };
}

function offsetOf(lines: readonly string[], line: number, column: number): number {
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += (lines[i] as string).length + 1;
  return off + column - 1;
}

/** The innermost `[` or `{` still open at offset `end`, skipping quoted text and comments (a scan good enough for a hint). */
function unclosedBracket(text: string, end: number): { ch: string; line: number; column: number } | undefined {
  const stack: number[] = [];
  let quote = "";
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== "") {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") {
      const prev = text[i - 1];
      if (prev === undefined || /[\s[{,:]/.test(prev)) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "[" || c === "{") stack.push(i);
    else if ((c === "]" || c === "}") && stack.length > 0) stack.pop();
  }
  const open = stack.pop();
  if (open === undefined) return undefined;
  return { ch: text[open] as string, ...pointOf(text, open) };
}
