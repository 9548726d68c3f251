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

/** Follows the server: the events are subscribed to first, so that none is lost while the whole analysis loads. */
export async function follow(app: Shows): Promise<void> {
  const held: Held = { version: 0, model: undefined, modelVersion: 0 };
  const events = new EventSource("/api/events");
  const shown = async (payload: ViewPayload) => {
    await app.show(payload);
    const root = document.documentElement;
    root.dataset.catch22Version = String(held.version);
    root.dataset.catch22Updates = String(Number(root.dataset.catch22Updates ?? -1) + 1);
  };
  const fetchAll = async () => {
    const res = await fetch("/api/analysis", { cache: "no-store" });
    const payload = (await res.json()) as ViewPayload;
    const version = Number(res.headers.get("x-catch22-version") ?? 0);
    held.version = version;
    held.model = payload.ok ? payload.model : undefined;
    held.modelVersion = payload.ok ? version : 0;
    await shown(payload);
  };
  let queue = fetchAll();
  events.addEventListener("change", (ev) => {
    const c = JSON.parse((ev as MessageEvent<string>).data) as ChangeEvent;
    // A change ends an analysis (its status note may have been skipped for a client still reading).
    analysing(false);
    queue = queue.then(async () => {
      const next = takeChange(held, c);
      if (next === "fetch") await fetchAll();
      else if (next) await shown(next);
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
