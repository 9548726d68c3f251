// The search box: services whose name contains the query, a result list to pick from (arrows, Enter), the focus it gives the map.

import { searchServices } from "../../src/view/search.js";
import { button, byId, el } from "../dom.js";
import type { Page } from "../page.js";
import { apiQuery } from "./apis.js";

/**
 * Up to `max` service names containing `q` (case-insensitive), in name order; `api:<name>` finds
 * the services that provide or consume an api whose name contains it (SPEC §8). A large estate asks
 * its source (the server, or the overview's names) and redraws when the answer comes.
 */
export function matches(page: Pick<Page, "d" | "lazy" | "refresh">, q: string, max: number): string[] {
  if (page.lazy) {
    if (!q.trim() || apiQuery(q) === "") return [];
    return page.lazy.matches(q, max, () => {
      renderSearchResults(page as Page);
      page.refresh();
    });
  }
  return searchServices(page.d.model, q, max);
}

export function renderSearchResults(page: Page): void {
  const ul = byId("search-results");
  const q = page.state.query;
  const found = matches(page, q, 20);
  ul.replaceChildren(
    ...found.map((n, i) => {
      const b = button(n, () => pick(page, n), { role: "option", class: "result", "data-index": String(i) });
      return el("li", {}, b);
    }),
  );
  if (q && found.length === 0)
    ul.append(
      el(
        "li",
        { class: "hint" },
        page.lazy?.searching(q)
          ? "searching…"
          : apiQuery(q) !== undefined
            ? "no service provides or consumes such an API"
            : "no service matches",
      ),
    );
  ul.hidden = !q;
}

/** Selects a found service and clears the search. */
function pick(page: Page, name: string): void {
  byId("search-results").hidden = true;
  page.state.query = "";
  byId<HTMLInputElement>("search").value = "";
  page.select(name, true);
}

export function wireSearch(page: Page): void {
  const search = byId<HTMLInputElement>("search");
  search.addEventListener("input", () => {
    page.state.query = search.value;
    renderSearchResults(page);
    page.refresh();
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const first = matches(page, search.value, 1)[0];
      if (first) pick(page, first);
    } else if (ev.key === "ArrowDown") {
      ev.preventDefault();
      byId("search-results").querySelector<HTMLButtonElement>("button")?.focus();
    } else if (ev.key === "Escape") {
      ev.stopPropagation();
      page.setQuery("");
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
}
