// The web view's page: the shell around the bundled app, either self-contained (`check --format html`) or
// served (`catch22 serve`, which loads /app.js and /app.css and asks /api/analysis for the data).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildOverview } from "../view/overview.js";
import { lazyThreshold } from "../view/threshold.js";
import type { ReportContext } from "./context.js";
import { buildViewModel } from "./view-model.js";

const assetUrl = (name: string) => new URL(`../web/${name}`, import.meta.url);

/** The bundled app (dist/web/app.js, app.css), read once. */
export function webAssets(): { js: string; css: string } {
  try {
    return { js: readFileSync(assetUrl("app.js"), "utf8"), css: readFileSync(assetUrl("app.css"), "utf8") };
  } catch {
    throw new Error("the web view is not built (dist/web/app.js is missing): run `npm run build`");
  }
}

/** Inline JavaScript may not contain `</script` (it would end the element); `<\/script` means the same in JS. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

const BODY = `
<a class="skip" href="#findings">Skip to findings</a>
<header class="top">
  <h1><span class="logo" aria-hidden="true">⟲</span> catch22</h1>
  <p id="summary" class="summary" aria-live="polite"></p>
  <div class="search" role="search">
    <label for="search" class="sr">Search services</label>
    <input id="search" type="search" placeholder="Search services  ( / )" autocomplete="off" aria-controls="search-results" />
    <ul id="search-results" class="search-results" role="listbox" aria-label="Matching services" hidden></ul>
  </div>
  <div class="toolbar" role="toolbar" aria-label="View">
    <button id="toggle-left" type="button" aria-controls="left-panel" aria-expanded="true" title="Show or hide the findings panel (&lt;)">◧ Findings</button>
    <button id="toggle-right" type="button" aria-controls="right-panel" aria-expanded="true" title="Show or hide the details panel (&gt;)">Details ◨</button>
    <button id="layout-toggle" type="button" title="Switch layout (l)">Layered layout</button>
    <button id="fit" type="button" title="Fit to screen (f)">Fit</button>
    <button id="expand-all" type="button" hidden>Expand all systems</button>
    <button id="export-svg" type="button">Export SVG</button>
    <button id="export-png" type="button">Export PNG</button>
    <button id="help-toggle" type="button" aria-expanded="false" aria-controls="help" title="Keyboard shortcuts (?)">?</button>
  </div>
</header>
<div id="errors" class="errors" role="alert" hidden></div>
<main class="layout">
  <aside class="left" id="left-panel" aria-label="Findings, filters and legend">
    <section id="findings" class="panel" aria-labelledby="findings-h" tabindex="-1">
      <h2 id="findings-h">Findings</h2>
      <ol id="finding-list" class="finding-list"></ol>
    </section>
    <details class="panel" id="filters-panel" open>
      <summary><h2>Filters</h2></summary>
      <label>System <select id="filter-system" multiple size="4"></select></label>
      <label>Owner <select id="filter-owner" multiple size="4"></select></label>
      <fieldset><legend>Edges</legend>
        <label><input type="checkbox" id="kind-runtime" checked /> runtime</label>
        <label><input type="checkbox" id="kind-rollback" checked /> rollback</label>
        <label><input type="checkbox" id="kind-soft" checked /> soft</label>
      </fieldset>
      <label>Services <select id="filter-findings">
        <option value="all">all</option>
        <option value="serious">only with errors or warnings</option>
        <option value="any">only with any finding</option>
      </select></label>
      <button id="clear-filters" type="button">Clear filters</button>
    </details>
    <details class="panel" id="legend-panel" open>
      <summary><h2>Legend</h2></summary>
      <div id="legend"></div>
    </details>
  </aside>
  <section class="stage" aria-label="Dependency map">
    <div id="status" class="status" role="status"></div>
    <div id="canvas-host" class="canvas-host"></div>
    <div id="stepper" class="stepper" hidden>
      <button id="step-prev" type="button" aria-label="Previous step ([)">◀</button>
      <span id="step-text" aria-live="polite"></span>
      <button id="step-next" type="button" aria-label="Next step (])">▶</button>
      <button id="step-close" type="button" aria-label="Close (Escape)">✕</button>
    </div>
    <div id="help" class="help" hidden>
      <h2>Keyboard</h2>
      <dl>
        <dt>/</dt><dd>search services</dd>
        <dt>Enter</dt><dd>select the first match, or the focused service</dd>
        <dt>Tab</dt><dd>move through controls, findings and (small estates) services</dd>
        <dt>[ and ]</dt><dd>step through a witness path or a drill's waves</dd>
        <dt>d</dt><dd>drill: fail the selected service</dd>
        <dt>f</dt><dd>fit the map to the screen</dd>
        <dt>l</dt><dd>switch force / layered layout</dd>
        <dt>+ and -</dt><dd>zoom</dd>
        <dt>Escape</dt><dd>clear the highlight, the drill, then the selection</dd>
        <dt>&lt; and &gt;</dt><dd>hide or show the findings panel and the details panel</dd>
        <dt>?</dt><dd>this help</dd>
      </dl>
    </div>
  </section>
  <aside class="right" id="right-panel" aria-label="Details">
    <section id="drill" class="panel" hidden aria-live="polite"></section>
    <section id="details" class="panel" aria-live="polite">
      <h2>Details</h2>
      <p class="hint">Click a service (or search for one) to see its requirements, its dependents and its findings, and to drill its failure.</p>
    </section>
  </aside>
</main>`;

/** The embedded data's type: JSON, gzip-compressed, base64-encoded (web/main.ts decodes it with DecompressionStream). */
export const EMBEDDED_TYPE = "application/gzip+base64";

/**
 * The data as the page embeds it. Compressed, since the JSON of a large estate is mostly repeated
 * names (146 MB at 100,000 services); base64 holds no `<`, so nothing can end the element early.
 * Node's gzip writes no time stamp, so the same data gives the same bytes. Level 5, not zlib's default 6:
 * on the realistic 100,000-service report (232 MB of JSON in 1,003 parts) 6 took 2.3–4.2 s for 22.9 MB,
 * 5 takes 1.3 s for 23.8 MB (4 and below: no faster, 25–29 MB).
 */
export function embedData(data: unknown): string {
  return gzipSync(JSON.stringify(data), { level: 5 }).toString("base64");
}

export interface PageOptions {
  title: string;
  /** Inline everything (the self-contained report), or link /app.js and /app.css (the server). */
  inline?: {
    js: string;
    css: string;
    data: unknown;
    /** A large estate's systems, each in its own element (`catch22-system-<i>`, the overview's order), decoded when expanded. */
    systems?: unknown[];
  };
}

/** A CSP source for an inline element's exact text. */
function sha256Source(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The self-contained report's policy: only its own inline script and style run (by hash, computed
 * here from what is written), nothing is fetched, nothing is posted; the force layout's worker and
 * the PNG export use blob: URLs. (`frame-ancestors` has no effect in a meta tag; the server sends it.)
 */
function reportPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256Source(script)}`,
    `style-src ${sha256Source(style)}`,
    "img-src data: blob:",
    "worker-src blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

export function htmlPage(opts: PageOptions): string {
  const head = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<link rel="icon" href="data:," />',
    `<title>${opts.title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</title>`,
  ];
  if (opts.inline) {
    const style = opts.inline.css.replace(/<\/(style)/gi, "<\\/$1");
    const script = inlineScript(opts.inline.js);
    head.splice(4, 0, `<meta http-equiv="Content-Security-Policy" content="${reportPolicy(script, style)}" />`);
    head.push(`<style>${style}</style>`);
    head.push("</head>", "<body>", BODY);
    head.push(`<script type="${EMBEDDED_TYPE}" id="catch22-data">${embedData(opts.inline.data)}</script>`);
    for (const [i, system] of (opts.inline.systems ?? []).entries())
      head.push(`<script type="${EMBEDDED_TYPE}" id="catch22-system-${i}">${embedData(system)}</script>`);
    head.push(`<script>${script}</script>`);
  } else {
    head.push('<meta name="catch22-mode" content="serve" />', '<link rel="stylesheet" href="/app.css" />', "</head>", "<body>", BODY);
    head.push('<script src="/app.js"></script>');
  }
  head.push("</body>", "</html>", "");
  return head.join("\n");
}

/**
 * `check --format html`: one file, data and app inlined, that works offline from file://. Past the lazy
 * threshold (src/view/threshold.ts) it embeds the overview, and each system apart, so the page is ready
 * once the overview is read and decodes a system only when it is expanded.
 */
export function renderHtml(ctx: Pick<ReportContext, "estate" | "findings" | "summary" | "inputs" | "observation">): string {
  const model = buildViewModel(ctx.estate, ctx.findings, ctx.summary, ctx.inputs ?? [], ctx.observation);
  if (model.services.length > lazyThreshold()) {
    const { overview, slice } = buildOverview(model);
    const systems = overview.systems.map((s) => slice(s.name));
    return htmlPage({ title: "catch22 report", inline: { ...webAssets(), data: { ok: true, overview }, systems } });
  }
  return htmlPage({ title: "catch22 report", inline: { ...webAssets(), data: { ok: true, model } } });
}
