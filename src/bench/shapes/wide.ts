// The wide shapes: one service with a single anyOf of every other service, or with every other service as its own entry.
import type { Dep, Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import type { Rng } from "../random.js";
import { defineShape } from "./shape.js";
import { chunkGroups, filler } from "./synthetic.js";

function wide(n: number, rng: Rng, system: string, needs: (leaves: string[]) => Dep[]): Svc[] {
  const width = numberWidth(n);
  const leaves: Svc[] = [];
  for (let i = 0; i < n - 1; i++) {
    leaves.push({ name: `${system}/leaf-${pad(i, width)}`, ...filler(rng, i, system), runtime: [], rollback: [] });
  }
  const hub: Svc = { name: `${system}/hub`, ...filler(rng, n, system), runtime: needs(leaves.map((s) => s.name)), rollback: [] };
  return [hub, ...leaves];
}

export const wideAnyOfShape = defineShape({
  id: "wide-anyof",
  description: "`wide/hub` needs one `anyOf` of all `services - 1` leaves (which need nothing). No findings.",
  minServices: 3,
  generate: (n, rng) =>
    chunkGroups(
      "wide",
      wide(n, rng, "wide", (leaves) => [{ anyOf: leaves }]),
    ),
  html: true,
});

export const wideRuntimeShape = defineShape({
  id: "wide-runtime",
  description: "`fan/hub` needs each of the `services - 1` leaves (which need nothing) as its own plain runtime entry. No findings.",
  minServices: 2,
  generate: (n, rng) =>
    chunkGroups(
      "fan",
      wide(n, rng, "fan", (leaves) => leaves),
    ),
  html: true,
});
