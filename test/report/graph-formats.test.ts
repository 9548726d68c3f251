// dot, mermaid and graph json: every name survives escaping, edge kinds are styled, findings highlighted.
import * as fs from "node:fs";
import * as path from "node:path";
import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { renderDot } from "../../src/report/dot.js";
import { renderMermaid } from "../../src/report/mermaid.js";
import { runCli, tempTree } from "../helpers/cli.js";

/** DOT tokens: quoted strings (unescaped), bare IDs, `->` and single punctuation characters. */
function dotTokens(text: string): { kind: "string" | "id" | "punct"; value: string }[] {
  const out: { kind: "string" | "id" | "punct"; value: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (" \t\r\n".includes(c)) i++;
    else if (c === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated DOT string");
        const d = text[i] as string;
        if (d === '"') break;
        if (d === "\n") throw new Error("raw line break inside a DOT string");
        if (d === "\\") {
          const e = text[i + 1] as string;
          v += e === "n" ? "\n" : e;
          i += 2;
        } else {
          v += d;
          i++;
        }
      }
      i++;
      out.push({ kind: "string", value: v });
    } else if (c === "-" && text[i + 1] === ">") {
      out.push({ kind: "punct", value: "->" });
      i += 2;
    } else if ("{}[];=,".includes(c)) {
      out.push({ kind: "punct", value: c });
      i++;
    } else {
      let v = "";
      while (i < text.length && !' \t\r\n{}[];=,"'.includes(text[i] as string)) v += text[i++];
      out.push({ kind: "id", value: v });
    }
  }
  return out;
}

/** Edge statements of a DOT text: [source, target, attributes]. */
function dotEdges(text: string): [string, string, Record<string, string>][] {
  const t = dotTokens(text);
  const edges: [string, string, Record<string, string>][] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i]?.value !== "->") continue;
    const attrs: Record<string, string> = {};
    let k = i + 2;
    if (t[k]?.value === "[") {
      k++;
      while (t[k]?.value !== "]") {
        attrs[t[k]?.value as string] = t[k + 2]?.value as string;
        k += t[k + 3]?.value === "," ? 4 : 3;
      }
    }
    edges.push([t[i - 1]?.value as string, t[i + 1]?.value as string, attrs]);
  }
  return edges;
}

function unMermaid(label: string): string {
  let out = "";
  for (let i = 0; i < label.length; i++) {
    if (label[i] === "#") {
      const end = label.indexOf(";", i);
      out += String.fromCodePoint(Number(label.slice(i + 1, end)));
      i = end;
    } else out += label[i];
  }
  return out;
}

const FIXTURE = "test/fixtures/ci";
const NAMES = ["a.loop", "b.loop", "constructor", "deployer", "end", "graph", "nowhere", "subgraph", "team/api:v2.1-beta", "toString"];

describe("dot", { timeout: 60_000 }, () => {
  const r = runCli(["check", FIXTURE, "--format", "dot"]);

  it("is one balanced digraph whose node names read back exactly, keywords and Object.prototype names included", () => {
    expect(r.code).toBe(1);
    const t = dotTokens(r.stdout);
    expect(t.slice(0, 3).map((x) => x.value)).toEqual(["digraph", "catch22", "{"]);
    let depth = 0;
    for (const x of t) {
      if (x.value === "{") depth++;
      if (x.value === "}") depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    const nodes = new Set<string>();
    t.forEach((x, i) => {
      if (x.kind === "string" && t[i + 1]?.value === "[" && t[i + 2]?.value === "label") nodes.add(x.value);
    });
    expect([...nodes].sort()).toEqual(NAMES);
    expect(r.stdout).toContain('subgraph "cluster___proto__" {');
  });

  it("styles edge kinds: runtime solid, rollback dashed, soft faint, anyOf marked; witness edges of findings in red", () => {
    const edges = dotEdges(r.stdout);
    const find = (s: string, t: string) => edges.find(([a, b]) => a === s && b === t)?.[2];
    expect(find("team/api:v2.1-beta", "constructor")).toEqual({ style: "solid" });
    expect(find("team/api:v2.1-beta", "deployer")).toMatchObject({ style: "dashed", label: "rollback", color: "#d32f2f" });
    expect(find("team/api:v2.1-beta", "subgraph")).toMatchObject({ style: "solid", color: "#b0b0b0", label: "soft" });
    expect(find("team/api:v2.1-beta", "end")).toMatchObject({ label: "anyOf", arrowhead: "odiamond" });
    expect(find("team/api:v2.1-beta", "end")?.tooltip).toBe('anyOf: end, graph\nline one\nline two with "quotes" & <angle> | pipe #hash');
    expect(find("deployer", "toString")).toMatchObject({ color: "#d32f2f", penwidth: "2.5" });
    expect(edges).toHaveLength(10);
  });
});

describe("mermaid", { timeout: 60_000 }, () => {
  const r = runCli(["check", FIXTURE, "--format", "mermaid"]);
  const lines = r.stdout.split("\n");

  it("is a flowchart whose labels decode to the names, with generated ids and only known ids in edges", () => {
    expect(lines.find((l) => !l.startsWith("%%"))).toBe("flowchart LR");
    const ids = new Map<string, string>();
    for (const l of lines) {
      const t = l.trim();
      const open = t.indexOf('["');
      if (open > 0 && t.endsWith('"]') && !t.startsWith("subgraph")) ids.set(t.slice(0, open), unMermaid(t.slice(open + 2, -2)));
    }
    expect([...ids.values()].map((v) => v.replace(" (undeclared)", "")).sort()).toEqual(NAMES);
    for (const id of ids.keys()) expect(id.startsWith("n") && Number.isInteger(Number(id.slice(1)))).toBe(true);
    const edges = lines.map((l) => l.trim()).filter((l) => l.includes("-->") || l.includes("-.->"));
    expect(edges).toHaveLength(10);
    for (const e of edges) {
      const parts = e.split(" ");
      expect(ids.has(parts[0] as string), e).toBe(true);
      expect(ids.has(parts[parts.length - 1] as string), e).toBe(true);
    }
    for (const l of lines.filter((x) => x.trim().startsWith("linkStyle")))
      expect(Number(l.trim().split(" ")[1])).toBeLessThan(edges.length);
  });

  it("styles edge kinds and highlights findings: rollback dotted, anyOf labelled, soft faint, finding services in the error class", () => {
    const id = (name: string) => (lines.find((l) => l.trim().endsWith(`["${name}"]`)) as string).trim().split("[")[0] as string;
    const edges = lines.map((l) => l.trim()).filter((l) => l.includes("-->") || l.includes("-.->"));
    const api = id("team/api:v2.1-beta");
    expect(edges).toContain(`${api} -.->|"rollback"| ${id("deployer")}`);
    expect(edges).toContain(`${api} -->|"anyOf"| ${id("end")}`);
    const soft = edges.indexOf(`${api} -->|"soft"| ${id("subgraph")}`);
    expect(lines).toContain(`  linkStyle ${soft} stroke:#b0b0b0,color:#b0b0b0`);
    const witness = edges.indexOf(`${id("deployer")} --> ${id("toString")}`);
    expect(lines).toContain(`  linkStyle ${witness} stroke:#d32f2f,stroke-width:3px`);
    const errorClass = lines.find((l) => l.trim().startsWith("class ") && l.trim().endsWith(" error")) as string;
    expect(errorClass.trim().split(" ")[1]?.split(",")).toContain(api);
  });

  it("escapes labels so that quotes, brackets and # in a system name cannot end the label", () => {
    const estate = { services: [], ids: new Map<string, number>() };
    expect(renderMermaid({ estate, findings: [] })).toContain("flowchart LR");
    const dir = tempTree({
      "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: x\nsystem: 'a\"] --> b[\"#1'\nrollback: []\n",
    });
    const out = runCli(["graph", ".", "--format", "mermaid"], { cwd: dir }).stdout;
    expect(out).toContain('subgraph s0["a#34;#93; --#62; b#91;#34;#35;1"]');
    expect(renderDot({ estate, findings: [] })).toContain("digraph catch22 {");
  });
});

describe("catch22 graph", { timeout: 60_000 }, () => {
  it("exports json (graphology's format, keyed by name), dot and mermaid to -o FILE and exits 0 even with findings", () => {
    const dir = tempTree({});
    for (const format of ["json", "dot", "mermaid"]) {
      const file = path.join(dir, `g.${format}`);
      const r = runCli(["graph", "examples/tencent-2024", "--format", format, "-o", file]);
      expect(r.code, format).toBe(0);
      expect(r.stdout).toBe("");
      expect(fs.statSync(file).size).toBeGreaterThan(100);
    }
    const data = JSON.parse(fs.readFileSync(path.join(dir, "g.json"), "utf8"));
    expect(data).toMatchObject({ tool: { name: "catch22" }, schemaVersion: 1, options: { type: "directed", multi: true } });
    const g = MultiDirectedGraph.from(data);
    expect(g.order).toBe(17);
    expect(g.size).toBe(25 + 12);
    expect(g.getNodeAttributes("cloud-api")).toMatchObject({
      owner: "api-platform",
      system: "control-plane",
      tier: 0,
      declared: true,
      finding: "error",
    });
    expect(g.getEdgeAttributes("rollback:cloud-api->rollback-pipeline")).toMatchObject({
      kind: "rollback",
      soft: false,
      anyOf: false,
      finding: "error",
    });
    expect(g.getEdgeAttributes("runtime:cloud-api->metrics")).toMatchObject({ soft: true, note: "best-effort telemetry" });
    expect(runCli(["graph", "examples/tencent-2024", "--format", "json"]).stdout).toBe(fs.readFileSync(path.join(dir, "g.json"), "utf8"));
  });

  it("exits 2 on an unknown format and on invalid input", () => {
    const bad = runCli(["graph", "examples/tencent-2024", "--format", "svg"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown --format "svg" for graph; expected one of json, dot, mermaid');
    const dir = tempTree({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nruntim: []\n" });
    const r = runCli(["graph", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a.yaml:4:1: unknown key");
  });
});
