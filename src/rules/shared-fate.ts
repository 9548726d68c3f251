// shared-fate: an `anyOf` whose alternatives all go down together, with one other service or one zone (SPEC §3).
import type { Compiled } from "../graph/compiled.js";
import { type FateCause, findSharedFate, type SharedFate } from "../graph/shared-fate.js";
import type { PathStep } from "../model/types.js";
import { listNames } from "../util/text.js";
import type { RawFinding, Rule } from "./rule.js";

export const sharedFate: Rule = {
  meta: {
    id: "shared-fate",
    defaultSeverity: "warning",
    summary: "Redundancy that is not: the alternatives of an `anyOf` all go down with one service or one zone",
    help: "An `anyOf` is meant to survive the loss of one alternative, but every alternative here goes down with the same service (or the same zone), so that one failure takes the whole requirement down: Meta's October 2021 outage (out-of-band access ran over the backbone it was meant to repair) and Rogers' July 2022 outage had this shape. Give one alternative a path that does not depend on the common cause: another zone, its own dependencies.",
    fix: "Move one alternative off the common cause: another zone, or requirements of its own that do not need it.",
    docs: "docs/rules/shared-fate.md",
    path: "witness",
    marks: { services: "shared" },
    fingerprint: ["alternatives"],
  },
  run({ estate, graph }) {
    const zones = estate.services.map((s) => s.zone);
    return findSharedFate(graph, zones).map((f) => describe(graph, f));
  },
};

/** `zone=<value>` for a zone, the service's name otherwise (SPEC §3, §6 `causes`). */
function causeName(g: Compiled, c: FateCause): string {
  return c.kind === "zone" ? `zone=${c.zone}` : (g.names[c.service] as string);
}

export function describe(g: Compiled, f: SharedFate): RawFinding {
  const path: PathStep[] = [];
  for (let i = 1; i < f.path.length; i++) {
    path.push({
      from: g.names[f.path[i - 1] as number] as string,
      to: g.names[f.path[i] as number] as string,
      kind: i === 1 ? f.kind : "runtime",
    });
  }
  const X = g.names[f.service] as string;
  const alternatives = f.alternatives.map((a) => g.names[a] as string);
  const causes = f.causes.map((c) => causeName(g, c));
  const spoken = f.causes.map((c) => (c.kind === "zone" ? `zone ${c.zone}` : (g.names[c.service] as string)));
  const what = f.kind === "runtime" ? "needs" : "rollback needs";
  const withWhat = spoken.length === 1 ? (spoken[0] as string) : `any one of ${listNames(spoken, 4)}`;
  const message = `${X} ${what} one of ${listNames(alternatives, 6, "or")}, but all of them go down with ${withWhat}`;
  return { message, services: [X], path, impacted: [], locations: f.locations, alternatives, causes };
}
