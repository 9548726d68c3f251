// Word wrapping of the text report on a terminal (issue 15 item 9): breaks at spaces, never inside a word, continuation lines indented.
import { describe, expect, it } from "vitest";
import { visibleLength, wrapLine, wrapText } from "../../src/util/wrap.js";

describe("wrapLine", () => {
  it("breaks at word boundaries and indents continuation lines under the item", () => {
    const line = "  ✖ Rolling back cloud-api needs rollback-pipeline, which is down when the failure itself takes down";
    const out = wrapLine(line, 40);
    for (const l of out) expect(visibleLength(l)).toBeLessThanOrEqual(40);
    expect(out.join(" ").replace(/ +/g, " ").trim()).toBe(line.replace(/ +/g, " ").trim());
    expect(out.slice(1).every((l) => l.startsWith("    ") && !l.startsWith("     "))).toBe(true);
    expect(out.join("\n")).not.toMatch(/\bits\n|\nelf\b/);
  });

  it("keeps a word longer than the room whole, and leaves short lines alone", () => {
    expect(wrapLine("short", 80)).toEqual(["short"]);
    const out = wrapLine(`    x ${"a/".repeat(50)}file.yaml:1:1`, 30);
    expect(out[1]).toBe(`      ${"a/".repeat(50)}file.yaml:1:1`);
  });

  it("counts ANSI styling as no width, and leaves no trailing spaces where it breaks at padding", () => {
    const styled = `\u001b[1m${"word ".repeat(10).trim()}\u001b[22m`;
    expect(visibleLength(styled)).toBe(49);
    expect(wrapLine(styled, 60)).toEqual([styled]);
    const out = wrapLine("        cloud-api ⇒ rollback-pipeline  examples/tencent-2024/control-plane.yaml:19:14", 60);
    expect(out).toEqual(["        cloud-api ⇒ rollback-pipeline", "          examples/tencent-2024/control-plane.yaml:19:14"]);
  });

  it("wrapText with no width (not a terminal) returns the text unchanged", () => {
    const text = `${"x ".repeat(100)}\n`;
    expect(wrapText(text, undefined)).toBe(text);
  });
});
