// The served page follows the server's diffs (web/live.ts): an edit changes what it draws without fetching the whole analysis again.
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ViewModel } from "../../src/report/view-model.js";
import { ARTIFACTS, launch, open } from "../helpers/browser.js";
import { copyExample, type Served, serve, wholeAnalysis } from "../helpers/serve.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let browser: Browser;
let s: Served;
let dir: string;
beforeAll(async () => {
  browser = await launch();
  dir = copyExample("tencent-2024");
  s = await serve([dir]);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe("the served page applies the server's diffs", () => {
  it("an edit, a new file and a deleted file change the page; its model is the server's whole analysis, never fetched again", async () => {
    const { page, errors } = await open(browser, s.url);
    let fetched = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/analysis") fetched++;
    });
    const model = () => page.evaluate(() => (window as unknown as { catch22: { d: { model: ViewModel } } }).catch22.d.model);
    expect(await page.locator("g.node.service").count()).toBe(17);
    const file = join(dir, "paas.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}  - name: added-later\n    runtime: [cloud-api]\n    rollback: []\n`);
    await expect.poll(() => page.locator("g.node.service").count(), { timeout: 20_000 }).toBe(18);
    writeFileSync(
      join(dir, "extra.yaml"),
      "apiVersion: catch22/v1\nkind: Service\nname: extra-one\nruntime: [added-later]\nrollback: []\n",
    );
    await expect.poll(() => page.locator("g.node.service").count(), { timeout: 20_000 }).toBe(19);
    await page.screenshot({ path: `${ARTIFACTS}/web-serve-live.png` });
    unlinkSync(join(dir, "extra.yaml"));
    await expect.poll(() => page.locator("g.node.service").count(), { timeout: 20_000 }).toBe(18);
    const whole = await wholeAnalysis(s.port);
    expect(whole.payload.ok && (await model())).toEqual(whole.payload.ok && whole.payload.model);
    expect(await page.evaluate(() => document.documentElement.dataset.catch22Version)).toBe(String(whole.version));
    expect(await page.evaluate(() => document.documentElement.dataset.catch22Analysing)).toBe("false");
    expect(fetched).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
