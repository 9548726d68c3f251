// The layered layout in a real browser at 1400×900 (issue #15 item 12): the drawing fills the map in both
// directions instead of a thin strip, and folding a side panel lays it out again for the wider map.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateEstate, writeEstate } from "../../src/bench/generate.js";
import { ARTIFACTS, launch, open } from "../helpers/browser.js";
import { CLI } from "../helpers/serve.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const tmp = mkdtempSync(join(tmpdir(), "catch22-layered-"));
const VIEWPORT = { width: 1400, height: 900 };

function report(paths: string[], name: string): string {
  const out = join(tmp, name);
  const r = spawnSync(process.execPath, [CLI, "check", ...paths, "--format", "html", "-o", out, "--fail-on", "never"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  return pathToFileURL(out).href;
}

/** The services' box on screen as a share of the map's width and height (SVG mode). */
async function filled(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const host = (document.getElementById("canvas-host") as HTMLElement).getBoundingClientRect();
    const boxes = [...document.querySelectorAll("g.node.service")].map((n) => n.getBoundingClientRect());
    const w = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
    const h = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
    return { width: w / host.width, height: h / host.height };
  });
}

const zoom = async (page: Page) => Number(await page.locator("#canvas-host").getAttribute("data-zoom"));

let browser: Browser;
let tencent: string;
let big: string;
beforeAll(async () => {
  browser = await launch();
  tencent = report(["examples/tencent-2024"], "tencent.html");
  const dir = join(tmp, "r300");
  await writeEstate(dir, generateEstate({ services: 300, seed: 1 }));
  big = report([dir], "r300.html");
});
afterAll(async () => {
  await browser?.close();
});

describe("the layered layout at 1400×900", () => {
  it("spreads the tencent example over the map's height as well as its width", async () => {
    const { page, errors } = await open(browser, `${tencent}#layout=layered`, VIEWPORT);
    await page.waitForTimeout(600);
    const share = await filled(page);
    expect(share.width).toBeGreaterThan(0.6);
    expect(share.height).toBeGreaterThan(0.55);
    await page.screenshot({ path: `${ARTIFACTS}/web-layered-tencent-1400.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("folds a 300-service estate's tall layers into columns: shown at a readable scale, not a strip", async () => {
    const { page, errors } = await open(browser, `${big}#layout=layered`, VIEWPORT);
    await page.waitForTimeout(600);
    // One column of its tallest layer (~150 services, 64 units apart) would be drawn at ~0.07.
    expect(await zoom(page)).toBeGreaterThan(0.2);
    await page.screenshot({ path: `${ARTIFACTS}/web-layered-300-1400.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lays out again when the side panels fold, for the wider map", async () => {
    const { page } = await open(browser, `${tencent}#layout=layered`, { width: 1024, height: 700 });
    await page.waitForTimeout(600);
    const before = await zoom(page);
    await page.click("#toggle-left");
    await page.click("#toggle-right");
    await expect.poll(() => zoom(page), { timeout: 10_000 }).toBeGreaterThan(before * 1.3);
    const share = await filled(page);
    expect(share.width).toBeGreaterThan(0.6);
    expect(share.height).toBeGreaterThan(0.55);
    await page.screenshot({ path: `${ARTIFACTS}/web-layered-tencent-1024-folded.png` });
    await page.close();
  });
});
