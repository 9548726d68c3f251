// The findings panel and side panels in a real browser (issue 15 item 12): info findings grouped and collapsed after the errors; panels fold away for the map.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ARTIFACTS, launch, open } from "../helpers/browser.js";
import { CLI, tempTree } from "../helpers/cli.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/** One catch-22 (api's rollback runs on api) and three services with no rollback (info notes). */
const ESTATE = [
  "apiVersion: catch22/v1\nkind: Service\nname: api\nruntime: [db]\nrollback: [pipeline]",
  "apiVersion: catch22/v1\nkind: Service\nname: pipeline\nruntime: [api]\nrollback: []",
  "apiVersion: catch22/v1\nkind: Service\nname: db",
  "apiVersion: catch22/v1\nkind: Service\nname: cache",
  "apiVersion: catch22/v1\nkind: Service\nname: queue",
].join("\n---\n");

let browser: Browser;
let url: string;
beforeAll(async () => {
  const dir = tempTree({ "m.yaml": `${ESTATE}\n` });
  const out = path.join(dir, "report.html");
  const r = spawnSync(process.execPath, [CLI, "check", "m.yaml", "--format", "html", "-o", out, "--fail-on", "never"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  url = pathToFileURL(out).href;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("the findings panel", () => {
  it("lists the error first and the info findings in one collapsed entry with their count", async () => {
    const { page, errors } = await open(browser, url, { width: 1024, height: 700 });
    const items = page.locator("#finding-list > li");
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).locator("button.finding.error").count()).toBe(1);
    const group = page.locator("#finding-list details.info-group");
    expect(await group.locator("summary").textContent()).toContain("3 info findings");
    expect(await group.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await group.locator("summary").click();
    await expect.poll(() => group.locator("button.finding.info").count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the side panels", () => {
  it("fold away so the map takes the room at 1024×700, and come back", async () => {
    const { page, errors } = await open(browser, url, { width: 1024, height: 700 });
    const stageWidth = () => page.locator("#canvas-host").evaluate((e) => e.getBoundingClientRect().width);
    const before = await stageWidth();
    await page.screenshot({ path: `${ARTIFACTS}/web-1024-panels.png` });
    await page.click("#toggle-left");
    await page.click("#toggle-right");
    expect(await page.locator("#left-panel").isVisible()).toBe(false);
    expect(await page.locator("#right-panel").isVisible()).toBe(false);
    expect(await page.locator("#toggle-left").getAttribute("aria-expanded")).toBe("false");
    await expect.poll(stageWidth).toBeGreaterThan(before + 500);
    await page.screenshot({ path: `${ARTIFACTS}/web-1024-collapsed.png` });
    await page.keyboard.press("<");
    expect(await page.locator("#left-panel").isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
