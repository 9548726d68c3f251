// The data an HTML report embeds (src/report/html.ts): gzip-compressed JSON in base64, decoded as the page does.
import { gunzipSync } from "node:zlib";

/** The embedded data's JSON text, or undefined when the page has none. */
export function embeddedJson(html: string): string | undefined {
  const m = /<script type="application\/gzip\+base64" id="catch22-data">(.*?)<\/script>/s.exec(html);
  return m ? gunzipSync(Buffer.from(m[1] as string, "base64")).toString("utf8") : undefined;
}
