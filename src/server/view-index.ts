// What serve keeps of the page's model between analyses, without the model itself: each service's declarations and its edges' targets and marks; and the diff of a new analysis against it.
import type { Declaration, Estate } from "../model/types.js";
import type { Observation } from "../observed/observe.js";
import {
  edgeMarks,
  type ServicePart,
  servicePart,
  type ViewEdge,
  type ViewFinding,
  type ViewModel,
  type ViewService,
} from "../report/view-model.js";
import { diffFindings, headOf, type ListDiff, sameValue, type ViewDiff, type ViewHead } from "./diff.js";

/**
 * The services in name order with their declarations (the parse cache keeps a file's declarations as
 * the same objects while it is unchanged: the same objects, the same view of the service), where each
 * one's edges start, and each edge's target, kind and marks (which the rest of the estate decides).
 */
export interface ViewIndex {
  names: string[];
  declarations: (readonly Declaration[])[];
  start: Int32Array;
  to: string[];
  /** 1: missing, 2: unobserved, 4: a rollback edge. */
  bits: Uint8Array;
  findings: ViewFinding[];
  head: ViewHead;
  /** Whether observed traffic marked the edges (then every mark is checked again). */
  observed: boolean;
}

const MISSING = 1;
const UNOBSERVED = 2;
const ROLLBACK = 4;

function bitsOf(e: ViewEdge): number {
  return (e.missing ? MISSING : 0) | (e.unobserved ? UNOBSERVED : 0) | (e.kind === "rollback" ? ROLLBACK : 0);
}

/** The index of a whole model of `estate` (its services are the estate's, in order). */
export function indexModel(estate: Estate, model: ViewModel): ViewIndex {
  const n = model.services.length;
  const start = new Int32Array(n + 1);
  const bits = new Uint8Array(model.edges.length);
  const to: string[] = new Array(model.edges.length);
  let j = 0;
  for (let i = 0; i < n; i++) {
    start[i] = j;
    const name = (model.services[i] as ViewService).name;
    for (; j < model.edges.length && (model.edges[j] as ViewEdge).from === name; j++) {
      const e = model.edges[j] as ViewEdge;
      to[j] = e.to;
      bits[j] = bitsOf(e);
    }
  }
  start[n] = j;
  return {
    names: model.services.map((s) => s.name),
    declarations: estate.services.map((s) => s.declarations),
    start,
    to,
    bits,
    findings: model.findings,
    head: headOf(model),
    observed: model.observed !== undefined,
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The next index's edges: targets, and their bits, in arrays that grow (a run of unchanged ones copied at once). */
class Edges {
  to: string[];
  bits: Uint8Array;
  /** Edges written (those of a gathered run not yet). */
  private count = 0;
  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.to = new Array(c);
    this.bits = new Uint8Array(c);
  }
  private room(more: number): void {
    if (this.count + more <= this.bits.length) return;
    const c = Math.max(this.count + more, this.bits.length * 2);
    const bits = new Uint8Array(c);
    bits.set(this.bits);
    this.bits = bits;
    this.to.length = c;
  }
  push(to: string, bits: number): void {
    this.flush();
    this.room(1);
    this.bits[this.count] = bits;
    this.to[this.count++] = to;
  }
  /** Edges [a, b) of an earlier index, as they were: gathered into one run while runs follow on, copied at the next other step. */
  copy(prev: ViewIndex, a: number, b: number): void {
    if (this.run && this.run.b === a) this.run.b = b;
    else {
      this.flush();
      this.run = { prev, a, b };
    }
  }
  private run: { prev: ViewIndex; a: number; b: number } | undefined;
  /** The edges gathered by `copy`, copied now. */
  flush(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    this.copyNow(run.prev, run.a, run.b);
  }
  /** Where the next edge goes. */
  get length(): number {
    return this.count + (this.run ? this.run.b - this.run.a : 0);
  }
  private copyNow(prev: ViewIndex, a: number, b: number): void {
    this.room(b - a);
    this.bits.set(prev.bits.subarray(a, b), this.length);
    const { to } = this;
    for (let e = a, n = this.count; e < b; e++, n++) to[n] = prev.to[e] as string;
    this.count += b - a;
  }
  /** The targets, cut to size (after `flush`). */
  targets(): string[] {
    this.to.length = this.count;
    return this.to;
  }
}

/** Names declared before and not now, or now and not before: only edges to them can change their `missing` mark. */
function namesMoved(prev: readonly string[], estate: Estate): Set<string> {
  const moved = new Set<string>();
  let i = 0;
  for (const s of estate.services) {
    while (i < prev.length && (prev[i] as string) < s.name) moved.add(prev[i++] as string);
    if (prev[i] === s.name) i++;
    else moved.add(s.name);
  }
  while (i < prev.length) moved.add(prev[i++] as string);
  return moved;
}

/**
 * The diff from the model `prev` indexes to the model of the new analysis, and the new index. Only
 * services whose declarations are new objects (their file changed) are viewed again; the others'
 * edges are checked for new marks (a target declared or gone), in one walk of both lists in name order.
 */
export function diffIndex(
  prev: ViewIndex,
  estate: Estate,
  findings: ViewFinding[],
  head: ViewHead,
  observation?: Observation,
  /**
   * Without observed traffic: the services whose entries name a service declared in one analysis only
   * (src/rules/reuse.ts `scopeOf`), the only unchanged ones whose edges' marks can move; the others' edges
   * are copied as they were. When absent, every edge to such a name is looked for.
   */
  recheck?: ReadonlySet<string>,
): { diff: ViewDiff; index: ViewIndex } {
  const mark = edgeMarks(estate, observation);
  const services = { remove: [] as number[], put: [] as [number, ViewService][] };
  const edges = { remove: [] as number[], put: [] as [number, ViewEdge][] };
  const next = new Edges(prev.to.length + 64);
  // Without observed traffic, an unchanged service's edge changes its marks only if its target came or went.
  const marked = observation !== undefined || prev.observed;
  const moved = marked || recheck ? undefined : namesMoved(prev.names, estate);
  const starts = new Int32Array(estate.services.length + 1);
  const probe: ViewEdge = { from: "", to: "", kind: "runtime", soft: false, anyOf: false };
  const take = (k: number, part: ServicePart) => {
    services.put.push([k, part.service]);
    for (const e of part.edges) {
      const m = mark(e);
      edges.put.push([next.length, m]);
      next.push(m.to, bitsOf(m));
    }
  };
  const drop = (i: number) => {
    services.remove.push(i);
    for (let e = prev.start[i] as number; e < (prev.start[i + 1] as number); e++) edges.remove.push(e);
  };
  let i = 0;
  for (let k = 0; k < estate.services.length; k++) {
    const s = estate.services[k] as Estate["services"][number];
    while (i < prev.names.length && (prev.names[i] as string) < s.name) drop(i++);
    starts[k] = next.length;
    if (prev.names[i] !== s.name) {
      take(k, servicePart(s));
      continue;
    }
    // The load's resolve step copies the declarations it completes (APIs, Backstage relations): equal copies, the same view.
    const was = prev.declarations[i] as readonly Declaration[];
    if (was !== s.declarations && !sameList(was, s.declarations) && !sameValue(was, s.declarations)) {
      drop(i++);
      take(k, servicePart(s));
      continue;
    }
    // The same declarations, the same view: only the marks may have moved.
    const a = prev.start[i] as number;
    const b = prev.start[i + 1] as number;
    if (!marked && recheck && !recheck.has(s.name)) {
      next.copy(prev, a, b);
      i++;
      continue;
    }
    let part: ServicePart | undefined;
    for (let e = a; e < b; e++) {
      const was = prev.bits[e] as number;
      if (moved && !moved.has(prev.to[e] as string)) {
        next.push(prev.to[e] as string, was);
        continue;
      }
      probe.from = s.name;
      probe.to = prev.to[e] as string;
      probe.kind = was & ROLLBACK ? "rollback" : "runtime";
      const m = mark(probe);
      const now = m === probe ? was & ROLLBACK : bitsOf(m);
      if (now !== was) {
        part ??= servicePart(s);
        edges.remove.push(e);
        edges.put.push([next.length, mark(part.edges[e - a] as ViewEdge)]);
      }
      next.push(probe.to, now);
    }
    i++;
  }
  while (i < prev.names.length) drop(i++);
  starts[estate.services.length] = next.length;
  next.flush();
  const edgeCount = next.length;
  const index: ViewIndex = {
    names: estate.services.map((s) => s.name),
    declarations: estate.services.map((s) => s.declarations),
    start: starts,
    to: next.targets(),
    bits: next.bits.slice(0, edgeCount),
    findings,
    head,
    observed: observation !== undefined,
  };
  const small = <T>(d: { remove: number[]; put: [number, T][] }, total: number, all: () => T[]): ListDiff<T> =>
    d.remove.length + d.put.length >= total && total > 0 ? { all: all() } : d;
  const diff: ViewDiff = {
    // A whole list is sent only when nearly everything changed; building it then costs what it saves.
    services: small(services, estate.services.length, () => estate.services.map((s) => servicePart(s).service)),
    edges: small(edges, edgeCount, () => estate.services.flatMap((s) => servicePart(s).edges.map(mark))),
    findings: diffFindings(prev.findings, findings),
  };
  if (!sameValue(prev.head, head)) diff.head = head;
  return { diff, index };
}
