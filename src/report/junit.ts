// JUnit XML for CI test reports (GitLab, Jenkins, Azure, CircleCI): a test suite per rule, a test case per rule and subject.
import type { Finding } from "../model/types.js";
import { hasWitness, rules as runnable } from "../rules/index.js";
import { xml, xmlAttr } from "../util/escape.js";
import { formatPos, listNames, stepLabel } from "../util/text.js";
import { failing, type ReportContext } from "./context.js";
import { chain } from "./text.js";

interface Case {
  name: string;
  file?: string;
  /** The inner XML: <failure>, <skipped/>, <system-out> or nothing. */
  body: string;
  outcome: "passed" | "failed" | "skipped";
}

/** The subject of a finding, as a test case name: its services, and the missing name for missing-dependency. */
export function caseName(f: Finding): string {
  return f.missing !== undefined ? `${f.services.join(", ")} → ${f.missing}` : f.services.join(", ");
}

/** The finding in plain lines: message, witness chain with a location per step, impacted services. */
function details(f: Finding): string {
  const lines = [f.message];
  if (hasWitness(f)) {
    lines.push(chain(f.path));
    f.path.forEach((st, i) => {
      const loc = f.locations[i];
      lines.push(`  ${stepLabel(st)}${loc ? `  ${formatPos(loc)}` : ""}`);
    });
  } else for (const loc of f.locations) lines.push(`  ${formatPos(loc)}`);
  if (f.impacted.length > 0) lines.push(`waiting on them: ${listNames(f.impacted, 20)}`);
  return lines.join("\n");
}

export function renderJunit(ctx: Pick<ReportContext, "findings" | "failOn" | "ignored" | "baseline" | "overrides">): string {
  const failingSet = new Set(failing(ctx));
  const suites = new Map<string, Case[]>();
  // A suite per rule that runs (manifest-invalid's input errors never reach a report).
  const rules = runnable.map((r) => r.meta);
  for (const m of rules) suites.set(m.id, []);
  for (const f of ctx.findings) {
    const list = suites.get(f.rule);
    if (!list) continue;
    const file = f.locations[0]?.file;
    if (failingSet.has(f)) {
      list.push({
        name: caseName(f),
        file,
        outcome: "failed",
        body: `<failure message="${xmlAttr(f.message)}" type="${f.severity}">${xml(details(f))}</failure>`,
      });
    } else {
      const why = ctx.baseline?.known.has(f.fingerprint) ? "known in the baseline" : `${f.severity}, below --fail-on ${ctx.failOn}`;
      list.push({ name: caseName(f), file, outcome: "passed", body: `<system-out>${xml(`(${why}) ${details(f)}`)}</system-out>` });
    }
  }
  for (const i of ctx.ignored ?? []) {
    const f = i.finding;
    const until = i.entry.until ? ` until ${i.entry.until}` : "";
    suites.get(f.rule)?.push({
      name: caseName(f),
      file: f.locations[0]?.file,
      outcome: "skipped",
      body: `<skipped message="${xmlAttr(`ignored${until}: ${i.entry.reason} (${formatPos(i.entry.pos)})`)}"/>`,
    });
  }
  const out: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const m of rules) {
    const cases = suites.get(m.id) as Case[];
    if (ctx.overrides?.[m.id] === "off") {
      cases.push({ name: `${m.id} is off`, outcome: "skipped", body: `<skipped message="turned off in the config"/>` });
    } else if (cases.length === 0) {
      cases.push({ name: "no findings", outcome: "passed", body: "" });
    }
    const f = cases.filter((c) => c.outcome === "failed").length;
    const s = cases.filter((c) => c.outcome === "skipped").length;
    tests += cases.length;
    failures += f;
    skipped += s;
    out.push(`  <testsuite name="${xmlAttr(m.id)}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}" time="0">`);
    for (const c of cases) {
      const attrs = `name="${xmlAttr(c.name)}" classname="catch22.${xmlAttr(m.id)}"${c.file ? ` file="${xmlAttr(c.file)}"` : ""} time="0"`;
      out.push(c.body ? `    <testcase ${attrs}>${c.body}</testcase>` : `    <testcase ${attrs}/>`);
    }
    out.push("  </testsuite>");
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="catch22" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    ...out,
    "</testsuites>",
    "",
  ].join("\n");
}
