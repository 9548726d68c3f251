// The overlay on the map: what stays bright (the focus), the highlighted path edges and the drill's states, and the paint they give.
import type { ViewFinding } from "../src/report/view-model.js";
import type { Estate2, VEdge, Visible, VNode } from "./derive.js";
import type { DrillOutcome } from "./drill.js";
import type { EdgePaint } from "./scene.js";
import type { UiState } from "./state.js";
import { DRILL_LOOK, type DrillState, type Paint, STATE_LOOK } from "./style.js";

export interface Overlay {
  /** What stays bright; null: everything. Names, and `missing:NAME` for an undeclared one. */
  focus: Set<string> | null;
  /** The highlighted edges (`from\0to\0kind`) and their step along the followed path (-1: a drill witness). */
  pathEdges: Map<string, number>;
  drill: DrillOutcome | undefined;
  drillStates: Map<string, DrillState> | undefined;
}

export const NO_OVERLAY: Overlay = { focus: null, pathEdges: new Map(), drill: undefined, drillStates: undefined };

export const edgeKey = (from: string, to: string, kind: string) => `${from}\u0000${to}\u0000${kind}`;

export interface OverlaySources {
  finding: ViewFinding | undefined;
  runDrill(names: string[]): DrillOutcome | undefined;
  matches(q: string): string[];
}

/** The overlay for a state: a followed finding, else a drill, else a search, else a selection. Clamps the step and wave. */
export function computeOverlay(d: Estate2, state: UiState, src: OverlaySources): Overlay {
  const o: Overlay = { focus: null, pathEdges: new Map(), drill: undefined, drillStates: undefined };
  const f = src.finding;
  if (f) {
    o.focus = new Set([...f.services, ...f.impacted, ...f.path.flatMap((s) => [s.from, s.to])]);
    if (f.missing) o.focus.add(`missing:${f.missing}`);
    // A shared fate: its alternatives and its common causes (every service of a cause zone).
    for (const a of f.alternatives ?? []) o.focus.add(a);
    for (const c of f.causes ?? []) {
      if (!c.startsWith("zone=")) o.focus.add(c);
      else for (const n of d.zones.get(c.slice(5)) ?? []) o.focus.add(n);
    }
    f.path.forEach((s, i) => {
      o.pathEdges.set(edgeKey(s.from, s.to, s.kind), i);
    });
    state.step = Math.min(state.step, Math.max(0, f.path.length - 1));
  } else if (state.drill) {
    const drill = src.runDrill(state.drill);
    if (drill) {
      o.drill = drill;
      state.wave = Math.min(state.wave, drill.waves.length);
      o.drillStates = drillStatesAt(drill, state.wave);
      o.focus = new Set(drill.blastRadius);
      // At the end of a stuck drill, the witnesses of what blocks each stuck root are drawn as paths.
      if (state.wave >= drill.waves.length) {
        for (const r of drill.reasons) for (const s of r.path) o.pathEdges.set(edgeKey(s.from, s.to, s.kind), -1);
      }
    }
  } else if (state.query) {
    o.focus = new Set(src.matches(state.query));
  } else if (state.selected) {
    const s = state.selected;
    o.focus = new Set([
      s,
      ...(d.outgoing.get(s) ?? []).map((e) => (e.missing ? `missing:${e.to}` : e.to)),
      ...(d.dependents.get(s) ?? []).map((e) => e.from),
    ]);
  }
  return o;
}

const DRILL_ORDER: Record<DrillState, number> = { up: 0, recovered: 1, rolledback: 2, down: 3, failed: 4, stuck: 5, stuckRoot: 6 };

/** Per overlay and visible graph: the group nodes that hold a focused service, and each group's worst drill state. */
const groupCache = new WeakMap<Overlay, { v: Visible; focus: Set<string>; drill: Map<string, DrillState> }>();

function groupsOf(o: Overlay, v: Visible): { focus: Set<string>; drill: Map<string, DrillState> } {
  let c = groupCache.get(o);
  if (c?.v === v) return c;
  c = { v, focus: new Set(), drill: new Map() };
  for (const name of o.focus ?? []) {
    const id = v.nodeOf.get(name);
    if (id !== undefined && id !== name) c.focus.add(id);
  }
  for (const [name, s] of o.drillStates ?? []) {
    const id = v.nodeOf.get(name);
    if (id === undefined || id === name) continue;
    const prev = c.drill.get(id) ?? "up";
    if (DRILL_ORDER[s] > DRILL_ORDER[prev]) c.drill.set(id, s);
  }
  groupCache.set(o, c);
  return c;
}

function inFocus(o: Overlay, v: Visible, n: VNode): boolean {
  if (!o.focus) return true;
  if (n.kind !== "group") return o.focus.has(n.id);
  return groupsOf(o, v).focus.has(n.id);
}

export function nodePaint(o: Overlay, v: Visible, state: UiState, n: VNode): Paint {
  let look = STATE_LOOK[n.state];
  if (o.drillStates) {
    let st: DrillState = "up";
    if (n.kind === "group") st = groupsOf(o, v).drill.get(n.id) ?? "up";
    else st = o.drillStates.get(n.id) ?? "up";
    look = DRILL_LOOK[st];
  }
  const focused = inFocus(o, v, n);
  const selected = state.selected !== null && n.id === state.selected;
  return {
    look,
    opacity: focused || selected ? 1 : 0.14,
    highlighted: Boolean(o.focus && focused && (o.pathEdges.size > 0 || state.query)),
    selected,
  };
}

export function edgePaint(o: Overlay, v: Visible, state: UiState, e: VEdge): EdgePaint {
  const step = o.pathEdges.get(edgeKey(e.source.id, e.target.id, e.kind));
  if (step !== undefined) return { opacity: 1, highlighted: true, current: step === state.step };
  if (!o.focus) return { opacity: 1, highlighted: false, current: false };
  const both = inFocus(o, v, e.source) && inFocus(o, v, e.target);
  return { opacity: both ? (o.pathEdges.size > 0 ? 0.35 : 1) : 0.06, highlighted: false, current: false };
}

/** Each service's state after `wave` waves (0: just after the failure); the last step shows what stays stuck. */
export function drillStatesAt(d: DrillOutcome, wave: number): Map<string, DrillState> {
  const states = new Map<string, DrillState>();
  for (const n of d.blastRadius) states.set(n, "down");
  for (const n of d.failed) states.set(n, "failed");
  d.waves.slice(0, wave).forEach((w) => {
    for (const n of w.rollback) states.set(n, "rolledback");
    for (const n of w.recovered) states.set(n, "recovered");
  });
  if (wave >= d.waves.length) {
    for (const n of d.stuck) states.set(n, "stuck");
    for (const n of d.stuckRoots) states.set(n, "stuckRoot");
  }
  return states;
}
