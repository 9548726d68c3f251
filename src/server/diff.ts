// What `serve` pushes when a manifest changes: the view model's services, edges and findings removed and put, with versions (pure: the page applies it).
import type { ViewEdge, ViewFinding, ViewModel, ViewPayload, ViewService } from "../report/view-model.js";

/**
 * One list's change: the indexes removed from the old list (a changed item is removed and put again), then
 * the items put at their indexes in the new list, both ascending; or the whole list when that is shorter.
 */
export type ListDiff<T> = { remove: number[]; put: [number, T][] } | { all: T[] };

/** The view model's fields besides its three long lists, whole: they are small. */
export type ViewHead = Omit<ViewModel, "services" | "edges" | "findings">;

export interface ViewDiff {
  /** Absent when unchanged. */
  head?: ViewHead;
  services: ListDiff<ViewService>;
  edges: ListDiff<ViewEdge>;
  findings: ListDiff<ViewFinding>;
}

/**
 * The `change` event. `version` counts analyses that changed something; a diff applies to the model of
 * version `base` (the last good one: an input error in between keeps it). An error is shown whole. A page
 * that holds another version, or none, fetches /api/analysis afresh (its `x-catch22-version` header says which it got).
 */
export type ChangeEvent =
  | { version: number; base: number; diff: ViewDiff }
  | { version: number; error: Extract<ViewPayload, { ok: false }> }
  | { version: number; reload: true };

/** Equal as JSON values (iterative: no recursion on nesting); the same object is equal at once, as shared view parts are. */
export function sameValue(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (let i = 0; i < kx.length; i++) {
      const k = kx[i] as string;
      // Key order is part of the JSON text the server sends.
      if (k !== ky[i]) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

function sorted(list: readonly { name: string }[]): boolean {
  for (let i = 1; i < list.length; i++) if (!((list[i - 1] as { name: string }).name < (list[i] as { name: string }).name)) return false;
  return true;
}

/** Where each service's edges start (edges come grouped by `from`, in service order); undefined if they do not. */
function edgeGroups(m: ViewModel): Int32Array | undefined {
  const start = new Int32Array(m.services.length + 1);
  let j = 0;
  for (let i = 0; i < m.services.length; i++) {
    start[i] = j;
    const name = (m.services[i] as ViewService).name;
    while (j < m.edges.length && (m.edges[j] as ViewEdge).from === name) j++;
  }
  start[m.services.length] = j;
  return j === m.edges.length ? start : undefined;
}

const whole = <T>(list: readonly T[]): ListDiff<T> => ({ all: list.slice() });

/** Shorter as the whole list? Then the whole list. */
function orWhole<T>(d: { remove: number[]; put: [number, T][] }, after: readonly T[]): ListDiff<T> {
  const n = d.remove.length + d.put.length;
  return n > 0 && n >= after.length ? whole(after) : d;
}

/**
 * Services and edges, walking both models in name order: a service whose part is the same object (its
 * file unchanged) costs one comparison, so a one-file edit costs a walk of the lists and no more.
 */
function diffServices(before: ViewModel, after: ViewModel): Pick<ViewDiff, "services" | "edges"> {
  const gb = edgeGroups(before);
  const ga = edgeGroups(after);
  if (!gb || !ga || !sorted(before.services) || !sorted(after.services))
    return { services: whole(after.services), edges: whole(after.edges) };
  const services = { remove: [] as number[], put: [] as [number, ViewService][] };
  const edges = { remove: [] as number[], put: [] as [number, ViewEdge][] };
  const dropEdges = (i: number) => {
    for (let e = gb[i] as number; e < (gb[i + 1] as number); e++) edges.remove.push(e);
  };
  const putEdges = (k: number) => {
    for (let e = ga[k] as number; e < (ga[k + 1] as number); e++) edges.put.push([e, after.edges[e] as ViewEdge]);
  };
  const bs = before.services;
  const as = after.services;
  let i = 0;
  let k = 0;
  while (i < bs.length || k < as.length) {
    const b = bs[i];
    const a = as[k];
    const order = b === undefined ? 1 : a === undefined ? -1 : b.name < a.name ? -1 : b.name > a.name ? 1 : 0;
    if (order < 0) {
      services.remove.push(i);
      dropEdges(i++);
      continue;
    }
    if (order > 0) {
      services.put.push([k, a as ViewService]);
      putEdges(k++);
      continue;
    }
    if (!sameValue(b, a)) {
      services.remove.push(i);
      services.put.push([k, a as ViewService]);
    }
    const n = (gb[i + 1] as number) - (gb[i] as number);
    let same = n === (ga[k + 1] as number) - (ga[k] as number);
    for (let e = 0; same && e < n; e++) same = sameValue(before.edges[(gb[i] as number) + e], after.edges[(ga[k] as number) + e]);
    if (!same) {
      dropEdges(i);
      putEdges(k);
    }
    i++;
    k++;
  }
  return { services: orWhole(services, as), edges: orWhole(edges, after.edges) };
}

/** Findings by fingerprint; the rare findings that share one are told apart by their rank among them. */
export function findingKeys(list: readonly ViewFinding[]): string[] {
  const seen = new Map<string, number>();
  return list.map((f) => {
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    return n === 0 ? f.fingerprint : `${f.fingerprint}#${n}`;
  });
}

/**
 * Findings: the same objects (a finding reused as it was) are kept; the others are matched by key among
 * themselves (fingerprint, and rank among those sharing one) and kept when equal. Those kept must keep
 * their order (the rules sort them), else the whole list is sent. An edit reuses nearly every finding,
 * so only the few others are keyed and compared.
 */
export function diffFindings(before: readonly ViewFinding[], after: readonly ViewFinding[]): ListDiff<ViewFinding> {
  const at = new Map<ViewFinding, number>();
  for (let i = 0; i < before.length; i++) if (!at.has(before[i] as ViewFinding)) at.set(before[i] as ViewFinding, i);
  /** For each finding after, the one before it is kept as (-1: put). */
  const match = new Int32Array(after.length).fill(-1);
  const kept = new Uint8Array(before.length);
  const restAfter: number[] = [];
  for (let k = 0; k < after.length; k++) {
    const i = at.get(after[k] as ViewFinding);
    if (i !== undefined && !kept[i]) {
      kept[i] = 1;
      match[k] = i;
    } else restAfter.push(k);
  }
  if (restAfter.length > 0) {
    const restBefore: ViewFinding[] = [];
    const restBeforeAt: number[] = [];
    for (let i = 0; i < before.length; i++) {
      if (kept[i]) continue;
      restBefore.push(before[i] as ViewFinding);
      restBeforeAt.push(i);
    }
    const keysBefore = findingKeys(restBefore);
    const keysAfter = findingKeys(restAfter.map((k) => after[k] as ViewFinding));
    const index = new Map<string, number>();
    for (let j = 0; j < keysBefore.length; j++) index.set(keysBefore[j] as string, restBeforeAt[j] as number);
    restAfter.forEach((k, j) => {
      const i = index.get(keysAfter[j] as string);
      if (i !== undefined && sameValue(before[i], after[k])) {
        kept[i] = 1;
        match[k] = i;
      }
    });
  }
  const put: [number, ViewFinding][] = [];
  let last = -1;
  for (let k = 0; k < after.length; k++) {
    const i = match[k] as number;
    if (i === -1) {
      put.push([k, after[k] as ViewFinding]);
      continue;
    }
    if (i < last) return whole(after);
    last = i;
  }
  const remove: number[] = [];
  for (let i = 0; i < before.length; i++) if (!kept[i]) remove.push(i);
  return orWhole({ remove, put }, after);
}

/** A list with a diff applied: the survivors in their order, the items put at their indexes. */
export function applyList<T>(list: readonly T[], d: ListDiff<T>): T[] {
  if ("all" in d) return d.all.slice();
  const out: T[] = [];
  let r = 0;
  let p = 0;
  for (let i = 0; i < list.length; i++) {
    if (r < d.remove.length && d.remove[r] === i) {
      r++;
      continue;
    }
    while (p < d.put.length && (d.put[p] as [number, T])[0] === out.length) out.push((d.put[p++] as [number, T])[1]);
    out.push(list[i] as T);
  }
  while (p < d.put.length) out.push((d.put[p++] as [number, T])[1]);
  return out;
}

/** The model's fields besides its three long lists. */
export function headOf(m: ViewModel): ViewHead {
  const { services: _s, edges: _e, findings: _f, ...head } = m;
  return head;
}

/** The diff between two whole view models (what a page holding `before` needs to hold `after`). */
export function diffModels(before: ViewModel, after: ViewModel): ViewDiff {
  const head = headOf(after);
  const diff: ViewDiff = { ...diffServices(before, after), findings: diffFindings(before.findings, after.findings) };
  if (!sameValue(headOf(before), head)) diff.head = head;
  return diff;
}

/** True when the diff changes nothing. */
export function isEmptyDiff(d: ViewDiff): boolean {
  const none = (l: ListDiff<unknown>) => !("all" in l) && l.remove.length === 0 && l.put.length === 0;
  return d.head === undefined && none(d.services) && none(d.edges) && none(d.findings);
}

/** `before` with the diff applied: the model the page then shows (fields in the view model's order). */
export function applyDiff(before: ViewModel, d: ViewDiff): ViewModel {
  const { observed, ...rest } = d.head ?? headOf(before);
  const model: ViewModel = {
    ...rest,
    services: applyList(before.services, d.services),
    edges: applyList(before.edges, d.edges),
    findings: applyList(before.findings, d.findings),
  };
  if (observed !== undefined) model.observed = observed;
  return model;
}
