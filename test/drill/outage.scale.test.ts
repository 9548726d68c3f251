// Scale shapes for the outage drills (SPEC §3 shared-fate, §4.2): they finish on 100,000 services, with no recursion per node.
// Results only, no timing assertions; each test must finish within its timeout.
import { describe, expect, it } from "vitest";
import { simulateCold } from "../../src/drill/cold.js";
import { findSharedFate } from "../../src/graph/shared-fate.js";
import type { Declaration, Entry } from "../../src/model/types.js";
import { compiled } from "../helpers/outage.js";

const TIMEOUT = 120_000;
const N = 100_000;
const FILE = "scale.yaml";
let line = 1;

function decl(name: string, runtime: string[][], rollback?: string[][]): Declaration {
  const entry = (kind: "runtime" | "rollback", names: string[]): Entry => ({
    kind,
    names,
    anyOf: names.length > 1,
    soft: false,
    namePos: names.map((_, i) => ({ file: FILE, line: line++, column: 5 + i })),
  });
  const d: Declaration = {
    name,
    pos: { file: FILE, line: line++, column: 7 },
    runtime: runtime.map((ns) => entry("runtime", ns)),
    origin: "catch22",
  };
  if (rollback) d.rollback = rollback.map((ns) => entry("rollback", ns));
  return d;
}

const pad = (i: number) => String(i).padStart(6, "0");
const chain = Array.from({ length: N }, (_, i) => `svc-${pad(i)}`);

describe("outage drills at scale", () => {
  it(
    "a 100,000-deep chain under one anyOf: one shared-fate finding (the alternative the other runs on), a cold start of 100,000 waves",
    () => {
      // svc-i needs svc-(i-1); top needs svc-099999 or svc-099998, and svc-099999 runs on svc-099998.
      const decls = [
        ...chain.map((name, i) => decl(name, i === 0 ? [] : [[chain[i - 1] as string]])),
        decl("top", [[chain[N - 1] as string, chain[N - 2] as string]]),
      ];
      const g = compiled(decls);
      const zones = g.names.map((_, i) => `z${i % 3}`);
      const fates = findSharedFate(g, zones);
      expect(fates).toHaveLength(1);
      expect(fates[0]?.causes).toEqual([{ kind: "service", service: g.estate.ids.get(chain[N - 2] as string) }]);
      const cold = simulateCold(g, []);
      // top comes up with svc-099999, the wave after svc-099998.
      expect(cold.waves).toHaveLength(N);
      expect(cold.neverUp).toEqual([]);
      const failedBase = simulateCold(g, [g.estate.ids.get(chain[0] as string) as number]);
      expect([failedBase.waves.length, failedBase.neverUp.length, failedBase.cores.length]).toEqual([0, N, 0]);
    },
    TIMEOUT,
  );

  it(
    "a star of 100,000 services sharing one anyOf over two hubs on one base: 100,000 findings; a 100,000-long cold cycle is one core",
    () => {
      const leaves = chain;
      const decls = [
        decl("base", []),
        decl("hub-a", [["base"]]),
        decl("hub-b", [["base"]]),
        ...leaves.map((l) => decl(l, [["hub-a", "hub-b"]], [["hub-a", "hub-b"]])),
      ];
      const g = compiled(decls);
      const fates = findSharedFate(
        g,
        g.names.map(() => "z"),
      );
      expect(fates).toHaveLength(N);
      // One zone holds everything: as a rollback requirement too, the zone of X counts, and it and base take each other down.
      expect(fates[0]?.causes.map((c) => c.kind)).toEqual(["zone", "service"]);
      const ring = compiled(chain.map((name, i) => decl(name, [[chain[(i + 1) % N] as string]])));
      const cold = simulateCold(ring, []);
      expect([cold.waves.length, cold.neverUp.length, cold.cores.length, cold.cores[0]?.cycle.length]).toEqual([0, N, 1, N + 1]);
    },
    TIMEOUT,
  );
});
