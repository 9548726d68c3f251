// A large estate in the page: the overview (systems, aggregated edges, every finding) and the systems loaded so far,
// merged into a partial view model that the panels read as they read a whole one.
import type { ViewEdge, ViewModel, ViewObservedEdge, ViewService } from "../src/report/view-model.js";
import type { SystemSlice, ViewOverview } from "../src/view/overview.js";
import { searchServices } from "../src/view/search.js";
import { derive, type Estate2, zonesOf } from "./derive.js";
import type { LazySource } from "./source.js";

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How many names a search asks for: the result list shows 20, the map highlights them all. */
export const SEARCH_MAX = 2000;

export class LazyEstate {
  /** Each declared service's system. */
  readonly systemOf = new Map<string, string>();
  private readonly slices = new Map<string, SystemSlice>();
  private pending = new Map<string, Promise<SystemSlice>>();
  private fullModel: ViewModel | undefined;
  private loadingAll: Promise<ViewModel> | undefined;
  private names: { name: string }[] | undefined;
  private hits: { q: string; names: string[] } | undefined;
  private asked: string | undefined;
  private known: Set<string> | undefined;
  private zoneMembers: Map<string, string[]> | undefined;

  constructor(
    readonly overview: ViewOverview,
    private readonly source: LazySource,
  ) {
    for (const s of overview.systems) for (const n of s.services) this.systemOf.set(n, s.name);
  }

  get services(): number {
    return this.systemOf.size;
  }

  loaded(system: string): boolean {
    return this.slices.has(system);
  }

  slice(system: string): SystemSlice | undefined {
    return this.slices.get(system);
  }

  /** Loads these systems (null: every one); true when any was new. */
  async load(systems: Iterable<string> | null): Promise<boolean> {
    const want = systems === null ? this.overview.systems.map((s) => s.name) : [...systems];
    this.known ??= new Set(this.overview.systems.map((s) => s.name));
    const known = this.known;
    const missing = want.filter((s) => !this.slices.has(s) && known.has(s));
    if (missing.length === 0) return false;
    const got = await Promise.all(
      missing.map((s) => {
        let p = this.pending.get(s);
        if (!p) {
          p = this.source.system(s);
          this.pending.set(s, p);
        }
        return p;
      }),
    );
    for (const slice of got) {
      this.slices.set(slice.system, slice);
      this.pending.delete(slice.system);
    }
    return true;
  }

  /** The loaded systems as one view model: their services, each edge once, every finding. */
  model(): ViewModel {
    const services: ViewService[] = [];
    const edges: ViewEdge[] = [];
    const observed: ViewObservedEdge[] = [];
    for (const [system, slice] of this.slices) {
      for (const s of slice.services) services.push(s);
      // An edge between two loaded systems is in both slices: keep it in its owner's.
      for (const e of slice.edges)
        if (this.systemOf.get(e.from) === system || !this.slices.has(this.systemOf.get(e.from) ?? "")) edges.push(e);
      for (const o of slice.observed ?? []) {
        const from = this.systemOf.get(o.from) ?? "";
        if (from === system || !this.slices.has(from)) observed.push(o);
      }
    }
    services.sort((a, b) => byCode(a.name, b.name));
    const o = this.overview;
    const m: ViewModel = { tool: o.tool, schemaVersion: 1, inputs: o.inputs, summary: o.summary, services, edges, findings: o.findings };
    if (o.observed) m.observed = observed;
    return m;
  }

  /** The page's derived estate of what is loaded, with the systems and owners of the whole estate. */
  derive(): Estate2 {
    const d = derive(this.model());
    d.systems = this.overview.systems.map((s) => s.name);
    d.owners = this.overview.owners;
    d.zones = this.zones();
    return d;
  }

  /** Every service's zone, from the overview (loaded or not). */
  private zones(): Map<string, string[]> {
    const names = this.overview.zones ?? [];
    this.zoneMembers ??= zonesOf(
      this.overview.systems.flatMap((s) =>
        s.services.map((name, i) => {
          const z = s.zones?.[i] ?? -1;
          return z < 0 ? { name } : { name, zone: names[z] as string };
        }),
      ),
    );
    return this.zoneMembers;
  }

  /** The whole model (every system loaded), built once. */
  all(): Promise<ViewModel> {
    this.loadingAll ??= (this.source.all ? this.source.all() : this.load(null).then(() => this.model())).then((m) => {
      this.fullModel = m;
      return m;
    });
    return this.loadingAll;
  }

  get full(): ViewModel | undefined {
    return this.fullModel;
  }

  /**
   * The names the search found for `q`, if it has answered; otherwise asks (the server, or the overview's
   * names here; an `api:` search here needs the whole model) and calls `answered` when it does.
   */
  matches(q: string, max: number, answered: () => void): string[] {
    if (this.hits?.q === q) return this.hits.names.slice(0, max);
    if (this.asked !== q) {
      this.asked = q;
      void this.search(q).then((names) => {
        if (this.asked !== q) return;
        this.hits = { q, names };
        answered();
      });
    }
    return [];
  }

  /** A search for `q` was asked and has not answered yet. */
  searching(q: string): boolean {
    return this.asked === q && this.hits?.q !== q;
  }

  private async search(q: string): Promise<string[]> {
    if (this.source.search) return this.source.search(q, SEARCH_MAX);
    if (q.trim().toLowerCase().startsWith("api:")) return searchServices(await this.all(), q, SEARCH_MAX);
    this.names ??= [...this.systemOf.keys()].sort(byCode).map((name) => ({ name }));
    return searchServices({ services: this.names as ViewService[] }, q, SEARCH_MAX);
  }
}
