// The web view on a zone outage (SPEC §4.1, §4.2, §3 shared-fate) in a real browser: the cold start stepped through, a zone drill, a shared fate followed.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ARTIFACTS, launch, open } from "../helpers/browser.js";
import { CLI } from "../helpers/serve.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let browser: Browser;
let url: string;
beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "catch22-web-")), "zone.html");
  const r = spawnSync(process.execPath, [CLI, "check", "examples/zone-outage", "--format", "html", "-o", out, "--fail-on", "never"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  url = pathToFileURL(out).href;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("the web view of a zone outage", () => {
  it("steps through a cold start: power off, wave 1, then what never comes up and the core that blocks it", async () => {
    const { page, errors } = await open(browser, `${url}#drill=&cold=1`);
    await expect.poll(() => page.locator("#drill h2").textContent()).toBe("Cold start");
    expect(await page.locator("#step-text").textContent()).toContain("Cold start step 1 of 2: everything is down");
    await page.locator("#stepper button").nth(1).click();
    await expect
      .poll(() => page.locator("#step-text").textContent())
      .toContain("wave 1 starts 3 services (ends at 2m) — NEVER UP: 4 services");
    const panel = (await page.locator("#drill").textContent()) ?? "";
    expect(panel).toContain("Never up: 4 services never come up from a cold start.");
    expect(panel).toContain("auth never comes up: a core");
    expect(panel).toContain("RTO exceeded: api (RTO 15m, never back)");
    await page.screenshot({ path: `${ARTIFACTS}/web-cold-start.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fails a zone from the details panel, and says what the warm recovery assumes", async () => {
    const { page, errors } = await open(browser, `${url}#select=dns-primary`);
    await page.getByRole("button", { name: "Drill: fail zone eu-west-1a" }).click();
    await expect.poll(() => page.locator("#drill h2").textContent()).toBe("Drill: fail zone=eu-west-1a");
    const panel = (await page.locator("#drill").textContent()) ?? "";
    expect(panel).toContain("Blast radius: 6 services.");
    expect(panel).toContain("Warm recovery:");
    expect(errors).toEqual([]);
    await page.close();
  });
});
