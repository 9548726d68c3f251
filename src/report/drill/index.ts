// The drill's format table: adding an output format for `drill` is adding one module and one line here.
import type { Format } from "../format.js";
import type { DrillContext } from "./context.js";
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
