// Random estates as the page gets them (view models), with services spread over a few systems.
import fc from "fast-check";
import { compile } from "../../src/graph/compiled.js";
import { buildEstate } from "../../src/model/estate.js";
import { summarize } from "../../src/report/summary.js";
import { buildViewModel, type ViewModel } from "../../src/report/view-model.js";
import { runRules } from "../../src/rules/index.js";
import { declarations, type EntrySpec, type ServiceSpec } from "./estate.js";

export const NAMES = ["a", "b", "c", "d", "e", "f", "g"];
const entry: fc.Arbitrary<EntrySpec> = fc.oneof(
  fc.constantFrom(...NAMES, "ghost"),
  fc.record({ service: fc.constantFrom(...NAMES), soft: fc.boolean() }),
  fc.record({ anyOf: fc.uniqueArray(fc.constantFrom(...NAMES, "ghost"), { minLength: 1, maxLength: 3 }), soft: fc.boolean() }),
);
export const randomEstate: fc.Arbitrary<ServiceSpec[]> = fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1 }).chain((names) =>
  fc.tuple(
    ...names.map((name) =>
      fc.record({
        name: fc.constant(name),
        runtime: fc.array(entry, { maxLength: 3 }),
        rollback: fc.option(fc.array(entry, { maxLength: 2 }), { nil: undefined }),
      }),
    ),
  ),
);
export const SYSTEMS = ["s1", "s2", "s3", undefined];

export function viewOf(
  specs: ServiceSpec[],
  systemOf: (name: string) => string | undefined,
  factsOf: (name: string) => { owner?: string | undefined; zone?: string | undefined } = () => ({}),
): ViewModel {
  const decls = declarations(specs);
  for (const d of decls) {
    const s = systemOf(d.name);
    if (s !== undefined) d.system = s;
    const { owner, zone } = factsOf(d.name);
    if (owner !== undefined) d.owner = owner;
    if (zone !== undefined) d.zone = zone;
  }
  const e = buildEstate(decls);
  const findings = runRules(e, compile(e));
  return JSON.parse(JSON.stringify(buildViewModel(e, findings, summarize(compile(e), findings), []))) as ViewModel;
}
