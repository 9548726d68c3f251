// A tiny, strict XML reader for tests: well-formedness (nesting, quoting, escaping, one root) and a tree to inspect.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), concatenated. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isNameChar(c: string, first: boolean): boolean {
  const code = c.charCodeAt(0);
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || c === "_" || c === ":" || code > 127;
  if (first) return letter;
  return letter || (code >= 48 && code <= 57) || c === "-" || c === ".";
}

/** Parses an XML document; throws with the offset on anything that is not well-formed. */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${why} (near ${JSON.stringify(xml.slice(Math.max(0, i - 20), i + 20))})`);
  };
  const skipSpace = () => {
    while (i < xml.length && " \t\r\n".includes(xml[i] as string)) i++;
  };
  const readName = (): string => {
    const start = i;
    if (!isNameChar(xml[i] ?? "", true)) fail("expected a name");
    while (i < xml.length && isNameChar(xml[i] as string, false)) i++;
    return xml.slice(start, i);
  };
  const decode = (raw: string, inAttribute: boolean): string => {
    let out = "";
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k] as string;
      if (c === "<") fail("unescaped < in text");
      if (inAttribute && c === '"') fail('unescaped " in an attribute');
      if (c !== "&") {
        out += c;
        continue;
      }
      const end = raw.indexOf(";", k);
      if (end === -1) fail("unterminated entity");
      const ent = raw.slice(k + 1, end);
      if (ent.startsWith("#x")) out += String.fromCodePoint(Number.parseInt(ent.slice(2), 16));
      else if (ent.startsWith("#")) out += String.fromCodePoint(Number.parseInt(ent.slice(1), 10));
      else if (ENTITIES[ent] !== undefined) out += ENTITIES[ent];
      else fail(`unknown entity &${ent};`);
      k = end;
    }
    return out;
  };
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end === -1) fail("unterminated XML declaration");
    i = end + 2;
  }
  skipSpace();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] === "<") {
      if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i);
        if (end === -1) fail("unterminated comment");
        i = end + 3;
        continue;
      }
      if (xml[i + 1] === "/") {
        i += 2;
        const name = readName();
        skipSpace();
        if (xml[i] !== ">") fail("expected > after a closing tag");
        i++;
        const open = stack.pop();
        if (!open || open.name !== name) fail(`closing </${name}> does not match <${open?.name}>`);
        continue;
      }
      i++;
      const el: XmlElement = { name: readName(), attributes: {}, children: [], text: "" };
      for (;;) {
        const before = i;
        skipSpace();
        if (xml[i] === "/" && xml[i + 1] === ">") {
          i += 2;
          break;
        }
        if (xml[i] === ">") {
          i++;
          stack.push(el);
          break;
        }
        if (i === before) fail("expected whitespace before an attribute");
        const attr = readName();
        if (xml[i] !== "=") fail("expected = after an attribute name");
        i++;
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") fail("expected a quoted attribute value");
        const end = xml.indexOf(quote, i + 1);
        if (end === -1) fail("unterminated attribute value");
        if (Object.hasOwn(el.attributes, attr)) fail(`duplicate attribute ${attr}`);
        el.attributes[attr] = decode(xml.slice(i + 1, end), quote === '"');
        i = end + 1;
      }
      const parent = stack[stack.length - (stack[stack.length - 1] === el ? 2 : 1)];
      if (parent) parent.children.push(el);
      else if (root) fail("more than one root element");
      else root = el;
      continue;
    }
    const next = xml.indexOf("<", i);
    const raw = xml.slice(i, next === -1 ? xml.length : next);
    const top = stack[stack.length - 1];
    if (!top) {
      if (raw.trim() !== "") fail("text outside the root element");
    } else top.text += decode(raw, false);
    i = next === -1 ? xml.length : next;
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]?.name}> is never closed`);
  if (!root) fail("no root element");
  return root as XmlElement;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
