// Streams the values at chosen places of a large JSON document with stream-json, one at a time.
import type { Readable } from "node:stream";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parser } from "stream-json";
import { pick } from "stream-json/filters/pick.js";
import { streamValues } from "stream-json/streamers/stream-values.js";

/** A place in a document: the keys and array indexes from the root (stream-json's filter stack). */
export type JsonPath = readonly (string | number | null)[];

/**
 * Calls `each` with every value whose path `at` accepts, in document order, without holding the document.
 * Rejects with stream-json's error on malformed input (the caller locates it).
 */
export async function streamValuesAt(input: Readable, at: (path: JsonPath) => boolean, each: (value: unknown) => void): Promise<void> {
  const sink = new Writable({
    objectMode: true,
    write(item: { value: unknown }, _enc, done) {
      try {
        each(item.value);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  await pipeline(
    input,
    parser.asStream({ jsonStreaming: true }),
    pick.asStream({ filter: (stack: JsonPath) => at(stack) }),
    streamValues.asStream(),
    sink,
  );
}

/** Array items at the top level: `[x, y, …]`. */
export const topItems = (path: JsonPath): boolean => path.length === 1 && typeof path[0] === "number";

/** Items of an array under one of `keys` of the top-level object: `{"key": [x, y, …]}`. */
export const itemsUnder =
  (...keys: string[]) =>
  (path: JsonPath): boolean =>
    path.length === 2 && typeof path[1] === "number" && keys.includes(path[0] as string);
