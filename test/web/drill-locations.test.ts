// The browser's drill witnesses are located where `catch22 drill` locates them (the real positions, from the view payload).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PathStep, SourcePos } from "../../src/model/types.js";
import { formatWhere } from "../../src/util/text.js";
import { launch, open } from "../helpers/browser.js";
import { CLI } from "../helpers/serve.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

let browser: Browser;
let url: string;
beforeAll(async () => {
  browser = await launch();
  const out = join(mkdtempSync(join(tmpdir(), "catch22-drill-")), "tencent.html");
  const r = run(["check", "examples/tencent-2024", "--format", "html", "-o", out, "--fail-on", "never"]);
  if (r.status !== 0) throw new Error(r.stderr);
  url = pathToFileURL(out).href;
});
afterAll(async () => {
  await browser?.close();
});

describe("the drill panel's witnesses", () => {
  it("show the same file:line:column per step as `catch22 drill --format json` (examples/tencent-2024, --fail cloud-api)", async () => {
    const cli = JSON.parse(run(["drill", "examples/tencent-2024", "--fail", "cloud-api", "--format", "json"]).stdout) as {
      blocking: { requirements: { witness: { path: PathStep[]; locations: SourcePos[] } }[] }[];
    };
    const want = cli.blocking.flatMap((b) =>
      b.requirements.flatMap((q) => q.witness.path.map((s, i) => `${s.from} ${s.kind} ${s.to} @ ${formatWhere(q.witness.locations[i])}`)),
    );
    expect(want.length).toBeGreaterThan(0);
    const { page, errors } = await open(browser, `${url}#drill=cloud-api`);
    const got = await page
      .locator("#drill .chain.step")
      .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-step")} @ ${e.querySelector(".where")?.textContent?.trim() ?? ""}`));
    expect(got).toEqual(want);
    expect(errors).toEqual([]);
    await page.close();
  });
});
