// Benchmark (not a test): time from navigation to data-catch22-ready for the HTML report of generated estates,
// in Debian's headless Chromium (software canvas). `node dist/bench/web.js [--sizes 1000,5000] [--runs 3]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { generateEstate, writeEstate } from "./generate.js";

const cli = fileURLToPath(new URL("../cli/main.js", import.meta.url));

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const sizes = arg("--sizes", "1000,5000").split(",").map(Number);
const runs = Number(arg("--runs", "3"));
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const tmp = mkdtempSync(join(tmpdir(), "catch22-bench-web-"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  console.log(
    "services  view                          seen ready by the harness, ms   ready in the page (since navigation), ms   html size   (median of %d)",
    runs,
  );
  for (const n of sizes) {
    const dir = join(tmp, `estate-${n}`);
    await writeEstate(dir, generateEstate({ services: n, seed: 1 }));
    const out = join(tmp, `report-${n}.html`);
    const r = spawnSync(process.execPath, [cli, "check", dir, "--format", "html", "-o", out, "--fail-on", "never"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`check failed: ${r.stderr}`);
    const url = pathToFileURL(out).href;
    for (const [label, hash] of [
      ["default (overview if large)", ""],
      ["everything expanded (canvas)", "#expand=all"],
    ] as const) {
      const wall: number[] = [];
      const inPage: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
        const t = performance.now();
        await page.goto(url + hash);
        await page.waitForSelector("html[data-catch22-ready=true]", { timeout: 120_000 });
        wall.push(performance.now() - t);
        inPage.push(await page.evaluate(() => performance.getEntriesByName("catch22:ready")[0]?.startTime ?? Number.NaN));
        if (process.argv.includes("--marks") && i === 0) {
          const marks = await page.evaluate(() =>
            performance.getEntriesByType("mark").map((m) => `${m.name.replace("catch22:", "")} ${m.startTime.toFixed(0)}`),
          );
          console.log(`          marks: ${marks.join(", ")}`);
        }
        await page.close();
      }
      console.log(
        `${String(n).padStart(8)}  ${label.padEnd(28)}  ${median(wall).toFixed(0).padStart(12)}                    ${median(inPage).toFixed(0).padStart(12)}                           ${(statSync(out).size / 1e6).toFixed(1)} MB`,
      );
    }
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
