// The report table: adding an output format is adding one module and one line here.
import type { ReportContext } from "./context.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderText } from "./text.js";

export interface Format {
  id: string;
  description: string;
  render(ctx: ReportContext): string;
}

export const formats: readonly Format[] = [
  { id: "text", description: "the terminal report (colour only on a terminal)", render: renderText },
  { id: "json", description: "the JSON report of SPEC §6", render: renderJson },
  { id: "html", description: "the interactive web view as one self-contained file (works offline)", render: renderHtml },
];

export function findFormat(id: string): Format | undefined {
  return formats.find((f) => f.id === id);
}
