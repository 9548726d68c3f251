// The web bundle's module graph (from web/main.ts): no import circle, no node:* module (esbuild cannot bundle one).
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const IMPORT = /^\s*(?:import|export)\s(type\s)?(?:[^"';]*?\sfrom\s)?["']([^"']+)["']/gm;

/**
 * Every module reachable from the entry, with its imports: what esbuild bundles (`import type` is erased), or
 * with `types` every import (a circle of types is still a circle), within the files `within` accepts.
 */
function moduleGraph(entry: string, types: boolean, within: (file: string) => boolean = () => true): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [resolve(ROOT, entry)];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (graph.has(file)) continue;
    const deps: string[] = [];
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (m[1] && !types) continue;
      const spec = m[2] as string;
      if (!spec.startsWith(".")) {
        deps.push(spec);
        continue;
      }
      const ts = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      if (!within(ts)) continue;
      deps.push(ts);
      if (existsSync(ts)) todo.push(ts);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** The circles, by an iterative depth-first search (no recursion on the graph's depth). */
function circles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const found: string[][] = [];
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: { file: string; next: number }[] = [{ file: start, next: 0 }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { file: string; next: number };
      const deps = (graph.get(top.file) ?? []).filter((d) => graph.has(d));
      if (top.next >= deps.length) {
        state.set(top.file, "done");
        stack.pop();
        continue;
      }
      const dep = deps[top.next++] as string;
      if (state.get(dep) === "open") {
        const from = stack.findIndex((f) => f.file === dep);
        found.push([...stack.slice(from).map((f) => relative(ROOT, f.file)), relative(ROOT, dep)]);
      } else if (!state.has(dep)) {
        state.set(dep, "open");
        stack.push({ file: dep, next: 0 });
      }
    }
  }
  return found;
}

describe("the web bundle's modules", () => {
  const graph = moduleGraph("web/main.ts", false);

  it("import no circle, and web/ none even through types", () => {
    expect(graph.size).toBeGreaterThan(20);
    expect(circles(graph)).toEqual([]);
    const web = moduleGraph("web/main.ts", true, (f) => relative(ROOT, f).startsWith("web"));
    expect(web.size).toBeGreaterThan(20);
    expect(circles(web)).toEqual([]);
  });

  it("import no node:* module", () => {
    const nodeImports = [...graph].flatMap(([file, deps]) =>
      deps.filter((d) => d.startsWith("node:")).map((d) => `${relative(ROOT, file)}: ${d}`),
    );
    expect(nodeImports).toEqual([]);
  });

  it("are each under ~400 lines and start with one line on their role", () => {
    for (const file of graph.keys()) {
      if (!relative(ROOT, file).startsWith("web")) continue;
      const text = readFileSync(file, "utf8");
      expect(text.split("\n").length, relative(ROOT, file)).toBeLessThanOrEqual(400);
      expect(text.startsWith("// "), relative(ROOT, file)).toBe(true);
    }
  });
});
