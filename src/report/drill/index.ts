// The drill's format tables: adding an output format for `drill` (warm or `--cold`) is adding one module and one line here.
import type { Format } from "../format.js";
import { renderColdJson } from "./cold-json.js";
import { renderColdText } from "./cold-text.js";
import type { ColdDrillContext, DrillContext } from "./context.js";
import { renderDrillJson } from "./json.js";
import { renderDrillText } from "./text.js";

export const drillFormats: readonly Format<DrillContext>[] = [
  { id: "text", description: "a runbook: blast radius, rollback waves, what stays stuck and why", render: renderDrillText },
  {
    id: "json",
    description: "the drill shape of SPEC §6, with each stuck root's blocking requirements and witnesses",
    render: renderDrillJson,
  },
];

/** `drill --cold`: the same ids as the warm table. */
export const coldDrillFormats: readonly Format<ColdDrillContext>[] = [
  { id: "text", description: "a runbook: the bootstrap waves, what never comes up and the cores that block it", render: renderColdText },
  { id: "json", description: "the cold drill shape of SPEC §6, with blocking requirements and core witnesses", render: renderColdJson },
];
