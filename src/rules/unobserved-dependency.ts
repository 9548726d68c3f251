// unobserved-dependency: a hard runtime entry X → Y that observed traffic, which shows both, never shows (SPEC §3, §7).

import { listNames } from "../util/text.js";
import type { RawFinding, Rule } from "./rule.js";

export const unobservedDependency: Rule = {
  meta: {
    id: "unobserved-dependency",
    defaultSeverity: "info",
    summary: "A declared hard runtime dependency that observed traffic never shows",
    help: "Both services appear in the observed traffic, but no call from one to the other does: the entry may be stale (remove it), soft (mark it `soft: true`), or on a path the traffic did not exercise (then nothing needs changing). A stale hard entry can report a catch-22 that does not exist.",
    fix: "Remove the entry if it is stale, or mark it `soft: true` if the service runs without it.",
    docs: "docs/rules/unobserved-dependency.md",
    observed: true,
    path: "entry",
    fingerprint: ["dependency"],
  },
  run({ observed }) {
    const out: RawFinding[] = [];
    for (const u of observed?.unobservedDependencies ?? []) {
      out.push({
        message: `${u.service} declares a hard runtime dependency on ${u.dependency}, but the observed traffic (${listNames(u.observedIn)}) never shows the call`,
        services: [u.service],
        path: [{ from: u.service, to: u.dependency, kind: "runtime" }],
        impacted: [],
        locations: u.location ? [u.location] : [],
        dependency: u.dependency,
        calls: u.calls,
        observedIn: u.observedIn,
      });
    }
    return out;
  },
};
