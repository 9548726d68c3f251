// Benchmark (not a test): time from navigation to data-catch22-ready for the HTML report of generated estates and
// for the served page (catch22 serve), in Debian's headless Chromium (software canvas).
// `node dist/bench/web.js [--sizes 1000,5000] [--runs 3] [--no-expanded] [--dir /tmp/catch22-bench]`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command } from "commander";
import { type Browser, chromium } from "playwright-core";
import { lazyThreshold } from "../view/threshold.js";
import { cachedEstate, MIN_SERVICES } from "./generate.js";
import { positiveInteger, positiveIntegers, runProgram, UsageError } from "./options.js";

const cli = fileURLToPath(new URL("../cli/main.js", import.meta.url));

interface WebBenchOptions {
  sizes: number[];
  runs: number;
  marks?: boolean;
  /** False with --no-expanded: skip the everything-expanded view (slow at 100,000). */
  expanded: boolean;
  dir: string;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** `catch22 serve DIR --port 0`, resolved with its URL once it listens, and how long that took. */
function serve(dir: string): Promise<{ url: string; startMs: number; stop: () => void }> {
  const t = performance.now();
  const child = spawn(process.execPath, [cli, "serve", dir, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /at (http:\/\/\S+?:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1] as string, startMs: performance.now() - t, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** Loads `url` `runs` times; the medians of the harness's and the page's own time to ready. */
async function time(browser: Browser, url: string, runs: number, marks: boolean | undefined): Promise<{ wall: number; inPage: number }> {
  const wall: number[] = [];
  const inPage: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const t = performance.now();
    await page.goto(url);
    await page.waitForSelector("html[data-catch22-ready=true]", { timeout: 300_000 });
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
  return { wall: median(wall), inPage: median(inPage) };
}

async function bench({ sizes, runs, marks, expanded, dir: cache }: WebBenchOptions): Promise<void> {
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
      "services  view                                   seen ready by the harness, ms   ready in the page (since navigation), ms   html size   (median of %d)",
      runs,
    );
    const row = (n: number, label: string, t: { wall: number; inPage: number }, extra: string) =>
      console.log(
        `${String(n).padStart(8)}  ${label.padEnd(37)}  ${t.wall.toFixed(0).padStart(12)}                    ${t.inPage.toFixed(0).padStart(12)}                           ${extra}`,
      );
    for (const n of sizes) {
      const dir = await cachedEstate(cache, n);
      const out = join(tmp, `report-${n}.html`);
      const r = spawnSync(process.execPath, [cli, "check", dir, "--format", "html", "-o", out, "--fail-on", "never"], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`check failed: ${r.stderr}`);
      const url = pathToFileURL(out).href;
      const size = `${(statSync(out).size / 1e6).toFixed(1)} MB`;
      // Past the threshold both open on the overview of systems (src/view/overview.ts); below, on the whole model.
      const opens = n > lazyThreshold() ? "overview, systems on demand" : "whole model";
      row(n, `HTML report (${opens})`, await time(browser, url, runs, marks), size);
      if (expanded) row(n, "HTML report, everything expanded", await time(browser, `${url}#expand=all`, runs, marks), size);
      const served = await serve(dir);
      try {
        row(
          n,
          `served (${opens})`,
          await time(browser, served.url, runs, marks),
          `server listening after ${(served.startMs / 1000).toFixed(1)} s`,
        );
      } finally {
        served.stop();
      }
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const program = new Command("bench-web")
  .description(
    "Time from navigation to data-catch22-ready for the HTML report and the served page of generated realistic estates, in headless Chromium.",
  )
  .option("--sizes <list>", "estate sizes, comma-separated", positiveIntegers, [1000, 5000])
  .option("--runs <n>", "page loads per estate and view (the median is shown)", positiveInteger, 3)
  .option("--marks", "print the page's performance marks of the first run")
  .option("--no-expanded", "skip the HTML report's everything-expanded view")
  .option("--dir <dir>", "where generated estates are cached (shared with npm run bench)", join(tmpdir(), "catch22-bench"))
  .addHelpText("after", "\nChromium: CHROMIUM_PATH, else /usr/bin/chromium. Exit codes: 0 when measured, 2 on a bad command line.\n")
  .action((opts: WebBenchOptions) => bench(opts));

process.exitCode = await runProgram(program, process.argv);
