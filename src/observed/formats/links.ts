// Dependency links (Jaeger /api/dependencies, Zipkin /api/v2/dependencies, jaeger-ui, spark-dependencies): parent → child, callCount calls.
import { isObject } from "../json.js";
import { NameTally } from "../tally.js";
import type { FormatResult, ObservedFormat, Sample } from "../types.js";

function isLink(v: unknown): v is { parent: string; child: string; callCount: number } {
  return isObject(v) && typeof v.parent === "string" && typeof v.child === "string" && "callCount" in v;
}

/** The links array of a document: `{"data": [...]}`, `{"dependencies": [...]}` or a bare array. */
function linksOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return undefined;
  if (Array.isArray(json.data)) return json.data;
  if (Array.isArray(json.dependencies)) return json.dependencies;
  return undefined;
}

function detect(sample: Sample): boolean {
  const links = linksOf(sample.json);
  if (links === undefined) return false;
  // A complete document must be links throughout. A partial one is judged by the items it shows whole, or by
  // its unfinished first item. An empty array is read as no links: the formats sharing the shape give none either.
  if (sample.complete) return links.every(isLink);
  const seen = links.slice(0, -1);
  if (seen.length > 0) return seen.every(isLink);
  const first = links[0];
  return isObject(first) && (typeof first.parent === "string" || typeof first.child === "string" || "callCount" in first);
}

/** Tallies the links; a function of its own so the parsed document is garbage before the edges are built. */
function tallyLinks(links: readonly unknown[], tally: NameTally, diagnostics: FormatResult["diagnostics"]): void {
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    if (!isLink(link)) {
      diagnostics.push({ line: 0, column: 0, message: `dependency link ${i + 1} has no parent, child and callCount` });
      continue;
    }
    const calls = link.callCount;
    if (typeof calls !== "number" || !Number.isFinite(calls) || calls < 0) {
      diagnostics.push({
        line: 0,
        column: 0,
        message: `dependency link ${i + 1} (${link.parent} → ${link.child}): callCount is not a count`,
      });
      continue;
    }
    tally.add(tally.intern(link.parent), tally.intern(link.child), calls);
  }
}

export const dependencyLinks: ObservedFormat = {
  id: "dependency-links",
  title: "dependency links (Jaeger/Zipkin/spark-dependencies)",
  detect,
  async read(source) {
    const tally = new NameTally();
    const diagnostics: FormatResult["diagnostics"] = [];
    if (source.sample.complete) tallyLinks(linksOf(source.sample.json) ?? [], tally, diagnostics);
    else tallyLinks(linksOf(JSON.parse(await source.text())) ?? [], tally, diagnostics);
    return { edges: tally.edges(), diagnostics };
  },
};
