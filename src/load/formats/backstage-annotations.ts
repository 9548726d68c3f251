// Backstage `catch22.dev/` annotations: requirement lists (`"a, b|c, api:payments"`) and the service facts carried as YAML text.
import { type FactKey, type FactType, SERVICE_FACTS } from "../../model/facts.js";
import type { DependencyKind, Entry, SourcePos } from "../../model/types.js";
import { append } from "../../util/append.js";
import { didYouMean } from "../../util/did-you-mean.js";
import { readFact } from "../fields.js";
import { type PNode, type Point, parseYaml } from "../yaml.js";
import { checkName, describeNode, type Problems } from "../yaml-node.js";
import { DEPENDENCY_KINDS, type EntityRef, parseEntityRef, serviceName, viaEntry } from "./backstage-refs.js";
import type { AdapterSource } from "./contract.js";
/**
 * A fact annotation's value: its text read as YAML (a list of names may be written "a, b"), every
 * node placed at the annotation's value, then checked by the fact's own reader.
 */
export function readFactAnnotation(key: FactKey, annotation: string, value: PNode, src: AdapterSource, problems: Problems) {
  if (value.kind !== "scalar" || typeof value.value !== "string") {
    problems.add(value.at, `expected annotation "${annotation}" to be text, got ${describeNode(value)}`);
    return undefined;
  }
  const text = value.value;
  let node: PNode;
  if (SERVICE_FACTS[key].type === "names" && !text.trimStart().startsWith("[")) {
    const at = positionsInScalar(value, src.line);
    const items: PNode[] = [];
    let offset = 0;
    for (const part of text.split(",")) {
      const lead = part.length - part.trimStart().length;
      items.push({ kind: "scalar", value: part.trim(), at: at(offset + lead) });
      offset += part.length + 1;
    }
    node = { kind: "seq", items: text.trim() === "" ? [] : items, at: value.at };
  } else {
    const parsed = parseYaml(text);
    const doc = parsed.docs[0];
    if (parsed.errors.length > 0 || parsed.docs.length !== 1 || !doc) {
      problems.add(
        value.at,
        `expected annotation "${annotation}" to hold a value in YAML, such as ${ANNOTATION_EXAMPLES[SERVICE_FACTS[key].type]}`,
      );
      return undefined;
    }
    node = placedAt(doc, value.at);
  }
  return readFact(key, node, problems, annotation);
}

const ANNOTATION_EXAMPLES: Record<FactType, string> = {
  text: '"text"',
  label: '"team-a"',
  tier: '"1"',
  name: '"eu-west-1a"',
  names: '"cloud-api.prod, cloudapi"',
  duration: '"30m"',
  recovery: '"{rollback: 20m, start: 2m}"',
  provides: '"[{api: payments, versions: [v1, v2]}]"',
};

/** A copy of a parsed tree with every node at `at` (positions inside an annotation's text are not the file's). */
function placedAt(root: PNode, at: Point): PNode {
  const copy = (n: PNode): PNode =>
    n.kind === "scalar"
      ? { ...n, at }
      : n.kind === "seq"
        ? { kind: "seq", items: [...n.items], at }
        : { kind: "map", pairs: [...n.pairs], at };
  const top = copy(root);
  // Iterative: each copied collection's children are copied in turn.
  const stack: PNode[] = [top];
  while (stack.length > 0) {
    const n = stack.pop() as PNode;
    if (n.kind === "seq") {
      n.items = n.items.map(copy);
      append(stack, n.items);
    } else if (n.kind === "map") {
      n.pairs = n.pairs.map((p) => ({ key: copy(p.key), value: copy(p.value) }));
      for (const p of n.pairs) stack.push(p.key, p.value);
    }
  }
  return top;
}

/**
 * Reads an annotation's list of requirements: `"a, b|c, api:payments"` — commas separate
 * requirements, `|` separates the alternatives of an `anyOf`, each item is an entity reference.
 * An empty text is an empty list (`catch22.dev/rollback: ""` means "needs nothing").
 */
export function readAnnotationList(
  node: PNode & { kind: "scalar" },
  key: string,
  kind: DependencyKind,
  soft: boolean,
  namespace: string,
  src: AdapterSource,
  problems: Problems,
): Entry[] {
  const text = String(node.value);
  const at = positionsInScalar(node, src.line);
  const pos = (offset: number): SourcePos => ({ file: src.file, ...at(offset) });
  const out: Entry[] = [];
  if (text.trim() === "") return out;
  let start = 0;
  for (const item of text.split(",")) {
    const itemStart = start;
    start += item.length + 1;
    if (item.trim() === "") {
      problems.add(
        at(itemStart),
        `empty requirement in annotation "${key}": write names separated by commas, such as "deploy-pipeline, config-store"`,
      );
      continue;
    }
    // Each alternative of `a|b`, with the offset of its first character.
    const alternatives: { ref: EntityRef | string; written: string; offset: number }[] = [];
    let altStart = itemStart;
    for (const alt of item.split("|")) {
      const offset = altStart + (alt.length - alt.trimStart().length);
      altStart += alt.length + 1;
      const written = alt.trim();
      alternatives.push({ ref: written === "" ? "" : parseEntityRef(written, namespace), written, offset });
    }
    const single = alternatives.length === 1 ? alternatives[0] : undefined;
    if (single && typeof single.ref !== "string" && single.ref.kind === "api") {
      out.push({ ...viaEntry(single.ref, kind, pos(single.offset)), soft });
      continue;
    }
    const names: string[] = [];
    const entry: Entry = { kind, names, anyOf: alternatives.length > 1, soft, namePos: [] };
    let ok = true;
    // a set, not names.includes: `a|b|…` may list many alternatives
    const seen = new Set<string>();
    for (const { ref, written, offset } of alternatives) {
      let problem: string | undefined;
      if (written === "") problem = `empty alternative in annotation "${key}": write "a|b" for "a or b"`;
      else if (typeof ref === "string") problem = `${ref} (in annotation "${key}")`;
      else if (ref.kind === "api") problem = `an alternative of "a|b" is a component or a resource, not an API (in annotation "${key}")`;
      else if (ref.kind !== undefined && !DEPENDENCY_KINDS.includes(ref.kind)) {
        problem = `annotation "${key}" names a ${ref.kind}${didYouMean(ref.kind, [...DEPENDENCY_KINDS, "api"])}; catch22 reads components, resources and APIs`;
      }
      if (problem !== undefined || typeof ref === "string") {
        problems.add(at(offset), problem as string);
        ok = false;
        continue;
      }
      const name = checkName(serviceName(ref), at(offset), problems, "service name");
      if (name === undefined) ok = false;
      else if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
        entry.namePos.push(pos(offset));
      }
    }
    if (ok) out.push(entry);
  }
  return out;
}

/**
 * Maps an offset inside a scalar's value to a line and column of the file. Exact for a plain or
 * quoted scalar on one line without escapes (how annotations are written); otherwise every
 * offset maps to the scalar's own position.
 */
export function positionsInScalar(node: PNode & { kind: "scalar" }, lineText: (n: number) => string): (offset: number) => Point {
  const value = String(node.value);
  const line = lineText(node.at.line);
  const first = line[node.at.column - 1];
  const contentColumn = first === '"' || first === "'" ? node.at.column + 1 : node.at.column;
  const exact = line.startsWith(value, contentColumn - 1) && !value.includes("\n");
  return (offset) => (exact ? { line: node.at.line, column: contentColumn + offset } : node.at);
}
