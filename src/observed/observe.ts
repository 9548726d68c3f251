// Observed traffic joined to a declared estate (SPEC §7): the names mapped, the drift found. Pure: no I/O.
import type { Diagnostic, Estate } from "../model/types.js";
import { compareObserved, type Drift, type DriftEntry, type DriftService } from "./drift.js";
import { type CompiledNameRule, compileNameRules, type MappedTraffic, mapObservedTraffic, type NameRule, ObservedNames } from "./names.js";
import type { FileReading } from "./types.js";

/** What the config and command line say about observed traffic (`observed:` in catch22.config.yaml, `--observed`). */
export interface ObservedConfig {
  /** The files to read, as they are named in messages (relative to the current directory). */
  files: string[];
  /** The `observed.names` rewrite rules, in order. */
  names: NameRule[];
  /** "hard": undeclared observed edges become hard runtime requirements for every detector and drill. */
  edges: "hard" | "declared";
}

export const OBSERVED_EDGES = ["hard", "declared"] as const;

/** The traffic of an estate: the mapped edges (for graph exports and the web view) and the drift (for the rules). */
export interface Observation {
  traffic: MappedTraffic;
  drift: Drift;
  /** Whether undeclared observed edges were added to RT as hard requirements. */
  hard: boolean;
}

function driftEntry(e: Estate["services"][number]["runtime"][number]): DriftEntry {
  const d: DriftEntry = {
    kind: e.kind,
    soft: e.soft,
    form: e.api !== undefined ? "api" : e.anyOf ? "anyOf" : "plain",
    names: e.names,
  };
  const pos = e.api?.pos ?? e.namePos[0];
  if (pos !== undefined) d.pos = pos;
  return d;
}

/** The declared side of the comparison: every entry of every service, as written. */
export function driftServices(estate: Estate): DriftService[] {
  return estate.services.map((s) => {
    const d: DriftService = { name: s.name, entries: [...s.runtime, ...s.rollback].map(driftEntry) };
    const pos = s.declarations[0]?.pos;
    if (pos !== undefined) d.pos = pos;
    return d;
  });
}

/** Maps the readings onto the estate and compares; an observed name that maps to two services is a diagnostic. */
export function observe(
  estate: Estate,
  readings: readonly FileReading[],
  config: Pick<ObservedConfig, "names" | "edges">,
): { ok: true; observation: Observation } | { ok: false; diagnostics: Diagnostic[] } {
  const compiled = compileNameRules(config.names);
  if (compiled.diagnostics.length > 0) return { ok: false, diagnostics: compiled.diagnostics };
  const names = new ObservedNames(
    estate.services.map((s) => ({ name: s.name, aliases: s.aliases ?? [] })),
    compiled.rules as CompiledNameRule[],
  );
  const traffic = mapObservedTraffic(readings, names);
  if (traffic.diagnostics.length > 0) return { ok: false, diagnostics: traffic.diagnostics };
  const drift = compareObserved(driftServices(estate), traffic, names);
  return { ok: true, observation: { traffic, drift, hard: config.edges === "hard" } };
}
