// The page: state (selection, finding, drill, search, filters, layout) → visible graph → overlay → map and panels.

import { selectServices } from "../src/drill/select.js";
import { type RecoveryTimes, recoveryTimes } from "../src/drill/timing.js";
import { type Compiled, compile } from "../src/graph/compiled.js";
import type { ViewFinding, ViewPayload } from "../src/report/view-model.js";
import { append } from "../src/util/append.js";
import type { ViewOverview } from "../src/view/overview.js";
import { fillFilterOptions, syncControls, wireControls } from "./controls.js";
import { derive, type Estate2, NO_SYSTEM, type VEdge, type Visible, type VNode, visibleGraph } from "./derive.js";
import { byId } from "./dom.js";
import { type DrillOutcome, estateFromView, observedAdditions, simulateColdDrill, simulateDrill } from "./drill.js";
import { gridLayout } from "./grid-layout.js";
import { forceLayout, layeredLayout } from "./layout.js";
import { LazyEstate } from "./lazy.js";
import { lazyVisibleGraph } from "./lazy-graph.js";
import { computeOverlay, edgePaint, NO_OVERLAY, nodePaint, type Overlay } from "./overlay.js";
import type { Page } from "./page.js";
import { renderDetails } from "./panels/details.js";
import { renderDrill } from "./panels/drill.js";
import { renderFindingSelection, renderFindings } from "./panels/findings.js";
import { renderLegend } from "./panels/legend.js";
import { matches, renderSearchResults } from "./panels/search.js";
import { renderStatus } from "./panels/status.js";
import { renderStepper } from "./panels/stepper.js";
import { clearErrors, renderSummary, showErrors } from "./panels/summary.js";
import type { EdgePaint } from "./scene.js";
import type { LazySource } from "./source.js";
import { defaultState, readHash, type UiState, writeHash } from "./state.js";
import type { Paint } from "./style.js";
import { MapView } from "./view.js";

/** Above this many services the page opens on the overview: systems collapsed into group nodes. */
export const OVERVIEW_ABOVE = 2000;

export class App implements Page {
  d!: Estate2;
  state: UiState = defaultState();
  visible!: Visible;
  map: MapView;
  overlay: Overlay = NO_OVERLAY;
  overview = false;
  /** A large estate: the overview and the systems loaded so far (src/view/overview.ts); undefined when the page has the whole model. */
  lazy: LazyEstate | undefined;
  private compiled: Compiled | undefined;
  private times: RecoveryTimes | undefined;
  private ready = false;
  private layoutRun = 0;

  constructor() {
    this.map = new MapView(byId("canvas-host"), {
      nodePaint: (n) => this.nodePaint(n),
      edgePaint: (e) => this.edgePaint(e),
      onNodeClick: (n) => this.clickNode(n),
      onBackgroundClick: () => {},
      onZoom: () => {},
    });
    wireControls(this, this);
    let relayout: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener("resize", () => {
      this.map.resize();
      // The layered layout and the grid are fitted to the map's size: once the resizing settles, lay it out again.
      clearTimeout(relayout);
      if (this.layoutFollowsSize()) relayout = setTimeout(() => void this.rebuild(true), 250);
    });
    window.addEventListener("hashchange", () => {
      if (location.hash === writeHash(this.state, this.overview)) return;
      this.state = readHash(location.hash, this.overview);
      void this.rebuild(true);
    });
  }

  /** Shows a payload: the first analysis, or a fresh one pushed by the server. */
  async show(payload: ViewPayload): Promise<void> {
    if (!payload.ok) {
      showErrors(payload.diagnostics);
      if (!this.ready) this.markReady();
      return;
    }
    clearErrors();
    const first = !this.d;
    this.lazy = undefined;
    this.d = derive(payload.model);
    this.compiled = undefined;
    this.times = undefined;
    if (first) {
      this.overview = payload.model.services.length > OVERVIEW_ABOVE;
      this.state = readHash(location.hash, this.overview);
    }
    if (first) performance.mark("catch22:derived");
    fillFilterOptions(this);
    renderSummary(this.d);
    renderFindings(this);
    if (first) performance.mark("catch22:panels");
    await this.rebuild(first);
  }

  /** Shows a large estate's overview: systems collapsed, each loaded from `source` when expanded. */
  async showOverview(overview: ViewOverview, source: LazySource): Promise<void> {
    clearErrors();
    const first = !this.d;
    this.lazy = new LazyEstate(overview, source);
    this.d = this.lazy.derive();
    this.compiled = undefined;
    this.times = undefined;
    if (first) {
      this.overview = true;
      this.state = readHash(location.hash, true);
      performance.mark("catch22:derived");
    }
    fillFilterOptions(this);
    renderSummary(this.d);
    renderFindings(this);
    if (first) performance.mark("catch22:panels");
    await this.rebuild(first);
  }

  /** The system of a declared service (undefined for a name no manifest declares). */
  systemOf(name: string): string | undefined {
    if (this.lazy) return this.lazy.systemOf.get(name);
    const s = this.d.byName.get(name);
    return s ? (s.system ?? NO_SYSTEM) : undefined;
  }

  private markReady(): void {
    this.ready = true;
    performance.mark("catch22:ready");
    document.documentElement.dataset.catch22Ready = "true";
  }

  // ---------------------------------------------------------------------------------------------------------
  // State → visible graph → layout → map

  layoutFollowsSize(): boolean {
    return this.state.layout === "layered" || this.lazy !== undefined;
  }

  async rebuild(fit: boolean): Promise<void> {
    const run = ++this.layoutRun;
    this.ensureVisibleFor();
    const lazy = this.lazy;
    if (lazy) {
      // A system that cannot be read (gone since the overview) stays collapsed.
      const fresh = await lazy.load(this.state.expanded).catch(() => true);
      if (fresh && lazy === this.lazy) this.d = lazy.derive();
    }
    const previous = this.visible?.byId;
    const opts = { filters: this.state.filters, expanded: this.state.expanded };
    const v = lazy ? lazyVisibleGraph(this.d, lazy, opts, previous) : visibleGraph(this.d, opts, previous);
    if (!this.ready) performance.mark("catch22:visible");
    if (this.state.layout === "layered") layeredLayout(v, this.map.size);
    else if (lazy) {
      const { width, height } = this.map.size;
      gridLayout(v, (name) => lazy.systemOf.get(name), width / height);
    } else {
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
    renderStatus(this);
    syncControls(this);
    renderDetails(this);
    renderDrill(this);
    renderStepper(this);
    renderLegend(this);
    this.writeHash();
    if (!this.ready) performance.mark("catch22:panels2");
    const focus = this.overlay.focus;
    if (fit || !this.ready)
      this.map.fit(focus && focus.size > 0 && focus.size < v.nodes.length ? this.focusNodes() : undefined, this.ready);
    if (!this.ready) performance.mark("catch22:fit");
    this.map.drawNow();
    if (!this.ready) performance.mark("catch22:drawn");
    const host = byId("canvas-host");
    host.dataset.drawnNodes = String(v.nodes.length);
    host.dataset.drawnEdges = String(v.edges.length);
    host.dataset.renderer = this.map.mode;
    if (!this.ready) this.markReady();
  }

  /** Expands the systems that hold what the state points at (selection, finding path), so nothing is hidden in a group. */
  private ensureVisibleFor(): void {
    const exp = this.state.expanded;
    if (!exp) return;
    const names: string[] = [];
    if (this.state.selected) names.push(this.state.selected);
    const f = this.currentFinding();
    if (f) {
      append(names, f.services);
      for (const s of f.path) names.push(s.from, s.to);
    }
    for (const n of names) {
      const system = this.systemOf(n);
      if (system !== undefined) exp.add(system);
    }
  }

  /** The visible nodes that show the focus. */
  private focusNodes(): Set<string> {
    const ids = new Set<string>();
    for (const n of this.overlay.focus ?? []) {
      const id = this.visible.nodeOf.get(n) ?? (this.visible.byId.has(n) ? n : undefined);
      if (id) ids.add(id);
    }
    return ids;
  }

  refresh(fitFocus = false): void {
    renderStatus(this);
    this.computeOverlay();
    this.map.paint();
    renderDetails(this);
    renderDrill(this);
    renderStepper(this);
    renderLegend(this);
    renderFindingSelection(this);
    this.writeHash();
    const focus = this.overlay.focus;
    if (fitFocus && focus && focus.size > 0) this.map.fit(this.focusNodes());
  }

  private writeHash(): void {
    const h = writeHash(this.state, this.overview);
    if (h !== location.hash && !(h === "" && location.hash === ""))
      history.replaceState(null, "", h || location.pathname + location.search);
  }

  currentFinding(): ViewFinding | undefined {
    return this.state.finding ? this.d.model.findings.find((f) => f.fingerprint === this.state.finding) : undefined;
  }

  private computeOverlay(): void {
    this.overlay = computeOverlay(this.d, this.state, {
      finding: this.currentFinding(),
      runDrill: (terms) => this.runDrill(terms),
      matches: (q) => matches(this, q, Number.POSITIVE_INFINITY),
    });
  }

  /** The drill of `--fail` terms, selected as the CLI selects them; the config's RTOs per tier are not in the page, services' own are. */
  private runDrill(terms: string[]): DrillOutcome | undefined {
    // A large estate's drill needs every service: it runs once they are all loaded.
    const model = this.lazy ? this.lazy.full : this.d.model;
    if (!model) {
      const lazy = this.lazy;
      void lazy?.all().then(() => lazy === this.lazy && this.refresh(true));
      return undefined;
    }
    this.compiled ??= compile(estateFromView(model), observedAdditions(model));
    this.times ??= recoveryTimes(this.compiled.estate.services);
    const selection = selectServices(this.compiled.estate.services, terms);
    const ids = selection.ok ? selection.ids : [];
    if (this.state.cold) return simulateColdDrill(this.compiled, ids, this.times);
    return ids.length ? simulateDrill(this.compiled, ids, this.times) : undefined;
  }

  nodePaint(n: VNode): Paint {
    return nodePaint(this.overlay, this.visible, this.state, n);
  }

  edgePaint(e: VEdge): EdgePaint {
    return edgePaint(this.overlay, this.visible, this.state, e);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Actions

  clickNode(n: VNode): void {
    if (n.kind === "group") {
      if (n.system && this.state.expanded) {
        const system = n.system;
        this.state.expanded.add(system);
        // Among a thousand groups the services just drawn are easy to miss: a large estate shows them.
        void this.rebuild(false).then(() => {
          const members = this.lazy?.slice(system)?.services.map((s) => s.name);
          if (members?.length) this.map.fit(new Set(members.filter((m) => this.visible.byId.has(m))));
        });
      }
      return;
    }
    if (n.kind === "missing") return;
    this.select(n.id);
  }

  select(name: string | null, fit = false): void {
    this.state.selected = name;
    if (name && this.state.expanded) {
      const sys = this.systemOf(name);
      if (sys !== undefined && !this.state.expanded.has(sys)) {
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

  drill(terms: string[] | null, cold = false): void {
    this.state.drill = terms;
    this.state.cold = terms !== null && cold;
    this.state.wave = 0;
    if (terms) this.state.finding = null;
    this.refresh(Boolean(terms));
  }

  step(delta: number): void {
    const f = this.currentFinding();
    if (f) {
      this.state.step = Math.max(0, Math.min(f.path.length - 1, this.state.step + delta));
      this.refresh();
      return;
    }
    const d = this.overlay.drill;
    if (d) {
      this.state.wave = Math.max(0, Math.min(d.waves.length, this.state.wave + delta));
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
    renderSearchResults(this);
    this.refresh();
  }

  expandAll(): void {
    this.state.expanded = null;
    void this.rebuild(true);
  }

  clearFilters(): void {
    this.state.filters = defaultState().filters;
    void this.rebuild(true);
  }
}
