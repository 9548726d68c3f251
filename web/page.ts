// What the panels and controls see of the page: its data, state and overlay, and the actions they may call (App implements it).
import type { ViewFinding } from "../src/report/view-model.js";
import type { Estate2, Visible } from "./derive.js";
import type { LazyEstate } from "./lazy.js";
import type { Overlay } from "./overlay.js";
import type { UiState } from "./state.js";
import type { MapView } from "./view.js";

export interface Page {
  readonly d: Estate2;
  state: UiState;
  readonly visible: Visible;
  /** The page opened on the overview (systems collapsed into group nodes). */
  readonly overview: boolean;
  /** A large estate (only the overview and the expanded systems are loaded); undefined when the page has the whole model. */
  readonly lazy: LazyEstate | undefined;
  /** The system of a declared service, loaded or not; undefined for a name no manifest declares. */
  systemOf(name: string): string | undefined;
  readonly overlay: Overlay;
  readonly map: MapView;
  currentFinding(): ViewFinding | undefined;
  /** The layout depends on the map's size (the layered layout, a large estate's grid): resizing lays it out again. */
  layoutFollowsSize(): boolean;
  /** Recomputes the visible graph and its layout; `fit` refits the view afterwards. */
  rebuild(fit: boolean): Promise<void>;
  /** Update after a state change that needs no new layout (selection, highlight, drill, search). */
  refresh(fitFocus?: boolean): void;
  select(name: string | null, fit?: boolean): void;
  highlightFinding(fingerprint: string | null): void;
  /** Runs a drill of these `--fail` terms (names or selectors such as `zone=eu-1a`); `cold`: a cold start. null ends it. */
  drill(terms: string[] | null, cold?: boolean): void;
  step(delta: number): void;
  goToWave(wave: number): void;
  escape(): void;
  setQuery(q: string): void;
  expandAll(): void;
  clearFilters(): void;
}
