// Entry point: read the embedded data (the HTML report) or ask the server (catch22 serve) and follow its updates.
import type { ViewPayload } from "../src/report/view-model.js";
import { App } from "./app.js";
import { follow } from "./live.js";

async function start(): Promise<void> {
  const app = new App();
  (window as unknown as { catch22: App }).catch22 = app;
  const embedded = document.getElementById("catch22-data");
  if (embedded?.textContent) {
    performance.mark("catch22:start");
    const payload = await embeddedPayload(embedded as HTMLScriptElement);
    performance.mark("catch22:parsed");
    await app.show(payload);
    return;
  }
  await follow(app);
}

/** The HTML report's data: gzip-compressed JSON in base64 (src/report/html.ts), or plain JSON. */
async function embeddedPayload(el: HTMLScriptElement): Promise<ViewPayload> {
  const text = el.textContent ?? "";
  if (el.type === "application/json") return JSON.parse(text) as ViewPayload;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as ViewPayload;
}

void start();
