// JSON.stringify(value, null, indent), byte for byte (indent 0: compact), as a sequence of pieces: large reports are written as they are made.

/** An open container being written: its members (an array's items, or an object's written keys) one by one. */
interface Frame {
  array?: readonly unknown[];
  entries?: [string, unknown][];
  next: number;
  close: string;
  pad: string;
}

/**
 * The pieces of `JSON.stringify(value, null, indent)`. Containers down to `depth` are walked; below, the
 * members are written by JSON.stringify itself, an array's items `batch` at a time: each call is given the
 * members nested as deep as they stand, so its text is already indented and is cut out, not re-indented.
 */
export function* jsonChunks(value: unknown, indent = 2, depth = 2, batch = 256): Generator<string> {
  const unit = " ".repeat(indent);
  // indent 0 is JSON.stringify's compact text: no line breaks, no space after a key's colon.
  const nl = indent > 0 ? "\n" : "";
  const colon = indent > 0 ? ": " : ":";
  const nest = (v: unknown, level: number): unknown => {
    let w = v;
    for (let i = 0; i < level; i++) w = [w];
    return w;
  };
  const cuts = new Map<number, [number, number]>();
  /** JSON.stringify's text of `v` as it stands `level` containers deep (its inner lines indented to match). */
  const at = (v: unknown, level: number): string => {
    if (level === 0) return JSON.stringify(v, null, indent) ?? "null";
    let cut = cuts.get(level);
    if (!cut) {
      const probe = JSON.stringify(nest(0, level), null, indent);
      const i = probe.lastIndexOf("0");
      cut = [i, probe.length - i - 1];
      cuts.set(level, cut);
    }
    const text = JSON.stringify(nest(v, level), null, indent);
    return text.slice(cut[0], text.length - cut[1]);
  };
  const open = (v: unknown, pad: string, level: number): Frame | string => {
    const json =
      typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function"
        ? (v as { toJSON(): unknown }).toJSON()
        : v;
    if (typeof json !== "object" || json === null) return at(json, level);
    if (Array.isArray(json)) return json.length === 0 ? "[]" : { array: json, next: 0, close: "]", pad };
    const entries: [string, unknown][] = [];
    for (const [k, x] of Object.entries(json)) if (representable(x)) entries.push([k, x]);
    return entries.length === 0 ? "{}" : { entries, next: 0, close: "}", pad };
  };
  const root = open(value, "", 0);
  if (typeof root === "string") {
    yield root;
    return;
  }
  yield root.close === "]" ? "[" : "{";
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const size = top.array ? top.array.length : (top.entries as [string, unknown][]).length;
    if (top.next === size) {
      stack.pop();
      yield `${nl}${top.pad}${top.close}`;
      continue;
    }
    const level = stack.length;
    const pad = top.pad + unit;
    const comma = top.next > 0 ? "," : "";
    if (top.array && level >= depth) {
      // A run of items in one call: the batch nested one level up is "[\n<pad>a,\n<pad>b\n<pad less one>]" ("[a,b]" compact).
      const items = top.array.slice(top.next, top.next + batch);
      top.next += items.length;
      const text = at(items, level - 1);
      yield `${comma}${nl}${pad}${text.slice(1 + nl.length + pad.length, text.length - 1 - nl.length - top.pad.length)}`;
      continue;
    }
    const [key, member] = top.array
      ? [undefined, top.array[top.next]]
      : ((top.entries as [string, unknown][])[top.next] as [string, unknown]);
    top.next++;
    const head = `${comma}${nl}${pad}${key === undefined ? "" : `${JSON.stringify(key)}${colon}`}`;
    if (level >= depth) {
      yield head + at(member, level);
      continue;
    }
    const inner = open(representable(member) ? member : null, pad, level);
    if (typeof inner === "string") yield head + inner;
    else {
      yield head + (inner.close === "]" ? "[" : "{");
      stack.push(inner);
    }
  }
}

/** Whether JSON.stringify writes a member (undefined, functions and symbols are left out of objects). */
function representable(x: unknown): boolean {
  return x !== undefined && typeof x !== "function" && typeof x !== "symbol";
}
