// The report table: adding an output format is adding one module and one line here.
import type { ReportContext } from "./context.js";
import { dotLines } from "./dot.js";
import { type Format, streamed } from "./format.js";
import { renderGithub } from "./github.js";
import { graphJson } from "./graph-json.js";
import { renderHtml } from "./html.js";
import { jsonReport } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderMermaid } from "./mermaid.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

/** The formats of `check --format`. */
export const formats: readonly Format<ReportContext>[] = [
  { id: "text", description: "the terminal report (colour only on a terminal)", render: renderText },
  { id: "json", description: "the JSON report of SPEC §6", ...streamed(jsonReport) },
  { id: "sarif", description: "SARIF 2.1.0 for GitHub code scanning", render: renderSarif },
  { id: "junit", description: "JUnit XML for CI test reports", render: renderJunit },
  { id: "markdown", description: "Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY", render: renderMarkdown },
  {
    id: "github",
    description: "GitHub Actions annotations (::error/::warning/::notice per finding)",
    render: (ctx) => renderGithub(ctx.findings),
  },
  { id: "dot", description: "the graph in Graphviz DOT, findings highlighted", ...streamed(dotLines) },
  { id: "mermaid", description: "the graph as a Mermaid flowchart, findings highlighted", render: renderMermaid },
  { id: "html", description: "the interactive web view as one self-contained file (works offline)", render: renderHtml },
];

/** What the graph formats read: the estate, and the findings they highlight. */
export type GraphContext = Pick<ReportContext, "estate" | "findings" | "observation">;

/** The formats of `catch22 graph --format`. */
export const graphFormats: readonly Format<GraphContext>[] = [
  { id: "json", description: "the graph in graphology's JSON serialization (Graph.from)", ...streamed(graphJson) },
  { id: "dot", description: "Graphviz DOT", ...streamed(dotLines) },
  { id: "mermaid", description: "a Mermaid flowchart", render: renderMermaid },
];

export { type Format, findFormat } from "./format.js";
