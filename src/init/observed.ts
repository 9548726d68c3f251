// Observed traffic → starter catch22 manifests (`catch22 init --observed`): one per observed service, its calls as runtime entries.
import jsyaml from "js-yaml";
import { NAME_PATTERN } from "../load/yaml-node.js";
import type { FileReading } from "../observed/types.js";
import { count, listNames } from "../util/text.js";
import { manifestPath, type PlannedFile } from "./manifests.js";

interface Calls {
  calls: number | null;
  files: string[];
}

/** What init could not turn into a manifest: observed names that are not catch22 names (SPEC §1 grammar). */
export interface ObservedPlan {
  files: PlannedFile[];
  invalidNames: string[];
}

const addCalls = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

function note(c: Calls): string {
  const where = listNames(c.files);
  return c.calls === null ? `observed in ${where}` : `observed: ${count(c.calls)} ${c.calls === 1 ? "call" : "calls"} in ${where}`;
}

/**
 * One manifest per service the traffic names (caller or callee), with a runtime entry per service it calls
 * (the call count in the entry's note) and `rollback` left undeclared, with a comment asking what it needs.
 * The documents are written by the YAML library, so any name reads back as itself.
 */
export function planObservedManifests(readings: readonly Pick<FileReading, "file" | "edges">[]): ObservedPlan {
  const calls = new Map<string, Map<string, Calls>>();
  const names = new Set<string>();
  for (const { file, edges } of readings) {
    for (const e of edges) {
      names.add(e.from);
      names.add(e.to);
      // X → X is dropped, as everywhere (SPEC §7).
      if (e.from === e.to) continue;
      const row = calls.get(e.from) ?? new Map<string, Calls>();
      calls.set(e.from, row);
      const c = row.get(e.to);
      if (c === undefined) row.set(e.to, { calls: e.calls, files: [file] });
      else {
        c.calls = addCalls(c.calls, e.calls);
        if (!c.files.includes(file)) c.files.push(file);
      }
    }
  }
  const invalidNames = [...names].filter((n) => !NAME_PATTERN.test(n)).sort();
  const valid = [...names].filter((n) => NAME_PATTERN.test(n)).sort();
  const files = valid.map((name): PlannedFile => {
    const row = calls.get(name) ?? new Map<string, Calls>();
    const runtime = [...row.keys()]
      .filter((to) => NAME_PATTERN.test(to))
      .sort()
      .map((to) => ({ service: to, note: note(row.get(to) as Calls) }));
    const doc = { apiVersion: "catch22/v1", kind: "Service", name, runtime };
    const body = jsyaml.dump(doc, { lineWidth: -1, noRefs: true, quotingType: '"' });
    const header = [
      `# Written by \`catch22 init --observed\` from ${listNames(readings.map((r) => r.file))}.`,
      "# The runtime entries are the calls the traffic showed: mark `soft: true` those it runs without.",
    ];
    const ask = [
      `# TODO: what must be up to roll back, redeploy or reconfigure ${name}? The traffic cannot say.`,
      `# List it and uncomment the lines below; "rollback: []" means it needs nothing.`,
      "# rollback:",
      "#   - <service>",
    ];
    return { path: manifestPath(name), service: name, text: `${header.join("\n")}\n${body}${ask.join("\n")}\n`, duplicates: 0 };
  });
  return { files, invalidNames };
}
