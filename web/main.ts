// Entry point: read the embedded data (the HTML report) or ask the server (catch22 serve) and follow its updates.
// A large estate comes as an overview (src/view/overview.ts): its systems are read when expanded (web/source.ts).
import type { ViewPayload } from "../src/report/view-model.js";
import type { OverviewPayload } from "../src/view/overview.js";
import { App } from "./app.js";
import { follow } from "./live.js";
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
  // The whole analysis for a small estate (the same as /api/analysis), the overview for a large one;
  // then the server's changes (web/live.ts): diffs applied to the whole analysis, the overview read again.
  await follow(app, async () => {
    const res = await fetch("/api/overview", { cache: "no-store" });
    const version = Number(res.headers.get("x-catch22-version") ?? 0);
    const payload = (await res.json()) as ViewPayload | OverviewPayload;
    if ("overview" in payload) {
      await app.showOverview(payload.overview, serverSource());
      return { version };
    }
    await app.show(payload);
    return { version, payload };
  });
}

void start();
