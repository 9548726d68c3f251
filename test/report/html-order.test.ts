// The HTML report and the serve payload do not depend on the order things are written in: shuffled entries, documents and files give the same data.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isSeq, parseAllDocuments } from "yaml";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";
import { embeddedJson } from "../helpers/html-data.js";

/** Reverses every runtime, rollback and services list, and the documents of each file; files swap names. */
function shuffled(dir: string): string {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const texts = names.map((n) => {
    const docs = parseAllDocuments(fs.readFileSync(path.join(dir, n), "utf8"));
    for (const doc of docs) {
      const stack: unknown[] = [doc.contents];
      while (stack.length > 0) {
        const node = stack.pop();
        if (isMap(node)) {
          for (const pair of node.items) {
            const key = String((pair.key as { value?: unknown })?.value);
            if (isSeq(pair.value) && ["runtime", "rollback", "services", "anyOf"].includes(key)) pair.value.items.reverse();
            stack.push(pair.value);
          }
        } else if (isSeq(node)) stack.push(...node.items);
      }
    }
    return docs
      .reverse()
      .map((d) => d.toString())
      .join("---\n");
  });
  const out = tempTree({});
  for (const [i, n] of names.entries()) fs.writeFileSync(path.join(out, n), texts[names.length - 1 - i] as string);
  return out;
}

/** The page's data, without positions (which name files and lines, and so must move with the text). */
function data(dir: string): string {
  const r = runCli(["check", ".", "--format", "html"], { cwd: dir });
  const value = JSON.parse(embeddedJson(r.stdout) ?? "null");
  return JSON.stringify(value, (key, v) =>
    ["namePos", "declared", "locations", "inputs"].includes(key)
      ? undefined
      : typeof v === "string"
        ? v.replace(/\S+\.yaml:\d+:\d+/g, "POS")
        : v,
  );
}

describe("the report's data is independent of declaration order", () => {
  for (const example of ["tencent-2024", "tencent-2024-fixed"]) {
    it(`${example}: shuffled entries, documents and files give byte-identical data (positions aside)`, () => {
      const dir = tempTree({});
      fs.cpSync(path.join(ROOT, "examples", example), dir, { recursive: true });
      const again = shuffled(dir);
      expect(fs.readFileSync(path.join(again, "paas.yaml"), "utf8")).not.toBe(fs.readFileSync(path.join(dir, "paas.yaml"), "utf8"));
      expect(data(again)).toBe(data(dir));
    });
  }

  it("carries a Content-Security-Policy with the hashes of its inline script and style", async () => {
    const { createHash } = await import("node:crypto");
    const html = runCli(["check", "examples/tencent-2024", "--format", "html"]).stdout;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/.exec(html)?.[1] ?? "";
    const hash = (t: string) => `'sha256-${createHash("sha256").update(t, "utf8").digest("base64")}'`;
    const script = /<script>(.*?)<\/script>/s.exec(html)?.[1] as string;
    const style = /<style>(.*?)<\/style>/s.exec(html)?.[1] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).not.toContain("unsafe-inline");
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
  });
});
