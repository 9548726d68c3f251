// `catch22 serve`'s page: the whole analysis once, then the changes the server pushes (src/server/diff.ts) applied in order, and a note while it re-analyses.
import type { ViewModel, ViewPayload } from "../src/report/view-model.js";
import { applyDiff, type ChangeEvent } from "../src/server/diff.js";

export interface Shows {
  show(payload: ViewPayload): Promise<void>;
}

/** The model the page holds and its version: what the next diff must apply to. */
export interface Held {
  version: number;
  model: ViewModel | undefined;
  modelVersion: number;
}

/** What to do with a change: show this payload, or fetch the whole analysis afresh (a change was missed). */
export function takeChange(held: Held, c: ChangeEvent): ViewPayload | "fetch" | undefined {
  if (c.version <= held.version) return undefined;
  if ("error" in c) {
    held.version = c.version;
    return c.error;
  }
  if ("diff" in c && held.model && c.base === held.modelVersion) {
    held.model = applyDiff(held.model, c.diff);
    held.version = held.modelVersion = c.version;
    return { ok: true, model: held.model };
  }
  return "fetch";
}

/**
 * What the page shows first, as the server sends it: the whole analysis (held, so that diffs apply to it)
 * or, for a large estate, the overview (then every change is read again with `first`: diffs are of the whole model).
 */
export type First = () => Promise<{ version: number; payload?: ViewPayload }>;

/** Follows the server: the events are subscribed to first, so that none is lost while the first data loads. */
export async function follow(app: Shows, first: First): Promise<void> {
  const held: Held = { version: 0, model: undefined, modelVersion: 0 };
  const events = new EventSource("/api/events");
  const counted = () => {
    const root = document.documentElement;
    root.dataset.catch22Version = String(held.version);
    root.dataset.catch22Updates = String(Number(root.dataset.catch22Updates ?? -1) + 1);
  };
  const fetchAll = async () => {
    const { version, payload } = await first();
    held.version = version;
    held.model = payload?.ok ? payload.model : undefined;
    held.modelVersion = payload?.ok ? version : 0;
    counted();
  };
  let queue = fetchAll();
  events.addEventListener("change", (ev) => {
    const c = JSON.parse((ev as MessageEvent<string>).data) as ChangeEvent;
    // A change ends an analysis (its status note may have been skipped for a client still reading).
    analysing(false);
    queue = queue.then(async () => {
      const next = takeChange(held, c);
      if (next === "fetch") await fetchAll();
      else if (next) {
        await app.show(next);
        counted();
      }
    });
  });
  events.addEventListener("status", (ev) => analysing((JSON.parse((ev as MessageEvent<string>).data) as { analysing: boolean }).analysing));
  await queue;
}

/** A note in the corner while the server re-analyses: what the page shows is about to change. */
function analysing(on: boolean): void {
  document.documentElement.dataset.catch22Analysing = String(on);
  let note = document.getElementById("live-note");
  if (!note) {
    note = document.createElement("div");
    note.id = "live-note";
    note.setAttribute("role", "status");
    note.textContent = "Re-analysing the changed manifests…";
    Object.assign(note.style, {
      position: "fixed",
      right: "12px",
      bottom: "12px",
      padding: "4px 10px",
      borderRadius: "4px",
      background: "#333",
      color: "#fff",
      font: "12px system-ui, sans-serif",
      zIndex: "50",
    });
    document.body.append(note);
  }
  note.hidden = !on;
}
