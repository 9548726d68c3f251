// Searching services by name (or `api:<name>`, SPEC §8): the page's search box, and the server's /api/search for the overview.
import type { ViewModel } from "../report/view-model.js";
import { type ApiUse, apiMatches, apiQuery, apiUses } from "./apis.js";

/**
 * Up to `max` service names containing `q` (case-insensitive), in name order; `api:<name>` finds
 * the services that provide or consume an api whose name contains it. `uses` saves rebuilding the api table.
 */
export function searchServices(model: Pick<ViewModel, "services">, q: string, max: number, uses?: ReadonlyMap<string, ApiUse>): string[] {
  const api = apiQuery(q);
  if (api !== undefined) return api === "" ? [] : apiMatches(uses ?? apiUses(model), api).slice(0, max);
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const out: string[] = [];
  for (const s of model.services) {
    if (out.length >= max) break;
    if (s.name.toLowerCase().includes(needle)) out.push(s.name);
  }
  return out;
}
