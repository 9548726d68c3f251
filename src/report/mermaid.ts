// Mermaid flowchart (renders in GitHub Markdown): runtime edges solid, rollback dotted, soft faint, anyOf labelled; findings in colour.
import { buildGraph, nodesBySystem } from "../graph/export.js";
import { SEVERITIES } from "../model/severity.js";
import { append } from "../util/append.js";
import { mermaid } from "../util/escape.js";
import { byCodeUnit } from "../util/order.js";
import type { ReportContext } from "./context.js";
import { FAINT, FINDING_COLOR } from "./dot.js";

export function renderMermaid(ctx: Pick<ReportContext, "estate" | "findings">): string {
  const graph = buildGraph(ctx.estate, ctx.findings);
  // Generated ids (n0, n1, …) keep names such as `end`, `constructor` or `a/b:c` out of Mermaid's syntax.
  const id = new Map<string, string>();
  graph.forEachNode((key) => {
    id.set(key, `n${id.size}`);
  });
  const out = [
    "%% catch22 service graph. Runtime edges solid, rollback edges dotted, soft edges faint, anyOf edges labelled;",
    "%% services and witness edges of findings in red (error), orange (warning) or blue (info).",
    "flowchart LR",
  ];
  const { systems, loose } = nodesBySystem(graph);
  const classes = new Map<string, string[]>();
  graph.forEachNode((key, a) => {
    const cls = a.finding ?? (a.declared ? undefined : "undeclared");
    if (cls) {
      const list = classes.get(cls);
      if (list) list.push(id.get(key) as string);
      else classes.set(cls, [id.get(key) as string]);
    }
  });
  const node = (key: string) => {
    const a = graph.getNodeAttributes(key);
    return `${id.get(key)}[${mermaid(a.declared ? a.name : `${a.name} (undeclared)`)}]`;
  };
  systems.forEach(([system, keys], i) => {
    out.push(`  subgraph s${i}[${mermaid(system)}]`);
    for (const key of keys) out.push(`    ${node(key)}`);
    out.push("  end");
  });
  for (const key of loose) out.push(`  ${node(key)}`);
  const linkStyles: string[] = [];
  let index = 0;
  graph.forEachEdge((_key, a, source, target) => {
    const arrow = a.kind === "rollback" ? "-.->" : "-->";
    const label = [a.kind === "rollback" ? "rollback" : "", a.api ?? "", a.anyOf ? "anyOf" : "", a.soft ? "soft" : ""]
      .filter(Boolean)
      .join(" · ");
    out.push(`  ${id.get(source)} ${arrow}${label ? `|${mermaid(label)}|` : ""} ${id.get(target)}`);
    if (a.finding) linkStyles.push(`  linkStyle ${index} stroke:${FINDING_COLOR[a.finding]},stroke-width:3px`);
    else if (a.soft) linkStyles.push(`  linkStyle ${index} stroke:${FAINT},color:${FAINT}`);
    index++;
  });
  append(out, linkStyles);
  for (const s of SEVERITIES) out.push(`  classDef ${s} stroke:${FINDING_COLOR[s]},stroke-width:3px`);
  out.push(`  classDef undeclared stroke-dasharray:4 3,color:#707070`);
  for (const cls of [...classes.keys()].sort(byCodeUnit)) out.push(`  class ${(classes.get(cls) as string[]).join(",")} ${cls}`);
  out.push("");
  return out.join("\n");
}
