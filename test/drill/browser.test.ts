// The web view bundles the drill for the browser: nothing under src/drill (or what it imports) may need Node.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

describe("drill in the browser", () => {
  it("simulate, select and criticality bundle for the browser platform without Node built-ins", async () => {
    const result = await build({
      stdin: {
        contents: [
          'export { simulate } from "./src/drill/simulate.ts";',
          'export { selectServices } from "./src/drill/select.ts";',
          'export { criticality } from "./src/drill/criticality.ts";',
        ].join("\n"),
        resolveDir: ROOT,
        loader: "ts",
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain("function simulate(");
  });
});
