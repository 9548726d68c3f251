// The web view in a real browser (Debian's Chromium): the HTML report from file:// and the served page.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateEstate, writeEstate } from "../../src/bench/generate.js";
import { ARTIFACTS, launch, open } from "../helpers/browser.js";
import { CLI, copyExample, type Served, serve } from "../helpers/serve.js";

// A browser on a shared 2-core machine: generous limits (no assertion is timed).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const tmp = mkdtempSync(join(tmpdir(), "catch22-web-"));

/** `check --format html -o FILE` with the built CLI; returns the file:// URL. */
function report(paths: string[], name: string): string {
  const out = join(tmp, name);
  const r = spawnSync(process.execPath, [CLI, "check", ...paths, "--format", "html", "-o", out, "--fail-on", "never"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  return pathToFileURL(out).href;
}

let browser: Browser;
let tencent: string;
beforeAll(async () => {
  browser = await launch();
  tencent = report(["examples/tencent-2024"], "tencent.html");
});
afterAll(async () => {
  await browser?.close();
});

describe("the HTML report (check --format html), opened from file://", () => {
  it("loads offline with no console errors and draws all 17 services and 37 edges", async () => {
    const { page, errors } = await open(browser, tencent);
    expect(await page.locator("g.node.service").count()).toBe(17);
    expect(await page.locator("g.edge").count()).toBe(37);
    expect(await page.locator("#canvas-host").getAttribute("data-renderer")).toBe("svg");
    await expect.poll(() => page.locator("#finding-list button.finding").count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/web-tencent.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("is one self-contained file: no external script, style or data request", () => {
    const html = readFileSync(new URL(tencent), "utf8");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).toContain('id="catch22-data"');
  });

  it("renders from compressed data: the report embeds gzip+base64, the page decodes it and draws every service", async () => {
    const html = readFileSync(new URL(tencent), "utf8");
    expect(html).toContain('<script type="application/gzip+base64" id="catch22-data">');
    expect(html).not.toContain('"services":');
    const { page, errors } = await open(browser, tencent);
    expect(await page.locator("g.node.service").count()).toBe(17);
    expect(await page.locator('g.node[data-id="cloud-api"]').getAttribute("data-state")).toBe("catch22");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("marks the catch-22 with its own shape and colour, not colour alone", async () => {
    const { page } = await open(browser, tencent);
    const api = page.locator('g.node[data-id="cloud-api"]');
    expect(await api.getAttribute("data-state")).toBe("catch22");
    expect(await api.getAttribute("data-look")).toBe("triangle");
    expect(await page.locator('g.node[data-id="iam"]').getAttribute("data-look")).toBe("circle");
    await page.close();
  });

  it("clicking a finding highlights its witness path step by step and dims the rest", async () => {
    const { page } = await open(browser, tencent);
    await page.locator("button.finding").first().click();
    const highlighted = page.locator("g.edge.highlighted");
    await expect.poll(() => highlighted.count()).toBe(2);
    const steps = await highlighted.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute("data-from")} ${e.getAttribute("data-kind")} ${e.getAttribute("data-to")}`).sort(),
    );
    expect(steps).toEqual(["cloud-api rollback rollback-pipeline", "rollback-pipeline runtime cloud-api"]);
    expect(await page.locator("#step-text").textContent()).toContain("Step 1 of 2: cloud-api ⇒ rollback-pipeline");
    expect(await page.locator("g.edge.current").getAttribute("data-kind")).toBe("rollback");
    expect(Number(await page.locator('g.node[data-id="cvm"]').getAttribute("opacity"))).toBeLessThan(0.5);
    expect(Number(await page.locator('g.node[data-id="rollback-pipeline"]').getAttribute("opacity"))).toBe(1);
    await page.keyboard.press("]");
    expect(await page.locator("#step-text").textContent()).toContain("Step 2 of 2: rollback-pipeline → cloud-api");
    expect(await page.locator("g.edge.current").getAttribute("data-kind")).toBe("runtime");
    expect(page.url()).toContain("finding=");
    await page.waitForTimeout(450);
    await page.screenshot({ path: `${ARTIFACTS}/web-finding-path.png` });
    await page.close();
  });

  it("clicking a service shows its details: owner, system, tier, description, requirements, dependents", async () => {
    const { page } = await open(browser, tencent);
    await page.locator('g.node[data-id="rollback-pipeline"]').click();
    const details = page.locator("#details");
    await expect.poll(() => details.textContent()).toContain("release-engineering");
    const text = (await details.textContent()) ?? "";
    expect(text).toContain("control-plane");
    expect(text).toContain("Automated config rollback");
    expect(text).toContain("Needed for rollback by");
    expect(await details.locator("ul.reqs").first().textContent()).toContain("cloud-api");
    expect(page.url()).toContain("select=rollback-pipeline");
    await page.close();
  });

  it("a drill of cloud-api shows it stuck, with the requirement that blocks it", async () => {
    const { page } = await open(browser, tencent);
    await page.locator('g.node[data-id="cloud-api"]').click();
    await page.locator("#drill-this").click();
    const drill = page.locator("#drill");
    await expect.poll(() => drill.locator(".verdict").textContent()).toContain("Stuck");
    const text = (await drill.textContent()) ?? "";
    expect(text).toContain("Blast radius: 9 services");
    expect(text).toContain("cloud-api cannot be rolled back: its rollback needs rollback-pipeline");
    expect(text).toContain("rollback-pipeline → cloud-api");
    expect(await page.locator('g.node[data-id="cloud-api"]').getAttribute("data-look")).toBe("triangle");
    expect(await page.locator('g.node[data-id="tke"]').getAttribute("data-look")).toBe("square");
    expect(await page.locator('g.node[data-id="config-store"]').getAttribute("data-look")).toBe("circle");
    // The witness of the block is drawn on the map.
    const witness = await page
      .locator("g.edge.highlighted")
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute("data-from")} ${e.getAttribute("data-kind")} ${e.getAttribute("data-to")}`).sort(),
      );
    expect(witness).toEqual(["cloud-api rollback rollback-pipeline", "rollback-pipeline runtime cloud-api"]);
    expect(page.url()).toContain("drill=cloud-api");
    await page.waitForTimeout(450);
    await page.screenshot({ path: `${ARTIFACTS}/web-drill-stuck.png` });
    await page.close();
  });

  it("a drill that recovers steps through its waves", async () => {
    const { page } = await open(browser, `${tencent}#drill=iam`);
    const drill = page.locator("#drill");
    await expect.poll(() => drill.locator(".verdict").textContent()).toContain("Recovers");
    expect(await page.locator("#step-text").textContent()).toContain("Drill step 1 of 2");
    expect(await page.locator('g.node[data-id="iam"]').getAttribute("data-look")).toBe("cross");
    await page.keyboard.press("]");
    expect(await page.locator("#step-text").textContent()).toContain("wave 1 rolls back iam");
    expect(await page.locator('g.node[data-id="iam"]').getAttribute("data-look")).toBe("star");
    expect(await page.locator('g.node[data-id="cloud-api"]').getAttribute("data-look")).toBe("circle");
    await page.close();
  });

  it("/ focuses the search; Enter selects the first match and puts it in the URL", async () => {
    const { page } = await open(browser, tencent);
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");
    await page.keyboard.type("pipeline");
    const results = page.locator("#search-results button");
    await expect.poll(() => results.allTextContents()).toEqual(["deploy-pipeline", "rollback-pipeline"]);
    expect(Number(await page.locator('g.node[data-id="cvm"]').getAttribute("opacity"))).toBeLessThan(0.5);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#details .svc-name").textContent()).toBe("deploy-pipeline");
    expect(page.url()).toContain("select=deploy-pipeline");
    await page.close();
  });

  it("a deep link reproduces the view: selection, finding, filters and layout", async () => {
    const { page } = await open(browser, `${tencent}#select=iam&edges=runtime,rollback&system=control-plane,foundation&layout=layered`);
    expect(await page.locator("#details .svc-name").textContent()).toBe("iam");
    expect(await page.locator("g.node.service").count()).toBe(10);
    expect(await page.locator("g.edge.soft").count()).toBe(0);
    expect(await page.locator("#status").textContent()).toContain("Hidden by filters: 7 services");
    expect(await page.locator("#status").textContent()).toContain("1 soft");
    expect(await page.locator("#layout-toggle").textContent()).toBe("Force layout");
    // Layered: dependencies to the right.
    const x = (id: string) =>
      page.locator(`g.node[data-id="${id}"]`).evaluate((e) => (e as SVGGraphicsElement).transform.baseVal[0]?.matrix.e ?? 0);
    expect(await x("cloud-api")).toBeLessThan(await x("api-config-data"));
    expect(await x("api-config-data")).toBeLessThan(await x("config-store"));
    await page.screenshot({ path: `${ARTIFACTS}/web-deep-link-layered.png` });
    await page.close();
  });

  it("says so when filters hide the path of the finding being followed", async () => {
    const { page } = await open(browser, `${tencent}#system=paas`);
    await page.locator("button.finding").first().click();
    await expect
      .poll(() => page.locator("#status").textContent())
      .toContain("The finding you follow is hidden by the filters (cloud-api, rollback-pipeline)");
    await page.close();
  });

  it("reaches services from the keyboard: Tab to a node, Enter selects it, d drills it, Escape clears", async () => {
    const { page } = await open(browser, tencent);
    await page.locator('g.node[data-id="cloud-api"]').focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#details .svc-name").textContent()).toBe("cloud-api");
    await page.keyboard.press("d");
    await expect.poll(() => page.locator("#drill .verdict").textContent()).toContain("Stuck");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#drill").isHidden()).toBe(true);
    expect(
      await page.evaluate(() => document.querySelectorAll("button:not([tabindex='-1']), select, input, g.node[tabindex='0']").length),
    ).toBeGreaterThan(17);
    await page.close();
  });

  it("keeps hostile text in descriptions and notes as text (no script runs, no element is made)", async () => {
    const url = report(["test/fixtures/web/injection"], "injection.html");
    const html = readFileSync(new URL(url), "utf8");
    expect(html).not.toContain("</script><script>window.__pwned");
    const { page, errors } = await open(browser, url);
    await page.locator('g.node[data-id="victim"]').click();
    const details = page.locator("#details");
    await expect.poll(() => details.textContent()).toContain("</script><script>window.__pwned = 'script'</script><img src=x onerror=");
    expect(await details.textContent()).toContain("<img src=x onerror=\"window.__pwned = 'note'\">");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("b").count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe("none");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports the current view as SVG and PNG", async () => {
    const { page } = await open(browser, tencent);
    const [svg] = await Promise.all([page.waitForEvent("download"), page.locator("#export-svg").click()]);
    const svgText = readFileSync((await svg.path()) as string, "utf8");
    expect(svgText.startsWith("<svg")).toBe(true);
    expect(svgText.match(/<g transform="translate/g)?.length).toBe(17);
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator("#export-png").click()]);
    const bytes = readFileSync((await png.path()) as string);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    await page.close();
  });
});

describe("large estates", () => {
  let big: string;
  beforeAll(async () => {
    const dir = join(tmp, "big");
    await writeEstate(dir, generateEstate({ services: 2500, seed: 7 }));
    big = report([dir], "big.html");
  });

  it("opens on an overview of systems as group nodes, saying what is collapsed and how to expand it", async () => {
    const { page, errors } = await open(browser, big);
    const groups = await page.locator("g.node.group").count();
    expect(groups).toBeGreaterThan(1);
    expect(await page.locator("g.node.service").count()).toBe(0);
    const status = (await page.locator("#status").textContent()) ?? "";
    expect(status).toMatch(/2,500 services shown: 2,500 inside \d+ system groups \(of 2,500 services\); ([\d,]+) of \1 edges/);
    expect(status).toContain("click a group to expand it");
    await page.screenshot({ path: `${ARTIFACTS}/web-overview.png` });
    await page.locator("g.node.group").first().click();
    await expect.poll(() => page.locator("#canvas-host").getAttribute("data-drawn-nodes")).not.toBe(String(groups));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws everything on a canvas when expanded, with every edge accounted for", async () => {
    const { page, errors } = await open(browser, `${big}#expand=all`);
    expect(await page.locator("#canvas-host").getAttribute("data-renderer")).toBe("canvas");
    expect(await page.locator("#canvas-host").getAttribute("data-drawn-nodes")).toBe("2500");
    const status = (await page.locator("#status").textContent()) ?? "";
    expect(status).toMatch(/Showing 2,500 of 2,500 services, ([\d,]+) of \1 edges/);
    await page.screenshot({ path: `${ARTIFACTS}/web-canvas.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a finding in a collapsed system expands it and highlights the path", async () => {
    const { page } = await open(browser, big);
    await page.locator("button.finding.error").first().click();
    await expect.poll(() => page.locator("g.edge.highlighted").count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe("the served page (catch22 serve)", () => {
  let s: Served;
  let dir: string;
  beforeAll(async () => {
    dir = copyExample("tencent-2024");
    s = await serve([dir]);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("loads with no console errors and updates itself when a manifest changes", async () => {
    const { page, errors } = await open(browser, s.url);
    expect(await page.locator("g.node.service").count()).toBe(17);
    const file = join(dir, "paas.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}  - name: added-later\n    runtime: [cloud-api]\n    rollback: []\n`);
    await expect.poll(() => page.locator("g.node.service").count(), { timeout: 10_000 }).toBe(18);
    writeFileSync(join(dir, "broken.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: x\nruntim: [a]\n");
    await expect.poll(() => page.locator("#errors").textContent(), { timeout: 10_000 }).toMatch(/broken\.yaml:4:1/);
    await page.screenshot({ path: `${ARTIFACTS}/web-serve-error.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
