// Bundles the web view: the layout worker first (as text, to become a Blob URL), then the app with it inlined.

import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "dist", "web");
mkdirSync(out, { recursive: true });

const common = { bundle: true, format: "iife", target: "es2020", minify: true, legalComments: "none", logLevel: "warning" };
const worker = await build({ ...common, entryPoints: [join(here, "force-worker.ts")], write: false });
const workerSource = worker.outputFiles[0].text;

await build({
  ...common,
  entryPoints: [join(here, "main.ts")],
  outfile: join(out, "app.js"),
  plugins: [
    {
      name: "worker-source",
      setup(b) {
        b.onResolve({ filter: /^worker-source$/ }, () => ({ path: "worker-source", namespace: "worker-source" }));
        b.onLoad({ filter: /.*/, namespace: "worker-source" }, () => ({ contents: workerSource, loader: "text" }));
      },
    },
  ],
});
copyFileSync(join(here, "app.css"), join(out, "app.css"));
