// Escaping for XML, Markdown, DOT and Mermaid: what comes out reads back as what went in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dot, md, mdCode, mermaid, xml, xmlAttr } from "../../src/util/escape.js";
import { parseXml } from "../helpers/xml.js";

describe("escaping", () => {
  it("xml: any text round-trips through an attribute and an element (forbidden control characters dropped)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const el = parseXml(`<a v="${xmlAttr(s)}">${xml(s)}</a>`);
        expect(xmlAttr(s)).not.toMatch(/[\t\n\r]/);
        const lone = (c: string) => c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff;
        const kept = [...s]
          .filter((c) => c === "\t" || c === "\n" || c === "\r" || (c >= " " && c !== "\ufffe" && c !== "\uffff" && !lone(c)))
          .join("");
        expect(el.attributes.v).toBe(kept);
        expect(el.text).toBe(kept);
      }),
      { numRuns: 300 },
    );
  });

  it("dot: a quoted string has no raw quote or line break inside", () => {
    expect(dot('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });

  it("mermaid: only letters, digits and a few safe marks stay; the rest become entity codes", () => {
    expect(mermaid('x"] --> y[#')).toBe('"x#34;#93; --#62; y#91;#35;"');
    expect(mermaid("team/api:v2.1-beta")).toBe('"team/api:v2.1-beta"');
  });

  it("markdown: special characters are escaped in text; code spans survive backticks and pipes", () => {
    expect(md("a|b*c_<d>")).toBe("a\\|b\\*c\\_\\<d\\>");
    expect(mdCode("a`b|c")).toBe("``a`b\\|c``");
    expect(mdCode("`x`")).toBe("`` `x` ``");
  });
});
