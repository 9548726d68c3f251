// Scale shapes (SPEC §3): nothing may recurse per node or go quadratic on deep or wide estates.
// Results only, no timing assertions; each test must finish within its 60 s timeout.
import { describe, expect, it } from "vitest";
import type { Declaration, Entry, Finding } from "../../src/model/types.js";
import { analyse } from "../helpers/estate.js";

const TIMEOUT = 60_000;
const FILE = "scale.yaml";

let line = 1;
function entry(kind: "runtime" | "rollback", names: string[], anyOf = false): Entry {
  return { kind, names, anyOf, soft: false, namePos: names.map((_, i) => ({ file: FILE, line: line, column: 5 + i })) };
}
function decl(name: string, runtime: string[][], rollback?: string[][]): Declaration {
  const d: Declaration = { name, pos: { file: FILE, line: line++, column: 7 }, runtime: [], origin: "catch22" };
  d.runtime = runtime.map((ns) => {
    line++;
    return entry("runtime", ns, ns.length > 1);
  });
  if (rollback) {
    d.rollback = rollback.map((ns) => {
      line++;
      return entry("rollback", ns, ns.length > 1);
    });
  }
  return d;
}

const pad = (i: number, width: number) => String(i).padStart(width, "0");
const byRule = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
/** The names along a path. */
const names = (f: Finding) => [f.path[0]?.from as string, ...f.path.map((s) => s.to)];

describe("scale", () => {
  const N = 100_000;
  const chain = Array.from({ length: N }, (_, i) => `svc-${pad(i, 6)}`);

  it(
    "a 100,000-long runtime chain whose base's rollback needs the top: one finding, a 100,000-step witness",
    () => {
      // svc-000000 ← svc-000001 ← … ← svc-099999 (each needs the one before it). The base's failure
      // takes the whole chain down, so a base rollback that needs the top cannot run.
      const decls = chain.map((name, i) =>
        decl(name, i === 0 ? [] : [[chain[i - 1] as string]], i === 0 ? [[chain[N - 1] as string]] : []),
      );
      const findings = analyse(decls);
      const rnb = byRule(findings, "rollback-needs-broken");
      expect(rnb).toHaveLength(1);
      const f = rnb[0] as Finding;
      expect(f.services).toEqual(["svc-000000"]);
      expect(f.path).toHaveLength(N);
      expect(f.path[0]).toEqual({ from: "svc-000000", to: "svc-099999", kind: "rollback" });
      expect(names(f)).toEqual(["svc-000000", ...chain.slice().reverse()]);
      expect(f.path.slice(1).every((s) => s.kind === "runtime")).toBe(true);
      expect(f.locations).toHaveLength(N);
      expect(f.message).toBe("Rolling back svc-000000 needs svc-099999, which is down when svc-000000 fails");
      expect(byRule(findings, "runtime-cycle")).toEqual([]);
      expect(findings).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    "the same chain with the top's rollback needing the base: no finding (the base stays up when the top fails)",
    () => {
      const decls = chain.map((name, i) =>
        decl(name, i === 0 ? [] : [[chain[i - 1] as string]], i === N - 1 ? [[chain[0] as string]] : []),
      );
      expect(analyse(decls)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "the chain where every service's rollback needs the service that runs on it: 99,999 two-step findings",
    () => {
      // Down({svc-i}) is the whole rest of the chain: computing it in full for every i would be quadratic.
      const decls = chain.map((name, i) =>
        decl(name, i === 0 ? [] : [[chain[i - 1] as string]], i === N - 1 ? [] : [[chain[i + 1] as string]]),
      );
      const rnb = byRule(analyse(decls), "rollback-needs-broken");
      expect(rnb).toHaveLength(N - 1);
      expect(rnb.map((f) => f.services[0])).toEqual(chain.slice(0, N - 1));
      for (const [i, f] of rnb.entries()) expect(names(f)).toEqual([chain[i], chain[i + 1], chain[i]]);
    },
    TIMEOUT,
  );

  const M = 50_000;
  const ring = Array.from({ length: M }, (_, i) => `node-${pad(i, 5)}`);

  it(
    "a 50,000-member runtime cycle: one core of 50,000 members, its canonical path and the service waiting on it",
    () => {
      const decls = [...ring.map((name, i) => decl(name, [[ring[(i + 1) % M] as string]], [])), decl("waiter", [["node-25000"]], [])];
      const findings = analyse(decls);
      expect(findings.map((f) => f.rule)).toEqual(["runtime-cycle"]);
      const f = findings[0] as Finding;
      expect(f.services).toEqual(ring);
      expect(f.path).toHaveLength(M);
      expect(names(f)).toEqual([...ring, "node-00000"]);
      expect(f.impacted).toEqual(["waiter"]);
      expect(f.locations).toHaveLength(M);
    },
    TIMEOUT,
  );

  it(
    "a 50,000-member runtime cycle with a chord from its first member: the path takes the shortest way round",
    () => {
      const decls = ring.map((name, i) => decl(name, i === 0 ? [["node-00001"], ["node-30000"]] : [[ring[(i + 1) % M] as string]], []));
      const [f] = byRule(analyse(decls), "runtime-cycle");
      expect(f?.services).toHaveLength(M);
      expect(names(f as Finding)).toEqual(["node-00000", ...ring.slice(30_000), "node-00000"]);
    },
    TIMEOUT,
  );

  const leaves = Array.from({ length: N }, (_, i) => `leaf-${pad(i, 6)}`);

  it(
    "a star of 100,000 leaves needing one hub, whose rollback runs through a deploy service on the hub",
    () => {
      const decls = [
        decl("hub", [], [["deploy"]]),
        decl("deploy", [["hub"]], []),
        ...leaves.map((leaf) => decl(leaf, [["hub"]], [["hub"]])),
      ];
      const findings = analyse(decls);
      expect(findings.map((f) => [f.rule, names(f)])).toEqual([["rollback-needs-broken", ["hub", "deploy", "hub"]]]);
      expect(findings[0]?.message).toBe("Rolling back hub needs deploy, which runs on hub");
    },
    TIMEOUT,
  );

  // Shapes that were quadratic once (Θ(N²) work for O(N) output), kept so they stay linear.
  // rollback-needs-broken: the witness walk reads each step's next service and entry, recorded
  // by the breadth-first search, instead of scanning the hub's 100,000 requirements per leaf.
  it(
    "a hub that needs 100,000 leaves, each leaf's rollback going through the hub: 100,000 two-step findings",
    () => {
      const decls = [
        decl(
          "hub",
          leaves.map((l) => [l]),
          [],
        ),
        ...leaves.map((leaf) => decl(leaf, [], [["hub"]])),
      ];
      const rnb = byRule(analyse(decls), "rollback-needs-broken");
      expect(rnb).toHaveLength(N);
      expect(names(rnb[N - 1] as Finding)).toEqual(["leaf-099999", "hub", "leaf-099999"]);
    },
    TIMEOUT,
  );

  // runtime-cycle: impacted services are searched from whichever side is smaller (cores or waiting services).
  it(
    "a chain of 100,000 self-looping services, each needing the next: 100,000 one-member cores, none impacted",
    () => {
      const decls = chain.map((name, i) => decl(name, i + 1 < N ? [[name], [chain[i + 1] as string]] : [[name]], []));
      const cores = byRule(analyse(decls), "runtime-cycle");
      expect(cores).toHaveLength(N);
      expect(cores.every((f) => f.impacted.length === 0 && f.services.length === 1)).toBe(true);
    },
    TIMEOUT,
  );

  // missing-dependency: one did-you-mean search per missing name, not per finding.
  it(
    "100,000 services that all need one undeclared service: 100,000 missing-dependency findings",
    () => {
      const decls = chain.map((name) => decl(name, [["svc-logging"]], []));
      const missing = byRule(analyse(decls), "missing-dependency");
      expect(missing).toHaveLength(N);
      expect(missing.every((f) => f.missing === "svc-logging")).toBe(true);
    },
    TIMEOUT,
  );
});
