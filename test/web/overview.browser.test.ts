// A large estate in a real browser: the HTML report and the served page open on the overview (systems collapsed,
// edges between them aggregated), load a system's services when it is expanded, search (the server answers when
// served), expand the systems on a followed finding's path, and drill. The threshold is lowered for a fast suite.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateEstate, writeEstate } from "../../src/bench/generate.js";
import { ARTIFACTS, launch, open } from "../helpers/browser.js";
import { CLI, raw, type Served, serve } from "../helpers/serve.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

// 3,000 services open on the overview past a threshold of 1,000 (the default is 10,000: src/view/threshold.ts).
const LOW = { CATCH22_LAZY_ABOVE: "1000" };
/** Loading systems and laying them out on a busy machine: a limit for hangs, not a timing. */
const SLOW = { timeout: 20_000 };
const tmp = mkdtempSync(join(tmpdir(), "catch22-overview-"));
const dir = join(tmp, "estate");
const zonesDir = join(tmp, "zones");

function report(name: string, env: Record<string, string>, estate = dir): string {
  const out = join(tmp, name);
  const r = spawnSync(process.execPath, [CLI, "check", estate, "--format", "html", "-o", out, "--fail-on", "never"], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  return pathToFileURL(out).href;
}

let browser: Browser;
let lazyUrl: string;
let fullUrl: string;
let zonesLazyUrl: string;
let zonesFullUrl: string;
beforeAll(async () => {
  await writeEstate(dir, generateEstate({ services: 3000, seed: 7 }));
  lazyUrl = report("lazy.html", LOW);
  fullUrl = report("full.html", { CATCH22_LAZY_ABOVE: "" });
  await writeEstate(zonesDir, generateEstate({ services: 3000, seed: 7, shape: "realistic-zones" }));
  zonesLazyUrl = report("zones-lazy.html", LOW, zonesDir);
  zonesFullUrl = report("zones-full.html", { CATCH22_LAZY_ABOVE: "" }, zonesDir);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const drawn = async (page: Page) => ({
  nodes: await page.locator("#canvas-host").getAttribute("data-drawn-nodes"),
  edges: await page.locator("#canvas-host").getAttribute("data-drawn-edges"),
});
const groups = (page: Page) => page.locator("g.node.group").count();
const services = (page: Page) => page.locator("g.node.service").count();

describe("the HTML report of a large estate", () => {
  it("embeds the overview and each system apart (gzip+base64), not the whole model", () => {
    const html = readFileSync(new URL(lazyUrl), "utf8");
    expect(html).toContain('<script type="application/gzip+base64" id="catch22-data">');
    expect(html).toContain('<script type="application/gzip+base64" id="catch22-system-0">');
    expect(readFileSync(new URL(fullUrl), "utf8")).not.toContain('id="catch22-system-0"');
  });

  it("opens on systems with aggregated edges, says so and how to see them, and draws what the whole model draws", async () => {
    const { page, errors } = await open(browser, lazyUrl);
    const n = await groups(page);
    expect(n).toBeGreaterThan(10);
    expect(await services(page)).toBe(0);
    const status = (await page.locator("#status").textContent()) ?? "";
    expect(status).toContain(
      `3,000 services in ${n} systems; edges between systems are aggregated — click a system to expand it and see its services.`,
    );
    expect(status).toMatch(/([\d,]+) of \1 edges drawn as [\d,]+ between groups/);
    await page.screenshot({ path: `${ARTIFACTS}/web-lazy-overview.png` });
    const { page: full } = await open(browser, fullUrl);
    expect(await drawn(page)).toEqual(await drawn(full));
    await full.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("expanding a system decodes its services and their edges, as the whole model draws them", async () => {
    const { page, errors } = await open(browser, lazyUrl);
    const group = page.locator('g.node.group[data-id="group:billing"]');
    await group.click();
    await expect.poll(() => services(page), SLOW).toBeGreaterThan(10);
    expect(await page.locator('g.node.service[data-id^="billing/"]').count()).toBe(await services(page));
    expect(page.url()).toContain("expand=billing");
    await page.keyboard.press("f");
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/web-lazy-expanded.png` });
    const { page: full } = await open(browser, `${fullUrl}#expand=billing`);
    expect(await drawn(page)).toEqual(await drawn(full));
    await full.close();
    // Its details: requirements, dependents (also from collapsed systems) and findings.
    await page.locator('g.node.service[data-id^="billing/"]').first().click();
    await expect.poll(() => page.locator("#details .svc-name").textContent(), SLOW).toMatch(/^billing\//);
    expect(await page.locator("#details").textContent()).toContain("Needed at runtime by");
    expect(await page.locator("#details .missing-name").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters collapsed systems by owner as the whole model does, and offers every zone as a failure domain", async () => {
    const { page, errors } = await open(browser, zonesLazyUrl);
    const all = await groups(page);
    // Before any system is loaded, the failure domains are the estate's zones (the overview carries them).
    const domains = page.locator(".domains button[title^='drill --fail zone=']");
    expect(await domains.count()).toBeGreaterThan(1);
    const { page: full } = await open(browser, zonesFullUrl);
    expect(await domains.allTextContents()).toEqual(await full.locator(".domains button[title^='drill --fail zone=']").allTextContents());
    const owner = await page.locator("#filter-owner option").nth(3).getAttribute("value");
    await page.locator("#filter-owner").selectOption(owner as string);
    await expect.poll(() => groups(page), SLOW).toBeLessThan(all);
    await full.locator("#filter-owner").selectOption(owner as string);
    await expect.poll(() => groups(full), SLOW).toBe(await groups(page));
    const counts = (p: Page) =>
      p.locator("g.node.group").evaluateAll((gs) => gs.map((g) => `${g.getAttribute("data-id")} ${g.textContent}`).sort());
    expect(await counts(page)).toEqual(await counts(full));
    expect(await page.locator("#status").textContent()).toContain("a collapsed system counts its matching services");
    await page.screenshot({ path: `${ARTIFACTS}/web-lazy-owner.png` });
    await full.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("following a finding expands the systems on its path and highlights it", async () => {
    const { page, errors } = await open(browser, lazyUrl);
    await page.locator("button.finding.error").first().click();
    await expect.poll(() => page.locator("g.edge.highlighted").count(), SLOW).toBeGreaterThan(0);
    const path = await page.evaluate(() => {
      const app = (window as unknown as { catch22: { currentFinding(): { path: { from: string; to: string }[] } } }).catch22;
      return app.currentFinding().path.flatMap((s) => [s.from, s.to]);
    });
    for (const name of path) expect(await page.locator(`g.node.service[data-id="${name}"]`).count()).toBe(1);
    const systems = [...new Set(path.map((n) => n.split("/")[0]))];
    for (const s of systems) expect(decodeURIComponent(page.url())).toContain(s);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/web-lazy-finding.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("search finds services in collapsed systems; Enter selects one and expands its system", async () => {
    const { page, errors } = await open(browser, lazyUrl);
    await page.keyboard.press("/");
    await page.keyboard.type("index-api-0131");
    const results = page.locator("#search-results button");
    await expect.poll(() => results.count(), SLOW).toBeGreaterThan(0);
    const first = (await results.first().textContent()) ?? "";
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#details .svc-name").textContent(), SLOW).toBe(first);
    expect(await page.locator(`g.node.service[data-id="${first}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a drill loads every service, then shows its outcome with the groups painted", async () => {
    const { page, errors } = await open(browser, lazyUrl);
    await page.locator("button.finding.error").first().click();
    await expect.poll(() => page.locator("g.edge.highlighted").count(), SLOW).toBeGreaterThan(0);
    const name = await page.evaluate(() => {
      const app = (window as unknown as { catch22: { currentFinding(): { services: string[] } } }).catch22;
      return app.currentFinding().services[0] as string;
    });
    await page.locator(`g.node.service[data-id="${name}"]`).click();
    await page.locator("#drill-this").click();
    await expect.poll(() => page.locator("#drill .verdict").textContent(), { timeout: 30_000 }).toMatch(/Stuck|Recovers/);
    expect(await page.locator("#drill").textContent()).toContain("Blast radius");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the served page of a large estate (catch22 serve)", () => {
  let s: Served;
  beforeAll(async () => {
    process.env.CATCH22_LAZY_ABOVE = LOW.CATCH22_LAZY_ABOVE;
    s = await serve([dir]);
  });
  afterAll(async () => {
    await s?.stop();
    delete process.env.CATCH22_LAZY_ABOVE;
  });

  it("answers /api/overview with the overview, /api/system with one system, /api/search with names", async () => {
    const overview = JSON.parse((await raw(s.port, "GET", "/api/overview")).body);
    expect(overview.ok).toBe(true);
    expect(overview.model).toBeUndefined();
    expect(overview.overview.systems.reduce((n: number, x: { services: string[] }) => n + x.services.length, 0)).toBe(3000);
    const billing = await raw(s.port, "GET", "/api/system?name=billing");
    expect(billing.status).toBe(200);
    const slice = JSON.parse(billing.body);
    expect(slice.services.every((x: { system: string }) => x.system === "billing")).toBe(true);
    expect((await raw(s.port, "GET", "/api/system?name=nowhere")).status).toBe(404);
    const found = JSON.parse((await raw(s.port, "GET", "/api/search?q=INDEX-API&max=3")).body);
    expect(found.names).toHaveLength(3);
    for (const n of found.names) expect(n).toMatch(/index-api/);
  });

  it("opens on the overview, fetches a system when it is expanded and searches on the server", async () => {
    const requests: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
    await page.goto(s.url);
    await page.waitForSelector("html[data-catch22-ready=true]");
    expect(await groups(page)).toBeGreaterThan(10);
    expect(await page.locator("#status").textContent()).toContain("edges between systems are aggregated");
    await page.locator('g.node.group[data-id="group:billing"]').click();
    await expect.poll(() => services(page), SLOW).toBeGreaterThan(10);
    expect(requests).toContain("/api/system?name=billing");
    await page.keyboard.press("/");
    await page.keyboard.type("index-api-0131");
    await expect.poll(() => page.locator("#search-results button").count(), SLOW).toBeGreaterThan(0);
    expect(requests.some((r) => r.startsWith("/api/search?q=index-api-0131"))).toBe(true);
    await page.keyboard.press("Escape");
    await page.locator("button.finding.error").first().click();
    await expect.poll(() => page.locator("g.edge.highlighted").count(), SLOW).toBeGreaterThan(0);
    // Nothing so far needed the whole analysis.
    expect(requests).not.toContain("/api/analysis");
    await page.screenshot({ path: `${ARTIFACTS}/web-lazy-served.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reads the overview again when a manifest changes, keeping the expanded systems", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${s.url}#expand=billing`);
    await page.waitForSelector("html[data-catch22-ready=true]");
    const before = await services(page);
    writeFileSync(
      join(dir, "added-later.yaml"),
      "apiVersion: catch22/v1\nkind: Service\nname: billing/added-later\nsystem: billing\nruntime: []\nrollback: []\n",
    );
    await expect.poll(() => page.locator("#status").textContent(), SLOW).toContain("3,001 services in");
    await expect.poll(() => services(page), SLOW).toBe(before + 1);
    expect(await page.locator('g.node.service[data-id="billing/added-later"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
