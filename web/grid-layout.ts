// The layout of a large estate's overview: systems in name order, packed in rows to the window's shape, each a
// group node or (expanded) a block of its services. Deterministic and linear; a force layout of a thousand
// groups and their tens of thousands of aggregated edges is a ball with nothing to read.
import { UNDECLARED } from "../src/view/overview.js";
import type { Visible, VNode } from "./derive.js";

/** Distance between services in an expanded system's block (across: room for a label), and the room around a block. */
const STEP_X = 170;
const STEP_Y = 46;
const PAD = 34;

/** Places every node; `systemOf` names the system of a service node; `aspect` is the window's width / height. */
export function gridLayout(v: Visible, systemOf: (name: string) => string | undefined, aspect: number): void {
  const blocks = new Map<string, VNode[]>();
  const add = (key: string, n: VNode) => {
    const b = blocks.get(key);
    if (b) b.push(n);
    else blocks.set(key, [n]);
  };
  for (const n of v.nodes) {
    if (n.kind === "group") add(n.system ?? n.label, n);
    else if (n.kind === "missing") add(UNDECLARED, n);
    else add(systemOf(n.id) ?? UNDECLARED, n);
  }
  const keys = [...blocks.keys()].sort((a, b) => (a === UNDECLARED ? 1 : b === UNDECLARED ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const sized = keys.map((key) => {
    const nodes = blocks.get(key) as VNode[];
    if (nodes.length === 1 && nodes[0]?.kind === "group") {
      const side = 2 * (nodes[0].r + PAD);
      return { nodes, cols: 1, w: side, h: side };
    }
    nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // About as tall as wide.
    const cols = Math.max(1, Math.ceil(Math.sqrt((nodes.length * STEP_Y) / STEP_X)));
    const rows = Math.ceil(nodes.length / cols);
    return { nodes, cols, w: cols * STEP_X + 2 * PAD, h: rows * STEP_Y + 2 * PAD };
  });
  // Rows as wide as the window's shape asks of the total area.
  const area = sized.reduce((s, b) => s + b.w * b.h, 0);
  const width = Math.max(...sized.map((b) => b.w), Math.sqrt(area * Math.max(0.3, aspect)));
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const b of sized) {
    if (x > 0 && x + b.w > width) {
      x = 0;
      y += rowH;
      rowH = 0;
    }
    if (b.cols === 1 && b.nodes.length === 1) {
      const n = b.nodes[0] as VNode;
      n.x = x + b.w / 2;
      n.y = y + b.h / 2;
    } else {
      b.nodes.forEach((n, i) => {
        n.x = x + PAD + STEP_X / 2 + (i % b.cols) * STEP_X;
        n.y = y + PAD + STEP_Y / 2 + Math.floor(i / b.cols) * STEP_Y;
      });
    }
    x += b.w;
    rowH = Math.max(rowH, b.h);
  }
}
