// Benchmark (not a test): time from navigation to data-catch22-ready for the HTML report of generated estates,
// in Debian's headless Chromium (software canvas). `node dist/bench/web.js [--sizes 1000,5000] [--runs 3]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command } from "commander";
import { chromium } from "playwright-core";
import { generateEstate, MIN_SERVICES, writeEstate } from "./generate.js";
import { positiveInteger, positiveIntegers, runProgram, UsageError } from "./options.js";

const cli = fileURLToPath(new URL("../cli/main.js", import.meta.url));

interface WebBenchOptions {
  sizes: number[];
  runs: number;
  marks?: boolean;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function bench({ sizes, runs, marks }: WebBenchOptions): Promise<void> {
  const small = sizes.find((n) => n < MIN_SERVICES.realistic);
  if (small !== undefined) throw new UsageError(`a realistic estate needs at least ${MIN_SERVICES.realistic} services, not ${small}`);
  const tmp = mkdtempSync(join(tmpdir(), "catch22-bench-web-"));
  const browser = await chromium.launch({
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
          if (marks && i === 0) {
            const entries = await page.evaluate(() =>
              performance.getEntriesByType("mark").map((m) => `${m.name.replace("catch22:", "")} ${m.startTime.toFixed(0)}`),
            );
            console.log(`          marks: ${entries.join(", ")}`);
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
}

const program = new Command("bench-web")
  .description("Time from navigation to data-catch22-ready for the HTML report of generated realistic estates, in headless Chromium.")
  .option("--sizes <list>", "estate sizes, comma-separated", positiveIntegers, [1000, 5000])
  .option("--runs <n>", "page loads per estate and view (the median is shown)", positiveInteger, 3)
  .option("--marks", "print the page's performance marks of the first run")
  .addHelpText("after", "\nChromium: CHROMIUM_PATH, else /usr/bin/chromium. Exit codes: 0 when measured, 2 on a bad command line.\n")
  .action((opts: WebBenchOptions) => bench(opts));

process.exitCode = await runProgram(program, process.argv);
