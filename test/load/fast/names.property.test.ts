// The fast path's table of strings against a Map (property): one string per text, equal to it, across the table's growth.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyOf, HASH_SEED, hashStep, StringTable } from "../../../src/load/fast/names.js";

function hashOf(text: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/** Names from a small alphabet, so that repeats and shared prefixes are common; long ones past the 13 characters a slice shares its text at. */
const NAME = fc.stringMatching(/^[ab/-]{1,3}(?:[a-z0-9]{0,20})?$/);

describe("StringTable (property)", () => {
  it("gives for each text the one string equal to it, whether found by `at` in a larger text or by `of`, as a Map would", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(NAME, fc.boolean(), fc.boolean()), { maxLength: 300 }), fc.nat(6000), (ops, fill) => {
        const table = new StringTable();
        const seen = new Map<string, string>();
        const singles = new Map<string, readonly string[]>();
        // names between the others', so that the table grows (it starts with room for 2048) while it holds them
        const more = Array.from({ length: fill }, (_, i): [string, boolean, boolean] => [`fill-${i}`, i % 2 === 0, i % 3 === 0]);
        const all = ops.flatMap((op, i) => [op, ...more.slice((i * fill) / ops.length, ((i + 1) * fill) / ops.length)]);
        for (const [name, inText, withBytes] of [...all, ...ops, ...more]) {
          let got: string;
          if (inText) {
            const text = `x: ${name}\n`;
            got = table.at(text, 3, 3 + name.length, hashOf(text, 3, 3 + name.length), withBytes ? Buffer.from(text) : undefined);
          } else got = table.of(name);
          expect(got).toBe(name);
          const first = seen.get(name);
          // the same string each time: a repeated name costs no new string
          if (first !== undefined) expect(Object.is(got, first)).toBe(true);
          else seen.set(name, got);
          // the shared one-name list is of the string just returned, the same list each time
          const single = table.single();
          expect(single).toEqual([name]);
          const before = singles.get(name);
          if (before !== undefined) expect(single === before).toBe(true);
          else singles.set(name, single);
        }
      }),
      { numRuns: 25, seed: 14 },
    );
  });

  it("copies a text's characters from its bytes or from the text, the same either way", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{0,40}$/), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        expect(copyOf(text, start, end, Buffer.from(text))).toBe(text.slice(start, end));
        expect(copyOf(text, start, end)).toBe(text.slice(start, end));
      }),
      { seed: 14 },
    );
  });
});
