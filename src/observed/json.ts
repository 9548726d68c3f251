// JSON helpers for the readers: the position of a syntax error, and the part of a document a prefix holds.
import { jsonParser } from "stream-json/parser.js";
import { jsonVerifier } from "stream-json/utils/verifier.js";

/** stream-chain's end-of-input marker (a registered symbol), which flushes stream-json's functions. */
const END = Symbol.for("object-stream.none");

export interface JsonError {
  line: number;
  column: number;
  message: string;
}

/** Where `text` stops being JSON, 1-based, by stream-json's verifier; null when it is valid JSON. */
export function jsonError(text: string): JsonError | null {
  const verify = jsonVerifier() as (chunk: unknown) => unknown;
  try {
    verify(text);
    verify(END);
    return null;
  } catch (e) {
    const err = e as { line?: number; pos?: number; message?: string };
    return { line: err.line ?? 0, column: err.pos ?? 0, message: jsonMessage(String(err.message ?? e)) };
  }
}

/** The verifier's message without its position prefix (the diagnostic carries line and column). */
export function jsonMessage(verifierMessage: string): string {
  return `malformed JSON: ${verifierMessage.replace(/^ERROR at \d+ \(\d+, \d+\): (Verifier cannot parse input: )?/, "")}`;
}

type Container = unknown[] | Record<string, unknown>;

/**
 * The value that the opening `head` of a JSON document holds: containers with the members seen so far,
 * unfinished strings and numbers left out. A format's signature reads its first items from it.
 */
export function partialJson(head: string): unknown {
  // The bare tokenizer returns stream-chain's `many` wrapper: the tokens are its `values`.
  const parse = jsonParser({ streamValues: false }) as unknown as (chunk: unknown) => { values?: { name: string; value?: unknown }[] };
  let tokens: { name: string; value?: unknown }[];
  try {
    tokens = parse(head).values ?? [];
  } catch {
    return undefined;
  }
  const stack: Container[] = [];
  let key: string | null = null;
  let root: unknown;
  const put = (v: unknown): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) root = v;
    else if (Array.isArray(top)) top.push(v);
    else if (key !== null) top[key] = v;
  };
  for (const t of tokens) {
    switch (t.name) {
      case "startObject":
      case "startArray": {
        const c: Container = t.name === "startObject" ? {} : [];
        put(c);
        stack.push(c);
        break;
      }
      case "endObject":
      case "endArray":
        stack.pop();
        break;
      case "keyValue":
        key = t.value as string;
        break;
      case "stringValue":
        put(t.value);
        break;
      case "numberValue":
        put(Number(t.value));
        break;
      case "nullValue":
        put(null);
        break;
      case "trueValue":
        put(true);
        break;
      case "falseValue":
        put(false);
        break;
    }
  }
  return root;
}

/** A plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
