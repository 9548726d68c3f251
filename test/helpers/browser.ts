// Browser test helpers: Debian's Chromium driven by playwright-core, pages that collect their console errors.
import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const ARTIFACTS = "test-artifacts";

export function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

export interface OpenPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

export async function open(browser: Browser, url: string, viewport = { width: 1400, height: 850 }): Promise<OpenPage> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("html[data-catch22-ready=true]", { timeout: 30_000 });
  return { page, errors };
}
