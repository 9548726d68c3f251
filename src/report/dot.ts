// Graphviz DOT: services grouped by system; runtime edges solid, rollback dashed, soft faint, anyOf marked; findings in colour.
import { buildGraph, type EdgeAttributes, type NodeAttributes, nodesBySystem } from "../graph/export.js";
import type { Severity } from "../model/types.js";
import { dot } from "../util/escape.js";
import type { ReportContext } from "./context.js";

export const FINDING_COLOR: Record<Severity, string> = { error: "#d32f2f", warning: "#ef6c00", info: "#1565c0" };
export const FAINT = "#b0b0b0";

function attrs(list: [string, string | number][]): string {
  return list.length === 0 ? "" : ` [${list.map(([k, v]) => `${k}=${typeof v === "number" ? v : dot(v)}`).join(", ")}]`;
}

export function nodeLabel(name: string, a: NodeAttributes): string {
  if (!a.declared) return `${name}\n(undeclared)`;
  const facts = [a.owner, a.tier !== undefined ? `tier ${a.tier}` : undefined].filter((x) => x !== undefined);
  return facts.length > 0 ? `${name}\n${facts.join(" · ")}` : name;
}

function nodeLine(a: NodeAttributes): string {
  const name = a.name;
  const list: [string, string | number][] = [["label", nodeLabel(name, a)]];
  if (!a.declared) list.push(["style", "rounded,dashed"], ["color", FAINT], ["fontcolor", "#707070"]);
  if (a.finding) list.push(["color", FINDING_COLOR[a.finding]], ["penwidth", 2.5]);
  const tip = [a.description, a.rules ? `findings: ${a.rules.join(", ")}` : undefined].filter((x) => x !== undefined).join("\n");
  if (tip) list.push(["tooltip", tip]);
  return `${dot(name)}${attrs(list)};`;
}

function edgeLine(source: string, target: string, a: EdgeAttributes): string {
  const list: [string, string | number][] = [["style", a.kind === "rollback" ? "dashed" : "solid"]];
  const label = [a.kind === "rollback" ? "rollback" : "", a.api ?? "", a.anyOf ? "anyOf" : "", a.soft ? "soft" : ""]
    .filter(Boolean)
    .join(" · ");
  if (label) list.push(["label", label]);
  if (a.anyOf) list.push(["arrowhead", "odiamond"]);
  if (a.soft) list.push(["color", FAINT], ["fontcolor", FAINT]);
  if (a.finding) list.push(["color", FINDING_COLOR[a.finding]], ["fontcolor", FINDING_COLOR[a.finding]], ["penwidth", 2.5]);
  const tip = [a.anyOf && a.alternatives ? `anyOf: ${a.alternatives.join(", ")}` : undefined, a.note]
    .filter((x) => x !== undefined)
    .join("\n");
  if (tip) list.push(["tooltip", tip]);
  return `${dot(source)} -> ${dot(target)}${attrs(list)};`;
}

/** The DOT text in pieces, a line at a time. */
export function* dotLines(ctx: Pick<ReportContext, "estate" | "findings">): Generator<string> {
  const graph = buildGraph(ctx.estate, ctx.findings);
  const head = [
    "// catch22 service graph. Runtime edges solid, rollback edges dashed, soft edges faint, anyOf edges with a diamond;",
    "// services and witness edges of findings in red (error), orange (warning) or blue (info).",
    "digraph catch22 {",
    '  graph [rankdir=LR, fontname="Helvetica"];',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const line of head) yield `${line}\n`;
  const { systems, loose } = nodesBySystem(graph);
  for (const [system, keys] of systems) {
    yield `  subgraph ${dot(`cluster_${system}`)} {\n    label=${dot(system)};\n    style="rounded,dashed";\n    color="#9e9e9e";\n`;
    for (const key of keys) yield `    ${nodeLine(graph.getNodeAttributes(key))}\n`;
    yield "  }\n";
  }
  for (const key of loose) yield `  ${nodeLine(graph.getNodeAttributes(key))}\n`;
  for (const { attributes, sourceAttributes, targetAttributes } of graph.edgeEntries()) {
    yield `  ${edgeLine(sourceAttributes.name, targetAttributes.name, attributes)}\n`;
  }
  yield "}\n";
}

export const renderDot = (ctx: Pick<ReportContext, "estate" | "findings">): string => [...dotLines(ctx)].join("");
