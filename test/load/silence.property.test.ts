// SPEC §1 property: a walked file whose text contains "catch22" (any case) is never skipped as unreadable without a diagnostic.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../src/load/index.js";
import { decodeText } from "../../src/load/read-file.js";
import { parseYaml } from "../../src/load/yaml.js";
import { tempTree } from "../helpers/cli.js";

const OK = "apiVersion: catch22/v1\nkind: Service\nname: ok\nrollback: []\n";
const PIECES = [
  "apiVersion: ",
  "catch22/v1",
  "kind: Service\n",
  "name: a\n",
  "runtime: [",
  "]",
  "{",
  "}",
  ": ",
  "\n",
  "  ",
  "- ",
  "#",
  '"',
  "'",
  "\t",
  "*x",
  "&x ",
  "<<: ",
  "---\n",
  "\0",
  "\x1b",
  "\u200b",
  "é",
];

/** Text built from manifest pieces, with "catch22" in some casing spliced in somewhere, as bytes (sometimes with invalid UTF-8 or a BOM). */
const fileBytes = fc
  .tuple(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }),
    fc.nat(),
    fc.constantFrom("catch22", "CATCH22", "Catch22", "x-catch22", "cAtCh22"),
    fc.constantFrom("plain", "bom", "utf16", "badutf8"),
  )
  .map(([pieces, at, marker, enc]) => {
    const i = pieces.length === 0 ? 0 : at % (pieces.length + 1);
    const text = [...pieces.slice(0, i), marker, ...pieces.slice(i)].join("");
    if (enc === "bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    if (enc === "utf16") return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    if (enc === "badutf8") return Buffer.concat([Buffer.from(text), Buffer.from([0xc3, 0x28])]);
    return Buffer.from(text);
  });

describe("§1 nothing meant for catch22 is left out in silence (property)", () => {
  it("a walked file holding the marker is read, or an error names it, or it is valid YAML text skipped with a reason", () => {
    fc.assert(
      fc.property(fileBytes, (bytes) => {
        const dir = tempTree({ "ok.yaml": OK, "sub/x.yaml": bytes });
        const r = loadEstate(["."], { cwd: dir });
        const named = r.diagnostics.some((d) => d.file === "sub/x.yaml");
        const read = r.declarations.some((d) => d.pos.file === "sub/x.yaml");
        if (named || read) return;
        // Skipped: only as text that decodes and parses, with a reason for --verbose.
        const decoded = decodeText(bytes);
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect(parseYaml(decoded.text).errors).toEqual([]);
        expect(r.skipped.some((s) => s.file.startsWith("sub/x.yaml") && s.reason.length > 0)).toBe(true);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
