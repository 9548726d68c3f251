// The page's UI state and its URL hash, so that a link reproduces it: selection, finding and step, drill and
// wave, search, filters, layout and expanded systems.
import type { EdgeClass, Filters } from "./derive.js";
import type { LayoutKind } from "./layout.js";

export interface UiState {
  selected: string | null;
  /** The highlighted finding's fingerprint, and the step of its path. */
  finding: string | null;
  step: number;
  /** The drill's `--fail` terms (names, patterns, `zone=…` selectors); empty for a cold start with nothing failed. */
  drill: string[] | null;
  /** The drill is a cold start (SPEC §4.2). */
  cold: boolean;
  wave: number;
  query: string;
  filters: Filters;
  layout: LayoutKind;
  /** null: every system expanded; otherwise the overview with these expanded. */
  expanded: Set<string> | null;
}

export const ALL_KINDS: EdgeClass[] = ["runtime", "rollback", "soft", "observed"];

export function defaultState(): UiState {
  return {
    selected: null,
    finding: null,
    step: 0,
    drill: null,
    cold: false,
    wave: 0,
    query: "",
    filters: { systems: new Set(), owners: new Set(), kinds: new Set(ALL_KINDS), findings: "all" },
    layout: "force",
    expanded: null,
  };
}

const list = (s: string | null) => (s ? s.split(",").filter((x) => x.length > 0) : []);

/** Reads the hash; `overview` is the default expansion when the hash says nothing. */
export function readHash(hash: string, overview: boolean): UiState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const s = defaultState();
  s.selected = p.get("select");
  s.finding = p.get("finding");
  s.step = Math.max(0, Number(p.get("step") ?? 0) || 0);
  s.drill = p.has("drill") ? list(p.get("drill")) : null;
  s.cold = s.drill !== null && p.get("cold") === "1";
  if (s.drill && s.drill.length === 0 && !s.cold) s.drill = null;
  s.wave = Math.max(0, Number(p.get("wave") ?? 0) || 0);
  s.query = p.get("q") ?? "";
  s.filters.systems = new Set(list(p.get("system")));
  s.filters.owners = new Set(list(p.get("owner")));
  if (p.has("edges")) s.filters.kinds = new Set(list(p.get("edges")).filter((k): k is EdgeClass => (ALL_KINDS as string[]).includes(k)));
  const only = p.get("only");
  if (only === "serious" || only === "any" || only === "drift") s.filters.findings = only;
  if (p.get("layout") === "layered") s.layout = "layered";
  const expand = p.get("expand");
  s.expanded = expand === "all" ? null : expand !== null ? new Set(list(expand)) : overview ? new Set() : null;
  return s;
}

export function writeHash(s: UiState, overview: boolean): string {
  const p = new URLSearchParams();
  if (s.selected) p.set("select", s.selected);
  if (s.finding) {
    p.set("finding", s.finding);
    if (s.step > 0) p.set("step", String(s.step));
  }
  if (s.drill) {
    p.set("drill", s.drill.join(","));
    if (s.cold) p.set("cold", "1");
    if (s.wave > 0) p.set("wave", String(s.wave));
  }
  if (s.query) p.set("q", s.query);
  if (s.filters.systems.size) p.set("system", [...s.filters.systems].join(","));
  if (s.filters.owners.size) p.set("owner", [...s.filters.owners].join(","));
  if (s.filters.kinds.size !== ALL_KINDS.length) p.set("edges", ALL_KINDS.filter((k) => s.filters.kinds.has(k)).join(","));
  if (s.filters.findings !== "all") p.set("only", s.filters.findings);
  if (s.layout !== "force") p.set("layout", s.layout);
  if (s.expanded === null && overview) p.set("expand", "all");
  if (s.expanded !== null && (s.expanded.size > 0 || !overview)) p.set("expand", [...s.expanded].join(","));
  const text = p.toString();
  return text ? `#${text}` : "";
}
