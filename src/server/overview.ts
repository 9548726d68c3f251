// The served overview of a large estate: /api/overview (the page's first data), /api/system?name= (one system's
// services and edges, on expansion) and /api/search?q= (service names), over the analysis the server holds.
import type { ViewModel, ViewPayload } from "../report/view-model.js";
import { type ApiUse, apiUses } from "../view/apis.js";
import { buildOverview, type OverviewIndex, type OverviewPayload } from "../view/overview.js";
import { searchServices } from "../view/search.js";
import { lazyThreshold } from "../view/threshold.js";

export interface ApiAnswer {
  status: number;
  /** JSON text. */
  body: string;
}

/** The most names one search answers (the page asks for fewer). */
const MAX_SEARCH = 5000;

export interface OverviewApi {
  /** A fresh analysis (the index of the last one is dropped). */
  update(payload: ViewPayload): void;
  /** The answer to one of its paths, or undefined when the path is not one of them. */
  answer(path: string, query: URLSearchParams, fullText: () => string): ApiAnswer | undefined;
}

/** `/api/overview` is the whole payload (the same text as /api/analysis) at or below the threshold, else the overview. */
export function overviewApi(threshold = lazyThreshold()): OverviewApi {
  let payload: ViewPayload | undefined;
  let index: OverviewIndex | undefined;
  let overviewText: string | undefined;
  let uses: Map<string, ApiUse> | undefined;
  const model = (): ViewModel | undefined => (payload?.ok ? payload.model : undefined);
  const lazy = () => {
    const m = model();
    return m !== undefined && m.services.length > threshold;
  };
  const ensureIndex = (m: ViewModel): OverviewIndex => {
    index ??= buildOverview(m);
    return index;
  };
  const overviewOf = (m: ViewModel): string => {
    overviewText ??= JSON.stringify({ ok: true, overview: ensureIndex(m).overview } satisfies OverviewPayload);
    return overviewText;
  };
  const json = (status: number, value: unknown): ApiAnswer => ({ status, body: JSON.stringify(value) });
  return {
    update(p) {
      payload = p;
      index = undefined;
      overviewText = undefined;
      uses = undefined;
      // Built between requests, so the page's first request does not wait for it.
      const m = model();
      if (m && lazy()) setImmediate(() => payload === p && overviewOf(m));
    },
    answer(path, query, fullText) {
      if (path === "/api/overview") {
        const m = model();
        if (!m || !lazy()) return { status: 200, body: fullText() };
        return { status: 200, body: overviewOf(m) };
      }
      if (path === "/api/system") {
        const m = model();
        const name = query.get("name");
        if (!m || name === null) return json(404, { error: "no analysis, or no system named" });
        const slice = ensureIndex(m).slice(name);
        return slice ? json(200, slice) : json(404, { error: `no service is in system ${name}` });
      }
      if (path === "/api/search") {
        const m = model();
        const q = query.get("q") ?? "";
        const max = Math.min(MAX_SEARCH, Math.max(1, Number(query.get("max")) || 20));
        if (!m) return json(200, { query: q, names: [] });
        uses ??= apiUses(m);
        return json(200, { query: q, names: searchServices(m, q, max, uses) });
      }
      return undefined;
    },
  };
}
