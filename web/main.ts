// Entry point: read the embedded data (the HTML report) or ask the server (catch22 serve) and follow its updates.
// A large estate comes as an overview (src/view/overview.ts): its systems are read when expanded (web/source.ts).
import type { ViewPayload } from "../src/report/view-model.js";
import type { OverviewPayload } from "../src/view/overview.js";
import { App } from "./app.js";
import { decodeEmbedded, embeddedSource, serverSource } from "./source.js";

async function start(): Promise<void> {
  const app = new App();
  (window as unknown as { catch22: App }).catch22 = app;
  const embedded = document.getElementById("catch22-data");
  if (embedded?.textContent) {
    performance.mark("catch22:start");
    const payload = await decodeEmbedded<ViewPayload | OverviewPayload>(embedded as HTMLScriptElement);
    performance.mark("catch22:parsed");
    if ("overview" in payload) await app.showOverview(payload.overview, embeddedSource(payload.overview));
    else await app.show(payload);
    return;
  }
  // The whole analysis for a small estate (the same as /api/analysis), the overview for a large one.
  const first = async () => {
    const res = await fetch("/api/overview", { cache: "no-store" });
    const payload = (await res.json()) as ViewPayload | OverviewPayload;
    if ("overview" in payload) await app.showOverview(payload.overview, serverSource());
    else await app.show(payload);
  };
  await first();
  const events = new EventSource("/api/events");
  let queue = Promise.resolve();
  events.addEventListener("analysis", (ev) => {
    // On the overview, a change is read again from the server (the pushed analysis is the whole model).
    const next = app.lazy ? first : () => app.show(JSON.parse((ev as MessageEvent<string>).data) as ViewPayload);
    queue = queue.then(next).then(() => {
      document.documentElement.dataset.catch22Updates = String(Number(document.documentElement.dataset.catch22Updates ?? 0) + 1);
    });
  });
}

void start();
