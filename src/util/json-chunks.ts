// JSON.stringify(value, null, indent), byte for byte, as a sequence of pieces: large reports are written as they are made.

/** The pieces of `JSON.stringify(value, null, indent)`; containers down to `depth` are walked, deeper ones stringified whole. */
export function* jsonChunks(value: unknown, indent = 2, depth = 2): Generator<string> {
  // An explicit stack of open containers (no recursion): each frame yields its members one by one.
  type Frame = { items: [string | undefined, unknown][]; next: number; close: string; pad: string };
  const unit = " ".repeat(indent);
  const leaf = (v: unknown, pad: string): string => {
    const text = JSON.stringify(v, null, indent);
    return pad.length === 0 ? text : text.replaceAll("\n", `\n${pad}`);
  };
  const open = (v: unknown, pad: string): Frame | string => {
    const json =
      typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function"
        ? (v as { toJSON(): unknown }).toJSON()
        : v;
    if (typeof json !== "object" || json === null) return leaf(json, pad);
    if (Array.isArray(json)) {
      if (json.length === 0) return "[]";
      // Array members that JSON has no text for are written null, as JSON.stringify does.
      return { items: json.map((x) => [undefined, representable(x) ? x : null]), next: 0, close: "]", pad };
    }
    const items: [string, unknown][] = [];
    for (const [k, x] of Object.entries(json)) if (representable(x)) items.push([k, x]);
    if (items.length === 0) return "{}";
    return { items, next: 0, close: "}", pad };
  };
  const root = open(value, "");
  if (typeof root === "string") {
    yield root;
    return;
  }
  yield root.close === "]" ? "[" : "{";
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next === top.items.length) {
      stack.pop();
      yield `\n${top.pad}${top.close}`;
      continue;
    }
    const [key, member] = top.items[top.next] as [string | undefined, unknown];
    const pad = top.pad + unit;
    const head = `${top.next > 0 ? "," : ""}\n${pad}${key === undefined ? "" : `${JSON.stringify(key)}: `}`;
    top.next++;
    if (stack.length >= depth) {
      yield head + leaf(member, pad);
      continue;
    }
    const inner = open(member, pad);
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
