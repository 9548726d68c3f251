// Silent config mistakes (issue 15 item 8): an ignore entry that matches nothing is a warning on stderr, with a "did you mean"; the exit code is unchanged.
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../helpers/cli.js";

const ESTATE = [
  "apiVersion: catch22/v1",
  "kind: Service",
  "name: a.loop",
  "runtime: [b.loop]",
  "rollback: []",
  "---",
  "apiVersion: catch22/v1",
  "kind: Service",
  "name: b.loop",
  "runtime: [a.loop]",
  "rollback: []",
  "",
].join("\n");

const config = (services: string) => `ignore:\n  - rule: runtime-cycle\n    services: ${services}\n    reason: accepted (OPS-7)\n`;

describe("ignore entries that match nothing", { timeout: 60_000 }, () => {
  it("one member of a two-service core: a warning naming the full list; the finding still counts", () => {
    const dir = tempTree({ "m.yaml": ESTATE, "catch22.config.yaml": config("[a.loop]") });
    const r = runCli(["check", "m.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "warning catch22.config.yaml:2:5: the ignore entry for runtime-cycle (a.loop) matches no finding: the runtime-cycle finding is about a.loop and b.loop, and an entry must list every one of them (did you mean services: [a.loop, b.loop]?)",
    );
  });

  it("a typo'd service: did you mean the declared one", () => {
    const dir = tempTree({ "m.yaml": ESTATE, "catch22.config.yaml": config("[a.loop, b.lop]") });
    const r = runCli(["check", "m.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('names "b.lop" (did you mean "b.loop"?), which no manifest declares');
  });

  it("a matching entry says nothing, and the exit code is the one of the findings", () => {
    const dir = tempTree({ "m.yaml": ESTATE, "catch22.config.yaml": config("[a.loop, b.loop]") });
    const r = runCli(["check", "m.yaml"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("diff warns about the head's unused entries too; --quiet silences check's", () => {
    const dir = tempTree({ "m.yaml": ESTATE, "catch22.config.yaml": config("[a.loop]") });
    expect(runCli(["diff", "m.yaml", "--", "m.yaml"], { cwd: dir }).stderr).toContain("did you mean services: [a.loop, b.loop]?");
    expect(runCli(["check", "m.yaml", "--quiet"], { cwd: dir }).stderr).toBe("");
  });
});
