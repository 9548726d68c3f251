// Escaping for the text formats that embed names and messages: XML, Markdown, DOT, Mermaid.
// Pure (no node:* import): the web view bundles it.
import { maxOf } from "./append.js";
import { printable } from "./text.js";

/** Characters XML 1.0 does not allow: controls other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** XML element text: the five specials escaped, carriage returns kept as references, characters XML 1.0 forbids dropped. */
export function xml(s: string): string {
  return s
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;");
}

/** An XML attribute value: as text, and tabs and line breaks as references (parsers turn raw ones into spaces). */
export function xmlAttr(s: string): string {
  return xml(s).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** Markdown inline text: characters that start formatting, links, HTML or table cells are backslash-escaped; line breaks become spaces. */
export function md(s: string): string {
  return printable(s.replace(/[\r\n]+/g, " ")).replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
}

/** Markdown code span: the text inside enough backticks; `|` escaped for table cells. */
export function mdCode(s: string): string {
  const text = printable(s.replace(/[\r\n]+/g, " ")).replace(/\|/g, "\\|");
  const runs = text.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, maxOf(runs.map((r) => r.length))) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n, other control characters shown escaped (`\\u001b`), never raw. */
export function dot(s: string): string {
  const lines = s.split(/\r?\n|\r/).map((line) => printable(line).replace(/\\/g, "\\\\").replace(/"/g, '\\"'));
  return `"${lines.join("\\n")}"`;
}

/** A Mermaid quoted label: anything outside a plain set becomes an entity code (#35; for "#"). */
export function mermaid(s: string): string {
  return `"${s.replace(/[^A-Za-z0-9 ._\-/:,=+()]/gu, (c) => `#${c.codePointAt(0)};`)}"`;
}
