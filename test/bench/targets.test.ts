// The bench's targets table (issue #14): each row is checked against the bound of its target.
import { describe, expect, it } from "vitest";
import { targetsTable } from "../../src/bench/targets.js";

const row = (over: Partial<Parameters<typeof targetsTable>[0][number]>) => ({
  label: "x",
  shape: "realistic",
  services: 100_000,
  drill: false,
  cpuRatio: 1,
  peakMb: 100,
  gcShare: 0.1,
  ...over,
});

describe("targetsTable", () => {
  it("says met or NOT MET per check, and nothing for rows no target covers", () => {
    const text = targetsTable([
      row({ label: "realistic 100,000", cpuRatio: 3.35 }),
      row({ label: "realistic 1,000,000", services: 1_000_000, cpuRatio: 1.9, peakMb: 2231, gcShare: 0.05 }),
      row({ label: "giant-scc 100,000", shape: "giant-scc", cpuRatio: 2.5 }),
      row({ label: "rollback-chain 100,000: drill", shape: "rollback-chain", drill: true, cpuRatio: 3.1 }),
      row({ label: "realistic 10,000", services: 10_000 }),
      row({ label: "wide-anyof 100,000", shape: "wide-anyof", cpuRatio: 2.4, analysisRatio: 1.77 }),
    ]);
    expect(text).toContain("| realistic 100,000 ≤ 1.5× the floor | realistic 100,000 | cpu/floor 3.35× (bound 1.50×) | NOT MET |");
    expect(text).toContain("| realistic 1,000,000 | cpu/floor 1.90× (bound 2.00×) | met |");
    expect(text).toContain("| realistic 1,000,000 | peak MB 2231 (bound 2048) | NOT MET |");
    expect(text).toContain("| realistic 1,000,000 | GC share 5% (bound 20%) | met |");
    expect(text).toContain("| giant-scc 100,000 | cpu/floor 2.50× (bound 3.00×) | met |");
    expect(text).toContain("| rollback-chain 100,000: drill | cpu/floor 3.10× (bound 3.00×) | NOT MET |");
    expect(text).not.toContain("realistic 10,000");
    // what the analysis costs after the load, where the bench measured it
    expect(text).toContain("| wide-anyof 100,000 | cpu/floor 2.40× (bound 3.00×; after the load alone 1.77×) | met |");
  });

  it("is empty when no row reaches a target's size", () => {
    expect(targetsTable([row({ services: 1000 })])).toBe("");
  });
});
