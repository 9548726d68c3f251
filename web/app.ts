// The page: state (selection, finding, drill, search, filters, layout) → visible graph → map and panels.
import { type Compiled, compile } from "../src/graph/compiled.js";
import type { Diagnostic, PathStep } from "../src/model/types.js";
import type { ViewEntry, ViewFinding, ViewPayload } from "../src/report/view-model.js";
import { ruleMeta } from "../src/rules/table.js";
import { derive, type EdgeClass, type Estate2, NO_SYSTEM, type VEdge, type Visible, type VNode, visibleGraph } from "./derive.js";
import { button, byId, el, present } from "./dom.js";
import { type DrillOutcome, estateFromView, simulateDrill } from "./drill.js";
import { download, toPng, toSvg } from "./export.js";
import { ALL_KINDS, defaultState, readHash, type UiState, writeHash } from "./hash.js";
import { forceLayout, layeredLayout } from "./layout.js";
import { DRILL_LOOK, type DrillState, type Paint, STATE_LOOK, symbolPath } from "./style.js";
import { type EdgePaint, MapView } from "./view.js";

/** Above this many services the page opens on the overview: systems collapsed into group nodes. */
export const OVERVIEW_ABOVE = 2000;
const MAX_LIST = 200;

const arrow = (k: PathStep["kind"]) => (k === "rollback" ? "⇒" : "→");
const chain = (path: readonly PathStep[]) => (path.length ? [path[0]?.from, ...path.map((s) => `${arrow(s.kind)} ${s.to}`)].join(" ") : "");
/** `file:line:column`, or just the file for an error about the whole path (line 0: a missing path, no manifests). */
const pos = (p: { file: string; line: number; column: number } | undefined) =>
  !p?.file ? "" : p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const MARK = { error: "✖", warning: "▲", info: "ℹ" } as const;

export class App {
  d!: Estate2;
  state: UiState = defaultState();
  visible!: Visible;
  map: MapView;
  private compiled: Compiled | undefined;
  private drillResult: DrillOutcome | undefined;
  private drillStates: Map<string, DrillState> | undefined;
  private focus: Set<string> | null = null;
  private pathEdges = new Map<string, number>();
  private ready = false;
  private overview = false;
  private layoutRun = 0;

  constructor() {
    this.map = new MapView(byId("canvas-host"), {
      nodePaint: (n) => this.nodePaint(n),
      edgePaint: (e) => this.edgePaint(e),
      onNodeClick: (n) => this.clickNode(n),
      onBackgroundClick: () => {},
      onZoom: () => {},
    });
    this.wireControls();
    window.addEventListener("resize", () => this.map.resize());
    window.addEventListener("hashchange", () => {
      if (location.hash === writeHash(this.state, this.overview)) return;
      this.state = readHash(location.hash, this.overview);
      void this.rebuild(true);
    });
  }

  /** Shows a payload: the first analysis, or a fresh one pushed by the server. */
  async show(payload: ViewPayload): Promise<void> {
    const errors = byId("errors");
    if (!payload.ok) {
      this.showErrors(payload.diagnostics);
      if (!this.ready) this.markReady();
      return;
    }
    errors.hidden = true;
    errors.replaceChildren();
    document.body.classList.remove("stale");
    const first = !this.d;
    this.d = derive(payload.model);
    this.compiled = undefined;
    if (first) {
      this.overview = payload.model.services.length > OVERVIEW_ABOVE;
      this.state = readHash(location.hash, this.overview);
    }
    if (first) performance.mark("catch22:derived");
    this.fillFilterOptions();
    this.renderSummary();
    this.renderFindings();
    if (first) performance.mark("catch22:panels");
    await this.rebuild(first);
  }

  private showErrors(diags: Diagnostic[]): void {
    const errors = byId("errors");
    errors.hidden = false;
    document.body.classList.add("stale");
    errors.replaceChildren(
      el("h2", {}, `The manifests have ${plural(diags.length, "error")}: fix them and the map updates by itself`),
      el("ul", {}, ...diags.map((dg) => el("li", {}, el("code", {}, pos(dg)), ` ${dg.message}`))),
    );
  }

  private markReady(): void {
    this.ready = true;
    performance.mark("catch22:ready");
    document.documentElement.dataset.catch22Ready = "true";
  }

  // ---------------------------------------------------------------------------------------------------------
  // State → visible graph → layout → map

  /** Recomputes the visible graph and its layout; `fit` refits the view afterwards. */
  async rebuild(fit: boolean): Promise<void> {
    const run = ++this.layoutRun;
    this.ensureVisibleFor();
    const previous = this.visible?.byId;
    const v = visibleGraph(this.d, { filters: this.state.filters, expanded: this.state.expanded }, previous);
    if (!this.ready) performance.mark("catch22:visible");
    if (this.state.layout === "layered") layeredLayout(v);
    else {
      // Later refinements of the same layout: redraw, unless a newer layout (or a drag) took over.
      await forceLayout(v, () => {
        if (run !== this.layoutRun || this.map.dragged) return false;
        this.map.updatePositions();
        return true;
      });
    }
    if (run !== this.layoutRun) return;
    if (!this.ready) performance.mark("catch22:layout");
    this.visible = v;
    this.computeOverlay();
    this.map.setGraph(v);
    if (!this.ready) performance.mark("catch22:setGraph");
    this.renderStatus();
    this.syncControls();
    this.renderDetails();
    this.renderDrill();
    this.renderStepper();
    this.renderLegend();
    this.writeHash();
    if (!this.ready) performance.mark("catch22:panels2");
    if (fit || !this.ready)
      this.map.fit(this.focus && this.focus.size > 0 && this.focus.size < v.nodes.length ? this.focusNodes() : undefined, this.ready);
    if (!this.ready) performance.mark("catch22:fit");
    this.map.drawNow();
    if (!this.ready) performance.mark("catch22:drawn");
    byId("canvas-host").dataset.drawnNodes = String(v.nodes.length);
    byId("canvas-host").dataset.drawnEdges = String(v.edges.length);
    byId("canvas-host").dataset.renderer = this.map.mode;
    if (!this.ready) this.markReady();
  }

  /** Expands the systems that hold what the state points at (selection, finding path, drill), so nothing is hidden in a group. */
  private ensureVisibleFor(): void {
    const exp = this.state.expanded;
    if (!exp) return;
    const names: string[] = [];
    if (this.state.selected) names.push(this.state.selected);
    const f = this.currentFinding();
    if (f) {
      names.push(...f.services);
      for (const s of f.path) names.push(s.from, s.to);
    }
    for (const n of names) {
      const s = this.d.byName.get(n);
      if (s) exp.add(s.system ?? NO_SYSTEM);
    }
  }

  private focusNodes(): Set<string> {
    const ids = new Set<string>();
    for (const n of this.focus ?? []) {
      const id = this.visible.nodeOf.get(n) ?? (this.visible.byId.has(n) ? n : undefined);
      if (id) ids.add(id);
    }
    return ids;
  }

  /** Update after a state change that needs no new layout (selection, highlight, drill, search). */
  refresh(fitFocus = false): void {
    this.renderStatus();
    this.computeOverlay();
    this.map.paint();
    this.renderDetails();
    this.renderDrill();
    this.renderStepper();
    this.renderLegend();
    this.renderFindingSelection();
    this.writeHash();
    if (fitFocus && this.focus && this.focus.size > 0) this.map.fit(this.focusNodes());
  }

  private writeHash(): void {
    const h = writeHash(this.state, this.overview);
    if (h !== location.hash && !(h === "" && location.hash === ""))
      history.replaceState(null, "", h || location.pathname + location.search);
  }

  currentFinding(): ViewFinding | undefined {
    return this.state.finding ? this.d.model.findings.find((f) => f.fingerprint === this.state.finding) : undefined;
  }

  /** The focus set (what stays bright), the highlighted path edges and the drill's states. */
  private computeOverlay(): void {
    this.focus = null;
    this.pathEdges.clear();
    this.drillResult = undefined;
    this.drillStates = undefined;
    const f = this.currentFinding();
    if (f) {
      this.focus = new Set([...f.services, ...f.impacted, ...f.path.flatMap((s) => [s.from, s.to])]);
      if (f.missing) this.focus.add(`missing:${f.missing}`);
      f.path.forEach((s, i) => {
        this.pathEdges.set(`${s.from}\u0000${s.to}\u0000${s.kind}`, i);
      });
      this.state.step = Math.min(this.state.step, Math.max(0, f.path.length - 1));
    } else if (this.state.drill) {
      const drill = this.runDrill(this.state.drill);
      if (drill) {
        this.drillResult = drill;
        this.state.wave = Math.min(this.state.wave, drill.waves.length);
        this.drillStates = drillStatesAt(drill, this.state.wave);
        this.focus = new Set(drill.blastRadius);
        // At the end of a stuck drill, the witnesses of what blocks each stuck root are drawn as paths.
        if (this.state.wave >= drill.waves.length) {
          for (const r of drill.reasons) {
            r.witness.slice(1).forEach((to, i) => {
              const from = r.witness[i] as string;
              this.pathEdges.set(`${from}\u0000${to}\u0000${i === 0 ? "rollback" : "runtime"}`, -1);
            });
          }
        }
      }
    } else if (this.state.query) {
      this.focus = new Set(this.matches(this.state.query, Number.POSITIVE_INFINITY));
    } else if (this.state.selected) {
      const s = this.state.selected;
      this.focus = new Set([
        s,
        ...(this.d.outgoing.get(s) ?? []).map((e) => (e.missing ? `missing:${e.to}` : e.to)),
        ...(this.d.dependents.get(s) ?? []).map((e) => e.from),
      ]);
    }
  }

  private runDrill(names: string[]): DrillOutcome | undefined {
    const ids: number[] = [];
    this.compiled ??= compile(estateFromView(this.d.model));
    const index = new Map(this.compiled.names.map((n, i) => [n, i]));
    for (const n of names) {
      const i = index.get(n);
      if (i !== undefined) ids.push(i);
    }
    return ids.length ? simulateDrill(this.compiled, ids) : undefined;
  }

  private inFocus(n: VNode): boolean {
    if (!this.focus) return true;
    if (n.kind !== "group") return this.focus.has(n.id);
    for (const name of this.focus) if (this.visible.nodeOf.get(name) === n.id) return true;
    return false;
  }

  nodePaint(n: VNode): Paint {
    let look = STATE_LOOK[n.state];
    if (this.drillStates) {
      let st: DrillState = "up";
      if (n.kind === "group") {
        for (const [name, s] of this.drillStates) if (this.visible.nodeOf.get(name) === n.id && DRILL_ORDER[s] > DRILL_ORDER[st]) st = s;
      } else st = this.drillStates.get(n.id) ?? "up";
      look = DRILL_LOOK[st];
    }
    const focused = this.inFocus(n);
    const selected = this.state.selected !== null && n.id === this.state.selected;
    return {
      look,
      opacity: focused || selected ? 1 : 0.14,
      highlighted: Boolean(this.focus && focused && (this.pathEdges.size > 0 || this.state.query)),
      selected,
    };
  }

  edgePaint(e: VEdge): EdgePaint {
    const key = `${e.source.id}\u0000${e.target.id}\u0000${e.kind}`;
    const step = this.pathEdges.get(key);
    if (step !== undefined) return { opacity: 1, highlighted: true, current: step === this.state.step };
    if (!this.focus) return { opacity: 1, highlighted: false, current: false };
    const both = this.inFocus(e.source) && this.inFocus(e.target);
    return { opacity: both ? (this.pathEdges.size > 0 ? 0.35 : 1) : 0.06, highlighted: false, current: false };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Actions

  clickNode(n: VNode): void {
    if (n.kind === "group") {
      if (n.system && this.state.expanded) {
        this.state.expanded.add(n.system);
        void this.rebuild(false);
      }
      return;
    }
    if (n.kind === "missing") return;
    this.select(n.id);
  }

  select(name: string | null, fit = false): void {
    this.state.selected = name;
    if (name && this.state.expanded) {
      const s = this.d.byName.get(name);
      const sys = s?.system ?? NO_SYSTEM;
      if (s && !this.state.expanded.has(sys)) {
        this.state.expanded.add(sys);
        void this.rebuild(false).then(() => this.centerOn(name));
        return;
      }
    }
    this.refresh();
    if (name && fit) this.centerOn(name);
  }

  private centerOn(name: string): void {
    const id = this.visible.nodeOf.get(name);
    if (id) this.map.fit(new Set([id]));
    if (id) this.map.focusNode(id);
  }

  highlightFinding(fp: string | null): void {
    this.state.finding = fp;
    this.state.step = 0;
    if (fp) {
      this.state.drill = null;
      const f = this.currentFinding();
      const exp = this.state.expanded;
      if (f && exp) {
        const before = exp.size;
        this.ensureVisibleFor();
        if (exp.size !== before) {
          void this.rebuild(false).then(() => this.refresh(true));
          return;
        }
      }
    }
    this.refresh(Boolean(fp));
  }

  drill(names: string[] | null): void {
    this.state.drill = names;
    this.state.wave = 0;
    if (names) this.state.finding = null;
    this.refresh(Boolean(names));
  }

  step(delta: number): void {
    const f = this.currentFinding();
    if (f) {
      this.state.step = Math.max(0, Math.min(f.path.length - 1, this.state.step + delta));
      this.refresh();
      return;
    }
    if (this.drillResult) {
      this.state.wave = Math.max(0, Math.min(this.drillResult.waves.length, this.state.wave + delta));
      this.refresh();
    }
  }

  goToWave(wave: number): void {
    this.state.wave = wave;
    this.refresh();
  }

  escape(): void {
    if (this.state.finding) this.highlightFinding(null);
    else if (this.state.drill) this.drill(null);
    else if (this.state.query) this.setQuery("");
    else if (this.state.selected) this.select(null);
  }

  setQuery(q: string): void {
    this.state.query = q;
    const input = byId<HTMLInputElement>("search");
    if (input.value !== q) input.value = q;
    this.renderSearchResults();
    this.refresh();
  }

  matches(q: string, max: number): string[] {
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    const out: string[] = [];
    for (const s of this.d.model.services) {
      if (s.name.toLowerCase().includes(needle)) out.push(s.name);
      if (out.length >= max) break;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Panels

  private renderSummary(): void {
    const m = this.d.model;
    const f = m.summary.findings;
    byId("summary").textContent = `${plural(m.summary.services, "service")} · ${plural(m.summary.edges.runtime, "runtime edge")} · ${plural(
      m.summary.edges.rollback,
      "rollback edge",
    )} · ${plural(f.error, "error")}, ${plural(f.warning, "warning")}, ${f.info.toLocaleString("en-US")} info${m.inputs.length ? ` · ${m.inputs.join(" ")}` : ""}`;
  }

  private renderFindings(): void {
    const list = byId("finding-list");
    list.replaceChildren();
    const findings = this.d.model.findings;
    if (findings.length === 0) {
      list.append(
        el("li", { class: "none" }, "No findings: every declared rollback can run when its service fails, and everything can cold-start."),
      );
      return;
    }
    let shownInfo = 0;
    const hiddenInfo: ViewFinding[] = [];
    // Errors first, then warnings, then info (each in the report's order).
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const ordered = findings.map((f, i) => [f, i] as const).sort((a, b) => rank[a[0].severity] - rank[b[0].severity] || a[1] - b[1]);
    for (const [f] of ordered) {
      if (f.severity === "info" && shownInfo >= 20) {
        hiddenInfo.push(f);
        continue;
      }
      if (f.severity === "info") shownInfo++;
      list.append(this.findingItem(f));
    }
    if (hiddenInfo.length) {
      const more = button(`Show ${plural(hiddenInfo.length, "more info finding")}`, () => {
        more.parentElement?.remove();
        for (const f of hiddenInfo) list.append(this.findingItem(f));
        this.renderFindingSelection();
      });
      list.append(el("li", { class: "more" }, more));
    }
    this.renderFindingSelection();
  }

  private findingItem(f: ViewFinding): HTMLLIElement {
    const b = el(
      "button",
      { type: "button", class: `finding ${f.severity}`, "data-fingerprint": f.fingerprint, "aria-pressed": "false" },
      el("span", { class: "sev", "aria-label": f.severity }, MARK[f.severity]),
      el("span", { class: "rule" }, f.rule),
      el("span", { class: "msg" }, f.message),
      f.path.length ? el("span", { class: "chain" }, chain(f.path)) : null,
      f.impacted.length
        ? el(
            "span",
            { class: "impacted" },
            `impacted: ${f.impacted.length > 8 ? `${f.impacted.slice(0, 8).join(", ")} and ${f.impacted.length - 8} more` : f.impacted.join(", ")}`,
          )
        : null,
    );
    b.addEventListener("click", () => this.highlightFinding(this.state.finding === f.fingerprint ? null : f.fingerprint));
    return el("li", {}, b);
  }

  private renderFindingSelection(): void {
    for (const b of document.querySelectorAll<HTMLButtonElement>("button.finding")) {
      const on = b.dataset.fingerprint === this.state.finding;
      b.setAttribute("aria-pressed", String(on));
      b.classList.toggle("active", on);
    }
  }

  private renderStatus(): void {
    const v = this.visible;
    const h = v.hidden;
    const status = byId("status");
    const services = this.d.model.services.length;
    const drawnServices = v.nodes.filter((n) => n.kind === "service").length;
    const parts: (Node | string)[] = [];
    const drawnEdges = v.totalEdges - h.edgesByFilter - h.edgesByKind.runtime - h.edgesByKind.rollback - h.edgesByKind.soft;
    const groupEdges = v.edges.filter((e) => e.source.kind === "group" || e.target.kind === "group").length;
    const grouped = h.groupedEdges
      ? ` (${h.groupedEdges.toLocaleString("en-US")} of them drawn as ${groupEdges.toLocaleString("en-US")} edges between groups, ${h.internalEdges.toLocaleString("en-US")} inside groups)`
      : "";
    parts.push(
      el(
        "span",
        {},
        h.collapsedServices
          ? `${plural(drawnServices + h.collapsedServices, "service")} shown: ${h.collapsedServices.toLocaleString("en-US")} inside ${plural(h.collapsedSystems, "system group")}${drawnServices ? `, ${drawnServices.toLocaleString("en-US")} on their own` : ""} (of ${plural(services, "service")}); ${drawnEdges.toLocaleString("en-US")} of ${plural(v.totalEdges, "edge")}${grouped}. `
          : `Showing ${drawnServices.toLocaleString("en-US")} of ${plural(services, "service")}, ${drawnEdges.toLocaleString("en-US")} of ${plural(v.totalEdges, "edge")}. ${this.map.mode === "canvas" ? "Canvas view: zoom in for labels. " : ""}`,
      ),
    );
    if (h.collapsedSystems) {
      parts.push(el("span", {}, "Large estate: systems are collapsed; click a group to expand it. "));
      parts.push(button("Expand all", () => this.expandAll(), { class: "link" }));
    } else if (this.overview) {
      parts.push(
        button(
          "Collapse systems",
          () => {
            this.state.expanded = new Set();
            void this.rebuild(true);
          },
          { class: "link" },
        ),
      );
    }
    // What the user points at (a followed finding, a selected service) must never vanish silently.
    const f = this.currentFinding();
    const wanted = new Set<string>(f ? [...f.services, ...f.path.flatMap((st) => [st.from, st.to])] : []);
    if (this.state.selected) wanted.add(this.state.selected);
    const unseen = [...wanted].filter((n) => this.d.byName.has(n) && !v.nodeOf.has(n)).sort();
    if (unseen.length > 0) {
      const what = f ? "The finding you follow" : "The selected service";
      parts.push(
        el(
          "span",
          { class: "hidden-focus" },
          ` ${what} is hidden by the filters (${unseen.slice(0, 4).join(", ")}${unseen.length > 4 ? ", …" : ""}). `,
        ),
      );
      if (!(h.services || h.edgesByFilter)) parts.push(button("Clear filters", () => this.clearFilters(), { class: "link" }));
    }
    if (h.services || h.edgesByFilter) {
      parts.push(el("span", {}, ` Hidden by filters: ${plural(h.services, "service")} and their ${plural(h.edgesByFilter, "edge")}. `));
      parts.push(button("Clear filters", () => this.clearFilters(), { class: "link" }));
    }
    const kinds = ALL_KINDS.filter((k) => h.edgesByKind[k] > 0);
    if (kinds.length) {
      parts.push(el("span", {}, ` Hidden edges: ${kinds.map((k) => `${h.edgesByKind[k].toLocaleString("en-US")} ${k}`).join(", ")}. `));
      parts.push(
        button(
          "Show all edges",
          () => {
            this.state.filters.kinds = new Set(ALL_KINDS);
            void this.rebuild(false);
          },
          { class: "link" },
        ),
      );
    }
    status.replaceChildren(...parts);
    byId("expand-all").hidden = !h.collapsedSystems;
  }

  expandAll(): void {
    this.state.expanded = null;
    void this.rebuild(true);
  }

  private clearFilters(): void {
    this.state.filters = defaultState().filters;
    void this.rebuild(true);
  }

  private renderLegend(): void {
    const legend = byId("legend");
    const item = (look: { fill: string; stroke: string; shapeName: string; label: string; dashed?: boolean }) =>
      el("li", {}, shapeIcon(look), el("span", {}, look.label));
    const nodes = this.drillStates
      ? Object.values(DRILL_LOOK).map(item)
      : Object.entries(STATE_LOOK)
          .filter(([k]) => k !== "missing" || this.d.missingNames.length > 0)
          .map(([, l]) => item(l));
    const edges = [
      edgeIcon("runtime", "runtime requirement (needs it to run and to start)"),
      edgeIcon("rollback", "rollback requirement (needs it to roll back)"),
      edgeIcon("soft", "soft: degrades only, never propagates failure"),
      edgeIcon("anyOf", "anyOf: one of the alternatives suffices"),
      edgeIcon("highlight", "a witness path being followed"),
    ];
    legend.replaceChildren(
      ...present(
        el("h3", {}, this.drillStates ? "Drill" : "Services"),
        el("ul", { class: "legend-list" }, ...nodes),
        el("h3", {}, "Edges (arrow: from the service to what it needs)"),
        el("ul", { class: "legend-list" }, ...edges),
        this.overview
          ? el("p", { class: "hint" }, "Large boxes are systems collapsed into one group node; their count is in brackets.")
          : null,
      ),
    );
  }

  private renderStepper(): void {
    const stepper = byId("stepper");
    const text = byId("step-text");
    const f = this.currentFinding();
    if (f?.path.length) {
      const s = f.path[this.state.step] as PathStep;
      stepper.hidden = false;
      const why =
        s.kind === "rollback"
          ? `rolling back ${s.from} needs ${s.to}`
          : `${s.from} needs ${s.to} to run${ruleMeta(f.rule).stepsAreReasons ? `, so ${s.from} is down when ${s.to} is` : ""}`;
      const note = this.noteOf(s);
      text.textContent = `Step ${this.state.step + 1} of ${f.path.length}: ${s.from} ${arrow(s.kind)} ${s.to} — ${why}${note ? ` (“${note}”)` : ""}${
        f.locations[this.state.step] ? ` · ${pos(f.locations[this.state.step])}` : ""
      }`;
      return;
    }
    const d = this.drillResult;
    if (d) {
      stepper.hidden = false;
      text.textContent = drillStepText(d, this.state.wave);
      return;
    }
    stepper.hidden = true;
  }

  private noteOf(s: PathStep): string | undefined {
    const svc = this.d.byName.get(s.from);
    return svc?.[s.kind].find((e) => e.names.includes(s.to) && !e.soft)?.note;
  }

  private renderDetails(): void {
    const panel = byId("details");
    const name = this.state.selected;
    const s = name ? this.d.byName.get(name) : undefined;
    if (!s) {
      panel.replaceChildren(
        el("h2", {}, "Details"),
        el(
          "p",
          { class: "hint" },
          "Click a service (or search for one) to see its requirements, its dependents and its findings, and to drill its failure.",
        ),
      );
      return;
    }
    const state = this.d.state.get(s.name) ?? "clean";
    const look = STATE_LOOK[state];
    const facts = el("dl", { class: "facts" });
    const fact = (k: string, v: string | undefined) => {
      if (v === undefined || v === "") return;
      facts.append(el("dt", {}, k), el("dd", {}, v));
    };
    fact("Owner", s.owner);
    fact("System", s.system);
    fact("Tier", s.tier === undefined ? undefined : `${s.tier}${s.tier === 0 ? " (most critical)" : ""}`);
    fact("Description", s.description);
    fact("Declared at", s.declared.map(pos).join(", "));
    const entryList = (entries: ViewEntry[], empty: string) =>
      entries.length === 0
        ? el("p", { class: "hint" }, empty)
        : el(
            "ul",
            { class: "reqs" },
            ...entries.map((e) =>
              el(
                "li",
                {},
                ...e.names.flatMap((n, i) => [i > 0 ? " or " : "", this.nameLink(n)]),
                e.anyOf ? el("span", { class: "tag" }, "anyOf") : null,
                e.soft ? el("span", { class: "tag" }, "soft") : null,
                e.note ? el("span", { class: "note" }, e.note) : null,
              ),
            ),
          );
    const deps = this.d.dependents.get(s.name) ?? [];
    const depList = (kind: "runtime" | "rollback") => {
      const ds = deps.filter((e) => e.kind === kind);
      return ds.length === 0
        ? el("p", { class: "hint" }, "none")
        : el(
            "ul",
            { class: "reqs" },
            ...ds.slice(0, MAX_LIST).map((e) => el("li", {}, this.nameLink(e.from), e.soft ? el("span", { class: "tag" }, "soft") : null)),
            ds.length > MAX_LIST ? el("li", {}, `and ${ds.length - MAX_LIST} more`) : null,
          );
    };
    const own = (this.d.findingsOf.get(s.name) ?? []).map((i) => this.d.model.findings[i] as ViewFinding);
    panel.replaceChildren(
      ...present(
        el("h2", {}, "Details"),
        el("h3", { class: "svc-name" }, shapeIcon(look), el("span", {}, s.name)),
        el("p", { class: `state ${state}` }, look.label),
        facts,
        button("Drill: fail this service", () => this.drill([s.name]), {
          id: "drill-this",
          class: "primary",
          title: "Simulate a bad change to this service (d)",
        }),
        el("h4", {}, "Runtime requirements"),
        entryList(s.runtime, "needs nothing to run"),
        el("h4", {}, "Rollback requirements"),
        s.rollbackDeclared
          ? entryList(s.rollback, "needs nothing to roll back")
          : el("p", { class: "hint" }, "not declared: its recovery is unknown"),
        el("h4", {}, "Needed at runtime by"),
        depList("runtime"),
        el("h4", {}, "Needed for rollback by"),
        depList("rollback"),
        el("h4", {}, "Findings"),
        own.length
          ? el(
              "ul",
              { class: "reqs" },
              ...own.map((f) =>
                el(
                  "li",
                  {},
                  button(`${MARK[f.severity]} ${f.message}`, () => this.highlightFinding(f.fingerprint), { class: "link" }),
                ),
              ),
            )
          : el("p", { class: "hint" }, "none"),
        this.state.expanded && this.overview
          ? button(
              `Collapse system ${s.system ?? NO_SYSTEM}`,
              () => {
                this.state.expanded?.delete(s.system ?? NO_SYSTEM);
                this.state.selected = null;
                void this.rebuild(false);
              },
              { class: "link" },
            )
          : null,
      ),
    );
  }

  private nameLink(name: string): HTMLElement {
    if (!this.d.byName.has(name))
      return el("span", { class: "missing-name", title: "not declared in any manifest" }, `${name} (undeclared)`);
    return button(name, () => this.select(name, true), { class: "link name" });
  }

  private renderDrill(): void {
    const panel = byId("drill");
    const d = this.drillResult;
    if (!d) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    panel.hidden = false;
    const stuck = d.stuckRoots.length > 0;
    const names = (list: string[]) =>
      list.length
        ? el(
            "span",
            { class: "names" },
            ...list.slice(0, MAX_LIST).flatMap((n, i) => [i ? ", " : "", this.nameLink(n)]),
            list.length > MAX_LIST ? ` and ${list.length - MAX_LIST} more` : "",
          )
        : el("span", { class: "hint" }, "none");
    const waves = el(
      "ol",
      { class: "waves" },
      el(
        "li",
        { class: this.state.wave === 0 ? "current" : undefined },
        button(`Failure: ${d.failed.join(", ")}`, () => this.goToWave(0), { class: "link" }),
        " takes down ",
        names(d.blastRadius),
      ),
      ...d.waves.map((w, i) =>
        el(
          "li",
          { class: this.state.wave === i + 1 ? "current" : undefined },
          button(`Wave ${i + 1}`, () => this.goToWave(i + 1), { class: "link" }),
          ": roll back ",
          names(w.rollback),
          "; back by itself: ",
          names(w.recovered),
        ),
      ),
    );
    const reasons = el(
      "ul",
      { class: "reasons" },
      ...d.reasons.map((r) => {
        const why = r.witness.length > 1 ? r.witness.map((n, i) => (i === 0 ? n : `${i === 1 ? "⇒" : "→"} ${n}`)).join(" ") : "";
        return el(
          "li",
          {},
          el("strong", {}, r.root),
          ` cannot be rolled back: its rollback needs ${r.requirement.length > 1 ? `one of ${r.requirement.join(", ")}` : r.requirement[0]}, which ${r.requirement.length > 1 ? "are all" : "is"} down`,
          r.note ? el("span", { class: "note" }, r.note) : null,
          why ? el("span", { class: "chain" }, `why: ${why}`) : null,
        );
      }),
    );
    panel.replaceChildren(
      ...present(
        el("h2", {}, `Drill: fail ${d.failed.join(", ")}`),
        el(
          "p",
          { class: stuck ? "verdict stuck" : "verdict ok" },
          stuck
            ? `✖ Stuck: ${plural(d.stuckRoots.length, "root")} can never be rolled back; ${plural(d.stuck.length, "service")} stay down.`
            : `✔ Recovers: every root is rolled back in ${plural(d.waves.length, "wave")}.`,
        ),
        el("p", {}, `Blast radius: ${plural(d.blastRadius.length, "service")}.`),
        waves,
        stuck ? el("h3", {}, "Stuck, and why") : null,
        stuck ? reasons : null,
        stuck ? el("p", {}, "Stuck down: ", names(d.stuck)) : null,
        el(
          "div",
          { class: "row" },
          button("◀ Previous", () => this.step(-1)),
          button("Next ▶", () => this.step(1)),
          button("End drill", () => this.drill(null)),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Controls

  private fillFilterOptions(): void {
    const fill = (id: string, values: string[], chosen: Set<string>) => {
      const sel = byId<HTMLSelectElement>(id);
      sel.replaceChildren(
        ...values.map((v) => {
          const o = el("option", { value: v }, v);
          o.selected = chosen.has(v);
          return o;
        }),
      );
    };
    fill("filter-system", this.d.systems, this.state.filters.systems);
    fill("filter-owner", this.d.owners, this.state.filters.owners);
  }

  private syncControls(): void {
    const f = this.state.filters;
    for (const k of ALL_KINDS) byId<HTMLInputElement>(`kind-${k}`).checked = f.kinds.has(k);
    byId<HTMLSelectElement>("filter-findings").value = f.findings;
    for (const [id, set] of [
      ["filter-system", f.systems],
      ["filter-owner", f.owners],
    ] as const) {
      for (const o of byId<HTMLSelectElement>(id).options) o.selected = set.has(o.value);
    }
    byId("layout-toggle").textContent = this.state.layout === "force" ? "Layered layout" : "Force layout";
    const input = byId<HTMLInputElement>("search");
    if (input.value !== this.state.query) input.value = this.state.query;
  }

  private renderSearchResults(): void {
    const ul = byId("search-results");
    const q = this.state.query;
    const found = this.matches(q, 20);
    ul.replaceChildren(
      ...found.map((n, i) => {
        const b = button(
          n,
          () => {
            ul.hidden = true;
            this.state.query = "";
            byId<HTMLInputElement>("search").value = "";
            this.select(n, true);
          },
          { role: "option", class: "result", "data-index": String(i) },
        );
        return el("li", {}, b);
      }),
    );
    if (q && found.length === 0) ul.append(el("li", { class: "hint" }, "no service matches"));
    ul.hidden = !q;
  }

  private wireControls(): void {
    const search = byId<HTMLInputElement>("search");
    search.addEventListener("input", () => {
      this.state.query = search.value;
      this.renderSearchResults();
      this.refresh();
    });
    search.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        const first = this.matches(search.value, 1)[0];
        if (first) {
          this.state.query = "";
          search.value = "";
          byId("search-results").hidden = true;
          this.select(first, true);
        }
      } else if (ev.key === "ArrowDown") {
        ev.preventDefault();
        byId("search-results").querySelector<HTMLButtonElement>("button")?.focus();
      } else if (ev.key === "Escape") {
        ev.stopPropagation();
        this.setQuery("");
        search.blur();
      }
    });
    byId("search-results").addEventListener("keydown", (ev) => {
      const t = ev.target as HTMLElement;
      if (ev.key === "ArrowDown") (t.parentElement?.nextElementSibling?.querySelector("button") as HTMLElement | null)?.focus();
      else if (ev.key === "ArrowUp")
        ((t.parentElement?.previousElementSibling?.querySelector("button") as HTMLElement | null) ?? search).focus();
      else return;
      ev.preventDefault();
    });
    byId("layout-toggle").addEventListener("click", () => {
      this.state.layout = this.state.layout === "force" ? "layered" : "force";
      void this.rebuild(true);
    });
    byId("fit").addEventListener("click", () => this.map.fit());
    byId("expand-all").addEventListener("click", () => this.expandAll());
    byId("export-svg").addEventListener("click", () => {
      download("catch22-map.svg", new Blob([toSvg(this.visible, this, "catch22 dependency map")], { type: "image/svg+xml" }));
    });
    byId("export-png").addEventListener("click", () => {
      void toPng(this.visible, this).then((blob) => blob && download("catch22-map.png", blob));
    });
    const help = byId("help");
    const toggleHelp = () => {
      help.hidden = !help.hidden;
      byId("help-toggle").setAttribute("aria-expanded", String(!help.hidden));
    };
    byId("help-toggle").addEventListener("click", toggleHelp);
    byId("step-prev").addEventListener("click", () => this.step(-1));
    byId("step-next").addEventListener("click", () => this.step(1));
    byId("step-close").addEventListener("click", () => this.escape());
    for (const k of ALL_KINDS) {
      byId<HTMLInputElement>(`kind-${k}`).addEventListener("change", (ev) => {
        const on = (ev.target as HTMLInputElement).checked;
        if (on) this.state.filters.kinds.add(k as EdgeClass);
        else this.state.filters.kinds.delete(k as EdgeClass);
        void this.rebuild(false);
      });
    }
    const multi = (id: string, key: "systems" | "owners") =>
      byId<HTMLSelectElement>(id).addEventListener("change", (ev) => {
        this.state.filters[key] = new Set([...(ev.target as HTMLSelectElement).selectedOptions].map((o) => o.value));
        void this.rebuild(true);
      });
    multi("filter-system", "systems");
    multi("filter-owner", "owners");
    byId<HTMLSelectElement>("filter-findings").addEventListener("change", (ev) => {
      this.state.filters.findings = (ev.target as HTMLSelectElement).value as UiState["filters"]["findings"];
      void this.rebuild(true);
    });
    byId("clear-filters").addEventListener("click", () => this.clearFilters());
    document.addEventListener("keydown", (ev) => {
      const t = ev.target as HTMLElement;
      const typing = t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA";
      if (ev.key === "Escape") {
        if (!help.hidden) toggleHelp();
        else this.escape();
        return;
      }
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const actions: Record<string, () => void> = {
        "/": () => search.focus(),
        "[": () => this.step(-1),
        "]": () => this.step(1),
        f: () => this.map.fit(),
        l: () => byId("layout-toggle").click(),
        d: () => this.state.selected && this.drill([this.state.selected]),
        "+": () => this.map.zoomBy(1.4),
        "=": () => this.map.zoomBy(1.4),
        "-": () => this.map.zoomBy(1 / 1.4),
        "?": toggleHelp,
      };
      const act = actions[ev.key];
      if (act) {
        ev.preventDefault();
        act();
      }
    });
  }
}

const DRILL_ORDER: Record<DrillState, number> = { up: 0, recovered: 1, rolledback: 2, down: 3, failed: 4, stuck: 5, stuckRoot: 6 };

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

function drillStepText(d: DrillOutcome, wave: number): string {
  const last = wave >= d.waves.length;
  const tail = last
    ? d.stuckRoots.length
      ? ` — STUCK: ${d.stuckRoots.join(", ")} cannot be rolled back; ${plural(d.stuck.length, "service")} stay down`
      : " — everything is back"
    : "";
  if (wave === 0)
    return `Drill step 1 of ${d.waves.length + 1}: failing ${d.failed.join(", ")} takes down ${plural(d.blastRadius.length, "service")}${tail}`;
  const w = d.waves[wave - 1];
  return `Drill step ${wave + 1} of ${d.waves.length + 1}: wave ${wave} rolls back ${w?.rollback.join(", ")}; ${plural(w?.recovered.length ?? 0, "service")} come back${tail}`;
}

function shapeIcon(look: { fill: string; stroke: string; shapeName: string; dashed?: boolean }): SVGSVGElement {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "-10 -10 20 20");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(NS, "path");
  const look2 = Object.values(STATE_LOOK)
    .concat(Object.values(DRILL_LOOK))
    .find((l) => l.shapeName === look.shapeName);
  p.setAttribute("d", look2 ? symbolFor(look2) : "");
  p.setAttribute("fill", look.fill);
  p.setAttribute("stroke", look.stroke);
  p.setAttribute("stroke-width", "1.3");
  if (look.dashed) p.setAttribute("stroke-dasharray", "2 2");
  svg.append(p);
  return svg;
}

const symbolFor = (look: Parameters<typeof symbolPath>[0]) => symbolPath(look, 6);

function edgeIcon(kind: "runtime" | "rollback" | "soft" | "anyOf" | "highlight", label: string): HTMLLIElement {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 40 12");
  svg.setAttribute("class", "icon wide");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(NS, "path");
  line.setAttribute("d", "M2,6L32,6");
  line.setAttribute("fill", "none");
  const color = kind === "rollback" ? "#0072B2" : kind === "highlight" ? "#D55E00" : "#3d4a57";
  line.setAttribute("stroke", color);
  line.setAttribute("stroke-width", kind === "highlight" ? "3.5" : "1.6");
  if (kind === "rollback") line.setAttribute("stroke-dasharray", "7 4");
  if (kind === "soft") {
    line.setAttribute("stroke-dasharray", "2 3");
    line.setAttribute("opacity", "0.45");
  }
  const head = document.createElementNS(NS, "path");
  head.setAttribute("d", "M38,6L31,2.5L31,9.5Z");
  head.setAttribute("fill", color);
  svg.append(line, head);
  if (kind === "anyOf") {
    const c = document.createElementNS(NS, "circle");
    c.setAttribute("cx", "18");
    c.setAttribute("cy", "6");
    c.setAttribute("r", "3.5");
    c.setAttribute("fill", "#fff");
    c.setAttribute("stroke", color);
    c.setAttribute("stroke-width", "1.5");
    svg.append(c);
  }
  return el("li", {}, svg, el("span", {}, label));
}
