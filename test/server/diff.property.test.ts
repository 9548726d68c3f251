// The diff format of serve (src/server/diff.ts): applying the diff of two view models to the first gives the second, whatever they hold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ViewEdge, ViewFinding, ViewModel, ViewService } from "../../src/report/view-model.js";
import { applyDiff, applyList, diffFindings, diffModels, isEmptyDiff } from "../../src/server/diff.js";

const NAMES = ["a", "b", "c", "d", "e", "f", "g", "h"];

/** A model with services in name order and their edges grouped in that order, as buildViewModel makes them. */
const model = fc
  .record({
    names: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 8 }),
    tier: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 8, maxLength: 8 }),
    targets: fc.array(fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }), { minLength: 8, maxLength: 8 }),
    findings: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 5 }),
    message: fc.constantFrom("x", "y"),
  })
  .map(({ names, tier, targets, findings, message }): ViewModel => {
    const sorted = names.slice().sort();
    const services = sorted.map(
      (name, i) => ({ name, tier: tier[i], rollbackDeclared: true, runtime: [], rollback: [], declared: [] }) as unknown as ViewService,
    );
    const edges: ViewEdge[] = sorted.flatMap((from, i) =>
      (targets[i] ?? [])
        .slice()
        .sort()
        .map((to) => ({
          from,
          to,
          kind: "runtime" as const,
          soft: false,
          anyOf: false,
          ...(sorted.includes(to) ? {} : { missing: true as const }),
        })),
    );
    const list = findings.map((f) => ({ rule: "runtime-cycle", fingerprint: f, message }) as unknown as ViewFinding);
    return {
      tool: { name: "catch22", version: "0" },
      schemaVersion: 1,
      inputs: ["."],
      summary: {
        services: services.length,
        edges: { runtime: edges.length, rollback: 0 },
        findings: { error: list.length, warning: 0, info: 0 },
      },
      services,
      edges,
      findings: list,
    };
  });

describe("serve's diffs", () => {
  it("applied to the model before, give the model after, field order included", () => {
    fc.assert(
      fc.property(model, model, (before, after) => {
        const d = diffModels(before, after);
        const applied = applyDiff(before, JSON.parse(JSON.stringify(d)));
        expect(JSON.stringify(applied)).toBe(JSON.stringify(after));
      }),
      { numRuns: 500 },
    );
  });

  it("of findings partly the same objects (reused), in any order, with equal copies and shared fingerprints: applied, give the list after", () => {
    const finding = fc
      .record({ fp: fc.constantFrom("a", "b", "c"), message: fc.constantFrom("x", "y") })
      .map(({ fp, message }) => ({ rule: "runtime-cycle", fingerprint: fp, message }) as unknown as ViewFinding);
    fc.assert(
      fc.property(
        fc.array(finding, { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(2), fc.nat(7), finding), { maxLength: 10 }),
        (before, picks) => {
          // each finding after: one of before's objects, an equal copy of one, or a new one
          const after = picks.map(([how, i, f]) => {
            const b = before[i % Math.max(1, before.length)];
            return !b || how === 2 ? f : how === 0 ? b : structuredClone(b);
          });
          const d = diffFindings(before, after);
          expect(JSON.stringify(applyList(before, JSON.parse(JSON.stringify(d))))).toBe(JSON.stringify(after));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("of a model with itself, are empty", () => {
    fc.assert(
      fc.property(model, (m) => {
        expect(isEmptyDiff(diffModels(m, structuredClone(m)))).toBe(true);
      }),
    );
  });
});
