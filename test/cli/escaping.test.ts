// SPEC §1: text from manifests, config and file names never reaches a terminal or a report as raw control characters.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { dot, md, mdCode } from "../../src/util/escape.js";
import { printable } from "../../src/util/text.js";
import type { Visible, VNode } from "../../web/derive.js";
import { toSvg } from "../../web/export.js";
import { STATE_LOOK } from "../../web/style.js";
import { runCli, tempTree } from "../helpers/cli.js";
import { parseXml } from "../helpers/xml.js";

/** C0 (but tab and newline, which end lines), DEL, C1, line separators and bidi overrides. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("printable and the escapers (SPEC §1)", () => {
  it("printable escapes C0 and C1 controls, line separators and bidi characters, and nothing else", () => {
    expect(printable("a\u001b[31mb\u009b2J\u0085c\u202ed\u2066e\u2028f")).toBe("a\\u001b[31mb\\u009b2J\\u0085c\\u202ed\\u2066e\\u2028f");
    expect(printable("plain é ✔ 名")).toBe("plain é ✔ 名");
  });

  it("DOT, Markdown and code spans carry no raw control character", () => {
    for (const s of ["x\u001b]0;t\u0007", "a\u009bb", "c\u202ed", "l1\nl2"]) {
      expect(dot(s)).not.toMatch(RAW);
      expect(dot(s)).not.toMatch(/\n/);
      expect(md(s)).not.toMatch(RAW);
      expect(mdCode(s)).not.toMatch(RAW);
    }
    expect(dot("a\u001bb\\c")).toBe('"a\\\\u001bb\\\\c"');
  });

  it("an SVG export of a name holding control characters is well-formed XML", () => {
    const node: VNode = { id: "n", label: "bad\u0001\u001b[31m<name>&\u0085", kind: "service", state: "clean", x: 0, y: 0, r: 8 };
    const v = { nodes: [node], edges: [], byId: new Map([["n", node]]), nodeOf: new Map() } as unknown as Visible;
    const svg = toSvg(
      v,
      {
        nodePaint: () => ({ look: STATE_LOOK.clean, opacity: 1, highlighted: false, selected: false }),
        edgePaint: () => ({ opacity: 1, highlighted: false }),
      } as unknown as Parameters<typeof toSvg>[1],
      "title\u0002",
    );
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).toContain("bad[31m&lt;name&gt;&amp;");
  });
});

describe("the CLI never prints raw control characters or forged lines (SPEC §1)", () => {
  it("a newline in a file name cannot forge an `error` line; an ESC in a file name is escaped in the report", () => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, "x\nerror fake.yaml:1:1: forged.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: a\nbogus: 1\n");
    const bad = runCli(["check", "."], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n").filter((l) => l.startsWith("error fake.yaml"))).toEqual([]);
    expect(bad.stderr).toContain('error x\\nerror fake.yaml:1:1: forged.yaml:4:1: unknown key "bogus"');

    const ok = tempTree({});
    fs.writeFileSync(path.join(ok, "b\u001b]0;pwn\u0007.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: b\n");
    fs.writeFileSync(
      path.join(ok, "d\n::error file=e.yaml::forged.yaml"),
      "apiVersion: catch22/v1\nkind: Service\nname: d\nruntime: [zz]\n",
    );
    const r = runCli(["check", "."], { cwd: ok });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain("b\\u001b]0;pwn\\u0007.yaml:3:7");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::error"))).toEqual([]);
    for (const format of ["markdown", "dot", "mermaid", "junit", "json", "sarif"]) {
      expect(runCli(["check", ".", "--format", format], { cwd: ok }).stdout, format).not.toMatch(RAW);
    }
  });

  it("config keys (rule ids), Backstage annotation keys and entity references are escaped in errors", () => {
    const cfg = tempTree({
      "catch22.config.yaml": 'rules:\n  "\\e]0;t\\a\\u009b": off\n',
      "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\n",
    });
    const c = runCli(["check", "."], { cwd: cfg });
    expect(c.code).toBe(2);
    expect(c.stderr).not.toMatch(RAW);
    expect(c.stderr).toContain('unknown rule "\\u001b]0;t\\u0007\\u009b"');

    const bs = tempTree({
      "c.yaml":
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\n  annotations:\n    "catch22.dev/\\e[31mred": x\nspec:\n  type: service\n  owner: "t\\nerror fake.yaml:1:1: x"\n  dependsOn: ["component:\\e[2Jz"]\n',
    });
    const b = runCli(["check", "."], { cwd: bs });
    expect(b.code).toBe(2);
    expect(b.stderr).not.toMatch(RAW);
    expect(b.stderr.split("\n").filter((l) => l.startsWith("error fake.yaml"))).toEqual([]);
    expect(b.stderr).toContain('unknown annotation "catch22.dev/\\u001b[31mred"');
    expect(b.stderr).toContain('invalid entity reference "component:\\u001b[2Jz"');
  });
});
