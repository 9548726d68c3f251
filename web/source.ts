// Where a large estate's parts come from: the HTML report's embedded elements (decoded on demand) or the server's
// /api/system and /api/search (catch22 serve). The overview itself is the page's first data.
import type { ViewModel, ViewPayload } from "../src/report/view-model.js";
import type { SystemSlice, ViewOverview } from "../src/view/overview.js";

export interface LazySource {
  /** One system's services and every edge with an end in it. */
  system(name: string): Promise<SystemSlice>;
  /** Up to `max` names matching the search box's query (src/view/search.ts), in name order; absent: the page searches. */
  search?(q: string, max: number): Promise<string[]>;
  /** The whole model (a drill needs every service); absent: the page builds it from every system. */
  all?(): Promise<ViewModel>;
}

/** The embedded data: gzip-compressed JSON in base64 (src/report/html.ts), or plain JSON. */
export async function decodeEmbedded<T = ViewPayload>(el: HTMLScriptElement): Promise<T> {
  const text = el.textContent ?? "";
  if (el.type === "application/json") return JSON.parse(text) as T;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as T;
}

/** The HTML report: system i is the element `catch22-system-<i>` (the overview's order). */
export function embeddedSource(overview: ViewOverview): LazySource {
  const index = new Map(overview.systems.map((s, i) => [s.name, i]));
  return {
    async system(name) {
      const el = document.getElementById(`catch22-system-${index.get(name) ?? -1}`);
      if (!el) throw new Error(`no embedded data for system ${name}`);
      return decodeEmbedded<SystemSlice>(el as HTMLScriptElement);
    },
  };
}

/** catch22 serve: a system and a search are one request each; the whole model is /api/analysis. */
export function serverSource(): LazySource {
  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(url, { cache: "no-store" });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    system: (name) => get<SystemSlice>(`/api/system?name=${encodeURIComponent(name)}`),
    search: async (q, max) => (await get<{ names: string[] }>(`/api/search?q=${encodeURIComponent(q)}&max=${max}`)).names,
    async all() {
      const p = await get<ViewPayload>("/api/analysis");
      if (!p.ok) throw new Error("the analysis failed");
      return p.model;
    },
  };
}
