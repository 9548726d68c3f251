// What several panels share: a service name as a link that selects it, and how long a list of names gets.
import { button, el } from "../dom.js";
import type { Page } from "../page.js";

/** Past this many names a panel says "and N more". */
export const MAX_LIST = 200;

export function nameLink(page: Page, name: string): HTMLElement {
  if (!page.d.byName.has(name) && page.systemOf(name) === undefined)
    return el("span", { class: "missing-name", title: "not declared in any manifest" }, `${name} (undeclared)`);
  return button(name, () => page.select(name, true), { class: "link name" });
}
