// Files loaded from memory (diff --base-ref) are found and read exactly as the same files on disk.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../src/load/index.js";
import type { MemoryTree } from "../../src/load/memory.js";
import { tempTree } from "../helpers/cli.js";

const M = (name: string, runtime = "[]") => `apiVersion: catch22/v1\nkind: Service\nname: ${name}\nruntime: ${runtime}\n`;

describe("loading from memory", () => {
  it("walks, skips and reads as the disk does: same declarations, diagnostics and skipped list", () => {
    const files: Record<string, string> = {
      "z.yaml": M("z", "[a]"),
      "a/b.yml": M("b"),
      "a/c/d.yaml": M("d", "[nope]"),
      "a/aa.yaml": M("aa"),
      "a-b.yaml": M("ab"),
      "a/.hidden/h.yaml": M("h"),
      "node_modules/n.yaml": M("n"),
      "bad.yaml": "apiVersion: catch22/v1\nkind: Service\nname: bad\ntier: 9\n",
      "notes.txt": "x",
    };
    const root = tempTree(files);
    const tree: MemoryTree = {
      root,
      files: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])),
      links: new Set(),
    };
    for (const inputs of [["."], ["a", "z.yaml"], ["a/c"]]) {
      const disk = loadEstate(inputs, { cwd: root });
      const mem = loadEstate(inputs, { cwd: root, memory: tree });
      expect(mem.declarations, inputs.join(" ")).toEqual(disk.declarations);
      expect(mem.diagnostics).toEqual(disk.diagnostics);
      expect(mem.skipped).toEqual(disk.skipped);
    }
  });

  it("never touches the disk: a tree whose directory does not exist loads, and a link is listed as skipped", () => {
    const root = path.join(tempTree({}), "not-there");
    const tree: MemoryTree = { root, files: new Map([["s/a.yaml", Buffer.from(M("a"))]]), links: new Set(["s/l.yaml"]) };
    const r = loadEstate(["s"], { cwd: root, memory: tree });
    expect(r.diagnostics).toEqual([]);
    expect(r.declarations.map((d) => d.name)).toEqual(["a"]);
    expect(r.skipped).toEqual([{ file: "s/l.yaml", reason: "a symbolic link in the base revision (not followed)" }]);
    expect(fs.existsSync(root)).toBe(false);
  });
});
