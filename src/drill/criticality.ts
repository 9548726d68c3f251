// Criticality: the single failures that take down the most services, and those that block the most rollbacks of others.
import { type Compiled, reqSize } from "../graph/compiled.js";
import { DownSet } from "../graph/down.js";
import { label, plainComponents, runtimeAdjacency, runtimeComponents } from "../graph/reach.js";
import { componentMembers } from "../graph/scc.js";
import { type Scratch, scratchOf } from "../graph/scratch.js";

export interface Ranked {
  service: number;
  /** The exact count, or an upper bound when `exact` is false. */
  count: number;
  exact: boolean;
}

export interface Criticality {
  top: number;
  /** X by |Down({X})| − 1: the others its failure alone takes down. */
  takesDown: Ranked[];
  /** X by the number of services Y ≠ X with a rollback requirement wholly inside Down({X}). */
  blocksRollbacks: Ranked[];
  /** True when every count listed is exact and both lists are certain. */
  exact: boolean;
  /** Services whose Down({X}) was computed exactly. */
  computed: number;
  /** Work spent on them and the budget it had (services and requirement memberships visited). */
  work: number;
  budget: number;
}

export interface CriticalityOptions {
  /** Entries per ranking; default 10. */
  top?: number;
  /**
   * Work allowed for exact computations, in services and requirement memberships visited; default
   * 16 × the size of the graph, and at least MIN_BUDGET. Past it, the remaining candidates are listed with their upper bound.
   */
  budget?: number;
}

/**
 * The least default budget: a few milliseconds of work, so that a small estate's rankings are exact
 * whatever its shape (16 × the size of a 40-service estate of rings of `anyOf`s ran out on one).
 */
const MIN_BUDGET = 1 << 20;

/**
 * Both rankings, exact where it can be had cheaply. Computing Down({X}) for every X is quadratic on
 * deep estates, so each X first gets cheap upper bounds on both counts (below); candidates are then
 * computed exactly in decreasing bound order, and a ranking is certain as soon as its last entry
 * beats every remaining bound. On layered estates that takes a few hundred Down computations.
 */
export function criticality(g: Compiled, options: CriticalityOptions = {}): Criticality {
  const top = options.top ?? 10;
  const budget = options.budget ?? Math.max(MIN_BUDGET, 16 * (g.n + g.runtime.members.length + g.rollback.members.length));
  if (top <= 0 || g.n === 0) return { top, takesDown: [], blocksRollbacks: [], exact: true, computed: 0, work: 0, budget };
  const scratch = scratchOf(g);
  const bounds = upperBounds(g);
  const counter = new ExactCounter(g);
  const exactDown = scratch.int32(g.n, -1);
  const exactBlocks = scratch.int32(g.n, -1);
  let work = 0;
  let computed = 0;
  const compute = (x: number): boolean => {
    if (exactDown[x] !== -1) return true;
    if (work > budget) return false;
    const r = counter.count(x);
    exactDown[x] = r.down;
    exactBlocks[x] = r.blocks;
    work += r.work;
    computed++;
    return true;
  };
  const takesDown = rank(bounds.down, exactDown, top, compute);
  const blocksRollbacks = rank(bounds.blocks, exactBlocks, top, compute);
  const exact = !takesDown.incomplete && !blocksRollbacks.incomplete;
  counter.give();
  scratch.give(bounds.down, bounds.blocks, exactDown, exactBlocks);
  return { top, takesDown: [...takesDown], blocksRollbacks: [...blocksRollbacks], exact, computed, work, budget };
}

/** A ranking, `incomplete` when the budget ran out before it was certain. */
export type Ranking = Ranked[] & { incomplete?: boolean };

const before = (a: Ranked, b: Ranked) => b.count - a.count || a.service - b.service;

/** The top entries by exact value (value > 0), computing candidates in decreasing bound order until certain. */
export function rank(bound: Int32Array, exact: Int32Array, top: number, compute: (x: number) => boolean): Ranking {
  const candidates: number[] = [];
  for (let x = 0; x < bound.length; x++) if ((bound[x] as number) > 0) candidates.push(x);
  candidates.sort((a, b) => (bound[b] as number) - (bound[a] as number) || a - b);
  const best: Ranked[] = [];
  let i = 0;
  let stopped = false;
  for (; i < candidates.length; i++) {
    const x = candidates[i] as number;
    const b = bound[x] as number;
    const last = best.length === top ? (best[top - 1] as Ranked) : undefined;
    if (last && (b < last.count || (b === last.count && x > last.service))) {
      if (b < last.count) break;
      continue;
    }
    if (!compute(x)) {
      stopped = true;
      break;
    }
    const value = exact[x] as number;
    if (value <= 0) continue;
    best.push({ service: x, count: value, exact: true });
    best.sort(before);
    if (best.length > top) best.pop();
  }
  if (!stopped) return best;
  // Out of budget: the candidates not reached compete with their bound (or exact value, if known). The best
  // `top` of them kept as they come (at a million services most are left, and an object for each is ~100 MB of garbage).
  const merged: Ranking = best.slice();
  for (let k = i; k < candidates.length; k++) {
    const x = candidates[k] as number;
    const count = exact[x] === -1 ? (bound[x] as number) : (exact[x] as number);
    if (count <= 0) continue;
    const worst = merged.length === top ? (merged[top - 1] as Ranked) : undefined;
    if (worst && (count < worst.count || (count === worst.count && x > worst.service))) continue;
    merged.push({ service: x, count, exact: exact[x] !== -1 });
    merged.sort(before);
    if (merged.length > top) merged.pop();
  }
  const last = merged.length === top ? (merged[top - 1] as Ranked) : undefined;
  // Certain only if no candidate left uncomputed could still enter (or tie its way in).
  let incomplete = false;
  for (let k = i; k < candidates.length && !incomplete; k++) {
    const x = candidates[k] as number;
    const count = bound[x] as number;
    incomplete = exact[x] === -1 && count > 0 && (!last || count >= last.count);
  }
  merged.incomplete = incomplete;
  return merged;
}

/** What Down({X}) holds, the same for every X of one component of plain requirements. */
interface ComponentDown {
  down: number;
  work: number;
  /** How many services have a rollback requirement wholly inside the Down (X itself counted when it has one). */
  blocks: number;
  /** Those of them in the component: the only ones that may be X (a Set of every one is megabytes at a million services). */
  blockedMembers: Set<number>;
}

/**
 * Down({X}) and the rollbacks it blocks, for one X at a time, reusing its arrays. Every X of one
 * component of plain requirements has the same Down (reach.ts `plainComponents`): it is computed
 * once, and only "Y ≠ X" differs between them (a giant component of n services: one Down, not ten).
 */
class ExactCounter {
  private readonly plain: Int32Array;
  private readonly plainSize: Int32Array;
  private readonly byComponent = new Map<number, ComponentDown>();

  private readonly d: DownSet;
  private readonly rbStart: Int32Array;
  private readonly rbByMember: Int32Array;
  private readonly filled: Int32Array;
  private readonly stamp: Int32Array;
  private token = 0;

  constructor(private readonly g: Compiled) {
    this.d = new DownSet(g);
    const { rollback, n } = g;
    const R = rollback.owner.length;
    const scratch = scratchOf(g);
    this.rbStart = scratch.int32(n + 1);
    for (const m of rollback.members) this.rbStart[m + 1] = (this.rbStart[m + 1] as number) + 1;
    for (let i = 0; i < n; i++) this.rbStart[i + 1] = (this.rbStart[i + 1] as number) + (this.rbStart[i] as number);
    const fill = scratch.int32(n);
    fill.set(this.rbStart.subarray(0, n));
    this.rbByMember = scratch.int32(rollback.members.length);
    for (let q = 0; q < R; q++) {
      for (let k = rollback.memberStart[q] as number; k < (rollback.memberStart[q + 1] as number); k++) {
        const m = rollback.members[k] as number;
        this.rbByMember[fill[m] as number] = q;
        fill[m] = (fill[m] as number) + 1;
      }
    }
    scratch.give(fill);
    this.filled = scratch.int32(R);
    this.stamp = scratch.int32(n);
    const plain = plainComponents(g);
    this.plain = plain.comp;
    this.plainSize = plain.size;
  }

  /** Gives the borrowed arrays back to the graph's scratch: the counter is not used again. */
  give(): void {
    this.d.give();
    scratchOf(this.g).give(this.rbStart, this.rbByMember, this.filled, this.stamp);
  }

  count(x: number): { down: number; blocks: number; work: number } {
    const c = this.plain[x] as number;
    if ((this.plainSize[c] as number) < 2) return this.compute(x);
    let known = this.byComponent.get(c);
    if (!known) {
      const blockedMembers = new Set<number>();
      const r = this.compute(-1, x, blockedMembers);
      known = { down: r.down, work: r.work, blocks: r.blocks, blockedMembers };
      this.byComponent.set(c, known);
    }
    return { down: known.down, blocks: known.blocks - (known.blockedMembers.has(x) ? 1 : 0), work: known.work };
  }

  /**
   * Down({seed}) counted for X = `x` (-1: every blocked owner counted, and those in seed's component of plain
   * requirements listed in `blocked`).
   */
  private compute(x: number, seed = x, blocked?: Set<number>): { down: number; blocks: number; work: number } {
    const { d, rbStart, rbByMember, filled, stamp, g } = this;
    const token = ++this.token;
    d.add([seed]);
    let work = 0;
    let blocks = 0;
    for (const v of d.members) {
      work += 1 + (g.byMemberStart[v + 1] as number) - (g.byMemberStart[v] as number);
      for (let k = rbStart[v] as number; k < (rbStart[v + 1] as number); k++) {
        work++;
        const q = rbByMember[k] as number;
        const c = (filled[q] as number) + 1;
        filled[q] = c;
        if (c !== reqSize(g.rollback, q)) continue;
        const y = g.rollback.owner[q] as number;
        if (y === x || stamp[y] === token) continue;
        stamp[y] = token;
        blocks++;
        if (blocked && this.plain[y] === this.plain[seed]) blocked.add(y);
      }
    }
    const down = d.members.length - 1;
    // every rollback requirement counted names a member of the Down
    for (const v of d.members) for (let k = rbStart[v] as number; k < (rbStart[v + 1] as number); k++) filled[rbByMember[k] as number] = 0;
    d.reset();
    return { down, blocks, work };
  }
}

/**
 * Upper bounds on both counts for every service. Down({X}) lies within the services that reach X
 * along runtime requirements (each member of a requirement inside it reaches X), and a rollback
 * requirement inside it has its first member there. So both counts are bounded by a sum over
 * "who reaches X", which is bounded two ways on the condensation of the runtime graph: summing over
 * every path (exact on trees, loose where paths rejoin), and counting what a GRAIL interval label
 * cannot rule out (a 2-D dominance count); the smaller of the bounds is kept. Both lists are borrowed
 * from the graph's scratch (give them back once read); so are the working arrays.
 */
export function upperBounds(g: Compiled): { down: Int32Array; blocks: Int32Array } {
  const { n, rollback } = g;
  const scratch = scratchOf(g);
  const { adjStart, adj } = runtimeAdjacency(g, scratch);
  // the runtime graph's components, shared with the rules
  const { comp, count } = runtimeComponents(g);

  // Weights per component: its services, and the rollback requirements assigned to them (one per owner).
  const size = scratch.float64(count);
  const weight = scratch.float64(count);
  for (let v = 0; v < n; v++) size[comp[v] as number] = (size[comp[v] as number] as number) + 1;
  const seenOwner = scratch.int32(n, -1);
  const perMember = scratch.int32(n);
  for (let y = 0; y < n; y++) {
    for (let q = rollback.start[y] as number; q < (rollback.start[y + 1] as number); q++) {
      const first = rollback.members[rollback.memberStart[q] as number] as number;
      // One count per (first member, owner): an owner needing the same service twice is blocked once.
      if (seenOwner[first] === y) continue;
      seenOwner[first] = y;
      perMember[first] = (perMember[first] as number) + 1;
    }
  }
  for (let v = 0; v < n; v++) weight[comp[v] as number] = (weight[comp[v] as number] as number) + (perMember[v] as number);
  scratch.give(seenOwner, perMember);

  // The condensation (edges to required components), without repeated edges.
  const cStart = scratch.int32(count + 1);
  const mark = scratch.int32(count, -1);
  // at most one condensation edge per runtime membership: one typed array, no growing list of boxed numbers
  const edges = scratch.int32(adj.length);
  let m = 0;
  const byComp = componentMembers({ comp, count }, scratch);
  for (let c = 0; c < count; c++) {
    cStart[c] = m;
    for (let k = byComp.start[c] as number; k < (byComp.start[c + 1] as number); k++) {
      const v = byComp.nodes[k] as number;
      for (let e = adjStart[v] as number; e < (adjStart[v + 1] as number); e++) {
        const w = comp[adj[e] as number] as number;
        if (w === c || mark[w] === c) continue;
        mark[w] = c;
        edges[m++] = w;
      }
    }
  }
  cStart[count] = m;
  const cAdj = edges.subarray(0, m);
  scratch.give(adjStart, mark, byComp.start, byComp.nodes);

  // Path sums: a component is reached by itself and whatever reaches a component requiring it.
  // Components are numbered successors first, so those reaching c have larger numbers.
  const pathDown = scratch.float64(count);
  pathDown.set(size);
  const pathBlocks = scratch.float64(count);
  pathBlocks.set(weight);
  for (let c = count - 1; c >= 0; c--) {
    pathDown[c] = Math.min(pathDown[c] as number, n);
    pathBlocks[c] = Math.min(pathBlocks[c] as number, n);
    for (let e = cStart[c] as number; e < (cStart[c + 1] as number); e++) {
      const s = cAdj[e] as number;
      pathDown[s] = (pathDown[s] as number) + (pathDown[c] as number);
      pathBlocks[s] = (pathBlocks[s] as number) + (pathBlocks[c] as number);
    }
  }

  // GRAIL dominance: u may reach c only if low[u] ≤ low[c] and rank[u] ≥ rank[c].
  const boundDown = pathDown;
  const boundBlocks = pathBlocks;
  for (const reversed of [false, true]) {
    const { low, rank } = label(count, cStart, cAdj, reversed, scratch, { low: scratch.int32(count), rank: scratch.int32(count) });
    const [dDown, dBlocks] = dominance(count, low, rank, size, weight, scratch);
    for (let c = 0; c < count; c++) {
      boundDown[c] = Math.min(boundDown[c] as number, dDown[c] as number);
      boundBlocks[c] = Math.min(boundBlocks[c] as number, dBlocks[c] as number);
    }
    scratch.give(low, rank, dDown, dBlocks);
  }
  scratch.give(size, weight, cStart, edges);
  const down = scratch.int32(n);
  const blocks = scratch.int32(n);
  for (let v = 0; v < n; v++) {
    const c = comp[v] as number;
    down[v] = Math.max(0, Math.min(n - 1, (boundDown[c] as number) - 1));
    blocks[v] = Math.min(n - 1, boundBlocks[c] as number);
  }
  scratch.give(pathDown, pathBlocks);
  return { down, blocks };
}

/**
 * For each c, the weights (two at once) of the u with low[u] ≤ low[c] and rank[u] ≥ rank[c]: a sweep over low with a Fenwick tree over rank.
 * The two trees are interleaved in one array of integers (weights are counts of services and requirements): at a million
 * components the tree is walked at random, and one cache line then serves both weights.
 */
function dominance(
  count: number,
  low: Int32Array,
  rank: Int32Array,
  w1: Float64Array,
  w2: Float64Array,
  scratch: Scratch,
): [Float64Array, Float64Array] {
  // Ranks are a permutation of 0..count-1 and lows lie in that range: bucket by low.
  const byLow = componentMembers({ comp: low, count }, scratch);
  const tree = scratch.int32(2 * (count + 1));
  const out1 = scratch.float64(count);
  const out2 = scratch.float64(count);
  let total1 = 0;
  let total2 = 0;
  for (let l = 0; l < count; l++) {
    const from = byLow.start[l] as number;
    const to = byLow.start[l + 1] as number;
    for (let k = from; k < to; k++) {
      const u = byLow.nodes[k] as number;
      const a = w1[u] as number;
      const b = w2[u] as number;
      for (let i = (rank[u] as number) + 1; i <= count; i += i & -i) {
        tree[2 * i] = (tree[2 * i] as number) + a;
        tree[2 * i + 1] = (tree[2 * i + 1] as number) + b;
      }
      total1 += a;
      total2 += b;
    }
    for (let k = from; k < to; k++) {
      const c = byLow.nodes[k] as number;
      // Subtract the weights with rank < rank[c].
      let below1 = 0;
      let below2 = 0;
      for (let i = rank[c] as number; i > 0; i -= i & -i) {
        below1 += tree[2 * i] as number;
        below2 += tree[2 * i + 1] as number;
      }
      out1[c] = total1 - below1;
      out2[c] = total2 - below2;
    }
  }
  scratch.give(byLow.start, byLow.nodes, tree);
  return [out1, out2];
}
