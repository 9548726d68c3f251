// The GitHub Action's annotations: a `check` or `diff` JSON report → workflow command lines (src/report/github.ts), and the count as a step output.
// Usage: node action/annotate.mjs REPORT.json   (prints nothing when the report was not written)
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { renderGithub } from "../dist/report/github.js";

const file = process.argv[2];
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  // `diff` annotates what the change introduces; `check` every finding. Input errors (SPEC §1) when the report has them.
  const findings = report.introduced ?? report.findings ?? [];
  process.stdout.write(renderGithub(findings, report.diagnostics ?? []));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `findings=${findings.length}\n`);
}
