// Witness steps over api entries (SPEC §8): each such step names the api it goes through, so the text and the JSON can say so.
import { apiRef } from "../api/ref.js";
import type { Entry, Estate, Finding, Service } from "../model/types.js";

/**
 * Marks each path step that an api entry declares with that entry's `api@version` and providers.
 * A step's location is the declaring entry's position, and a resolved api entry places each
 * provider at its `api` scalar, so the step's entry is found by (owner, kind, target, position):
 * no rule needs to know about api entries. Changes the steps in place; a no-op without api entries.
 */
export function markApiSteps(estate: Estate, findings: readonly Finding[]): void {
  let steps = 0;
  for (const f of findings) steps += f.path.length;
  if (steps === 0) return;
  // Few steps: look only at the services they leave from (each once); many: one pass over every entry first.
  const few = steps < estate.services.length;
  if (!few && !hasApiEntries(estate)) return;
  const known = few ? new Uint8Array(estate.services.length) : undefined;
  for (const f of findings) {
    f.path.forEach((step, i) => {
      const at = f.locations[i];
      const id = estate.ids.get(step.from);
      if (!at || id === undefined) return;
      const svc = estate.services[id];
      if (known && svc) {
        if (known[id] === 0) known[id] = serviceHasApi(svc) ? 2 : 1;
        if (known[id] === 1) return;
      }
      const list: readonly Entry[] = (step.kind === "runtime" ? svc?.runtime : svc?.rollback) ?? [];
      const e = list.find(
        (x) =>
          x.api !== undefined &&
          x.api.pos.line === at.line &&
          x.api.pos.column === at.column &&
          x.api.pos.file === at.file &&
          x.names.includes(step.to),
      );
      if (!e?.api) return;
      step.api = apiRef(e.api.name, e.api.version);
      step.providers = [...e.names].sort();
    });
  }
}

const marked = new WeakMap<Estate, boolean>();
/** Per service too: `serve` builds a new estate for each edit from mostly the same service objects. */
const servicesMarked = new WeakMap<Service, boolean>();

function hasApiEntries(estate: Estate): boolean {
  let has = marked.get(estate);
  if (has === undefined) {
    has = false;
    // Plain loops, each service's answer kept: this runs over every entry of every check (in `serve`, of
    // every edit, over mostly the same service objects), and most estates have no api entry.
    for (const s of estate.services) {
      if (serviceHasApi(s)) {
        has = true;
        break;
      }
    }
    marked.set(estate, has);
  }
  return has;
}

function serviceHasApi(s: Service): boolean {
  let one = servicesMarked.get(s);
  if (one === undefined) {
    one = hasApi(s.runtime) || hasApi(s.rollback);
    servicesMarked.set(s, one);
  }
  return one;
}

function hasApi(list: readonly Entry[]): boolean {
  for (let i = 0; i < list.length; i++) if ((list[i] as Entry).api !== undefined) return true;
  return false;
}
