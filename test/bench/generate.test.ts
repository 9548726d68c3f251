// Tests of the synthetic estate generator: determinism, counts, closure, parseability, shape and planted findings.
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { type GeneratedFile, generateEstate, SHAPES, type Shape, writeEstate } from "../../src/bench/generate.js";
import { findShape } from "../../src/bench/shapes/index.js";
import { loadEstate } from "../../src/load/index.js";

type Dep = string | { service?: string; anyOf?: string[]; api?: string; version?: string; soft?: boolean; note?: string };
interface Doc {
  name: string;
  runtime?: Dep[];
  rollback?: Dep[];
  [key: string]: unknown;
}
interface Req {
  names: string[];
  soft: boolean;
}
interface Svc {
  name: string;
  doc: Doc;
  runtime: Req[];
  rollback: Req[] | null;
}

// An api entry of the realistic-api shape (`{api: <name>-api, version}`) resolves to the service `<name>`, which provides it.
const reqOf = (d: Dep): Req =>
  typeof d === "string"
    ? { names: [d], soft: false }
    : { names: d.anyOf ?? [d.api !== undefined ? d.api.replace(/-api$/, "") : (d.service as string)], soft: d.soft === true };

/** Parses every file with js-yaml and flattens Service documents and ServiceList items. */
function parse(files: GeneratedFile[]): { services: Svc[]; lists: number } {
  const services: Svc[] = [];
  let lists = 0;
  for (const f of files) {
    yaml.loadAll(f.text, (raw) => {
      const d = raw as {
        apiVersion: string;
        kind: string;
        services?: Doc[];
      } & Doc;
      expect(d.apiVersion).toBe("catch22/v1");
      const docs = d.kind === "ServiceList" ? (d.services as Doc[]) : [d];
      if (d.kind === "ServiceList") lists++;
      else expect(d.kind).toBe("Service");
      for (const s of docs) {
        services.push({
          name: s.name,
          doc: s,
          runtime: (s.runtime ?? []).map(reqOf),
          rollback: s.rollback === undefined ? null : s.rollback.map(reqOf),
        });
      }
    });
  }
  return { services, lists };
}

/** Declared (service, name) pairs per kind, soft ones included (as the report's summary counts them). */
function edges(services: Svc[]): { runtime: number; rollback: number } {
  let runtime = 0;
  let rollback = 0;
  for (const s of services) {
    runtime += new Set(s.runtime.flatMap((r) => r.names)).size;
    rollback += new Set((s.rollback ?? []).flatMap((r) => r.names)).size;
  }
  return { runtime, rollback };
}

/** Non-trivial strongly connected components of the hard runtime graph (every name of an anyOf an edge). */
function cycles(services: Svc[]): string[][] {
  const index = new Map(services.map((s, i) => [s.name, i]));
  const adj = services.map((s) => s.runtime.filter((r) => !r.soft).flatMap((r) => r.names.map((n) => index.get(n) as number)));
  const n = services.length;
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (idx[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    idx[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1] as [number, number];
      const [v, k] = top;
      const succ = adj[v] as number[];
      if (k < succ.length) {
        top[1]++;
        const w = succ[k] as number;
        if (idx[w] === -1) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v] as number, idx[w] as number);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const p = (work[work.length - 1] as [number, number])[0];
        low[p] = Math.min(low[p] as number, low[v] as number);
      }
      if (low[v] === idx[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (adj[v] as number[]).includes(v)) out.push(comp.map((c) => (services[c] as Svc).name).sort());
      }
    }
  }
  return out;
}

/** Services X with a rollback requirement q ⊆ Down({X}) (SPEC §3 rollback-needs-broken). */
function catch22s(services: Svc[]): string[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const hard = (s: Svc) => s.runtime.filter((r) => !r.soft && r.names.every((n) => byName.has(n)));
  // users[y] = requirements (of other services) that name y
  const users = new Map<string, { svc: Svc; req: Req }[]>();
  for (const s of services) {
    for (const req of hard(s)) {
      for (const n of req.names) {
        const list = users.get(n);
        if (list) list.push({ svc: s, req });
        else users.set(n, [{ svc: s, req }]);
      }
    }
  }
  const reachMemo = new Map<string, Set<string>>();
  const reach = (c: string): Set<string> => {
    let seen = reachMemo.get(c);
    if (seen) return seen;
    seen = new Set([c]);
    const todo = [c];
    while (todo.length > 0) {
      for (const r of hard(byName.get(todo.pop() as string) as Svc)) {
        for (const n of r.names) {
          if (!seen.has(n)) {
            seen.add(n);
            todo.push(n);
          }
        }
      }
    }
    reachMemo.set(c, seen);
    return seen;
  };
  const down = (x: string): Set<string> => {
    const d = new Set([x]);
    const todo = [x];
    while (todo.length > 0) {
      for (const { svc, req } of users.get(todo.pop() as string) ?? []) {
        if (!d.has(svc.name) && req.names.every((n) => d.has(n))) {
          d.add(svc.name);
          todo.push(svc.name);
        }
      }
    }
    return d;
  };
  const found: string[] = [];
  for (const s of services) {
    const reqs = (s.rollback ?? []).filter((r) => !r.soft && r.names.every((n) => byName.has(n)));
    // cheap filter first: every name of q must reach X for q ⊆ Down({X})
    const candidates = reqs.filter((r) => r.names.every((n) => reach(n).has(s.name)));
    if (candidates.length === 0) continue;
    const d = down(s.name);
    if (candidates.some((r) => r.names.every((n) => d.has(n)))) found.push(s.name);
  }
  return found.sort();
}

function checkClosed(services: Svc[]): void {
  const names = new Set(services.map((s) => s.name));
  expect(names.size).toBe(services.length); // no duplicates
  const missing: string[] = [];
  for (const s of services) {
    for (const r of [...s.runtime, ...(s.rollback ?? [])]) for (const n of r.names) if (!names.has(n)) missing.push(`${s.name} -> ${n}`);
  }
  expect(missing).toEqual([]);
  const namePattern = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,199}$/;
  for (const n of names) expect(n).toMatch(namePattern);
}

describe("generateEstate", () => {
  it("is deterministic: same options give the same files, another seed different ones", () => {
    for (const shape of SHAPES) {
      const a = generateEstate({ services: 1500, seed: 7, shape });
      const b = generateEstate({ services: 1500, seed: 7, shape });
      const c = generateEstate({ services: 1500, seed: 8, shape });
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    }
  });

  it("defaults to the realistic shape and 50 documents per file", () => {
    const files = generateEstate({ services: 2000, seed: 3 });
    expect(files).toEqual(
      generateEstate({
        services: 2000,
        seed: 3,
        shape: "realistic",
        docsPerFile: 50,
      }),
    );
    for (const f of files) {
      const docs = f.text.includes("kind: ServiceList") ? f.text.split("\n  - name: ").length - 1 : f.text.split("\n---\n").length;
      expect(docs).toBeLessThanOrEqual(50);
    }
  });

  // A shape with its own writer (a Backstage catalog) is checked through the loader below.
  const catch22Shapes = SHAPES.filter((s) => findShape(s)?.emit === undefined);
  it.each(catch22Shapes.flatMap((shape) => [1000, 1001].map((n) => [shape, n] as [Shape, number])))(
    "%s with %i services: parses, declares exactly that many, references only declared names",
    (shape, n) => {
      const files = generateEstate({
        services: n,
        seed: 11,
        shape,
        docsPerFile: 40,
      });
      for (const f of files) {
        expect(f.path).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*\.yaml$/);
        expect(f.text.startsWith("apiVersion: catch22/v1\n")).toBe(true);
        for (const part of f.text.split("\n---\n").slice(1)) expect(part.startsWith("apiVersion: catch22/v1\n")).toBe(true);
      }
      expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
      const { services } = parse(files);
      expect(services.length).toBe(n);
      // the name: keys in the text agree with what the parser saw
      const nameLines = files.reduce((k, f) => k + (f.text.match(/^(?: {2}- )?name: /gm)?.length ?? 0), 0);
      expect(nameLines).toBe(n);
      checkClosed(services);
    },
  );

  it.each([999, 1000])(
    "giant-scc-backstage with %i services loads as a Backstage catalog with no input error, every service a catch-22",
    async (n) => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "catch22-gen-"));
      try {
        await writeEstate(dir, generateEstate({ services: n, seed: 5, shape: "giant-scc-backstage" }));
        const load = loadEstate([dir]);
        expect(load.diagnostics).toEqual([]);
        expect(load.declarations.length).toBe(n);
        for (const d of load.declarations) {
          expect(d.runtime.length).toBeGreaterThanOrEqual(1);
          expect(d.rollback.length).toBe(1);
        }
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  );

  it("rejects bad options", () => {
    expect(() => generateEstate({ services: 10, seed: 1 })).toThrow(RangeError);
    expect(() => generateEstate({ services: 1.5, seed: 1, shape: "chain" })).toThrow(RangeError);
    expect(() => generateEstate({ services: 100, seed: 1, shape: "nope" as Shape })).toThrow(RangeError);
    expect(() => generateEstate({ services: 100, seed: 1, docsPerFile: 0 })).toThrow(RangeError);
  });
});

describe("realistic shape", () => {
  const n = 25000;
  const files = generateEstate({ services: n, seed: 1 });
  const { services, lists } = parse(files);

  it("has ~4.5 edges (runtime + rollback) per service and ~70% declared rollbacks", () => {
    const e = edges(services);
    const perService = (e.runtime + e.rollback) / n;
    expect(perService).toBeGreaterThan(4.3);
    expect(perService).toBeLessThan(4.7);
    const declared = services.filter((s) => s.rollback !== null).length / n;
    expect(declared).toBeGreaterThan(0.65);
    expect(declared).toBeLessThan(0.75);
  });

  it("uses the shared platform: anyOf DNS, soft metrics, deploy-pipeline rollbacks, filled fields", () => {
    const text = files.map((f) => f.text).join("\n");
    expect(text).toContain("  - anyOf: [dns-primary, dns-secondary]\n");
    expect(text).toContain("  - service: metrics\n    soft: true\n");
    expect(text).toContain("rollback:\n  - deploy-pipeline\n");
    expect(lists).toBeGreaterThan(0);
    const unfilled = services.filter(
      (s) =>
        typeof s.doc.owner !== "string" ||
        typeof s.doc.system !== "string" ||
        typeof s.doc.description !== "string" ||
        ![0, 1, 2, 3].includes(s.doc.tier as number),
    );
    expect(unfilled).toEqual([]);
    expect(services.some((s) => /^[a-z0-9-]+\/[a-z]+-[a-z]+-\d{5}$/.test(s.name))).toBe(true);
    expect(files.some((f) => /^org-\d+\/team-\d+\/services-\d{4}\.yaml$/.test(f.path))).toBe(true);
  });

  it("plants round(n / 10,000) runtime cycles of 2–5 members and as many catch-22s, and no others", () => {
    const found = cycles(services);
    expect(found.length).toBe(3);
    for (const c of found) {
      expect(c.length).toBeGreaterThanOrEqual(2);
      expect(c.length).toBeLessThanOrEqual(5);
    }
    expect(catch22s(services).length).toBe(3);
  });

  it("plants at least one of each in a small estate", () => {
    const small = parse(generateEstate({ services: 500, seed: 5 })).services;
    expect(cycles(small).length).toBe(1);
    expect(catch22s(small).length).toBe(1);
  });
});

describe("synthetic shapes", () => {
  const n = 3000;
  const load = (shape: Shape) => parse(generateEstate({ services: n, seed: 2, shape })).services;

  it("star: every service needs the hub; every rollback needs deploy-pipeline, which needs the hub", () => {
    const s = load("star");
    const hub = "star/hub";
    for (const x of s) {
      if (x.name !== hub) expect(x.runtime.map((r) => r.names)).toEqual([[hub]]);
      if (x.name !== "deploy-pipeline") expect(x.rollback?.map((r) => r.names)).toEqual([["deploy-pipeline"]]);
    }
    expect(cycles(s)).toEqual([]);
    expect(catch22s(s)).toEqual([hub]);
  });

  it("chain: one chain as long as the estate, no findings", () => {
    const s = load("chain");
    const byName = new Map(s.map((x) => [x.name, x]));
    let cur = s.find((x) => x.name.endsWith("-00000")) as Svc;
    let length = 1;
    while (cur.runtime.length > 0) {
      cur = byName.get((cur.runtime[0] as Req).names[0] as string) as Svc;
      length++;
    }
    expect(length).toBe(n);
    expect(cycles(s)).toEqual([]);
    expect(catch22s(s)).toEqual([]);
  });

  it("cycle: one cycle of all but deploy-pipeline, no catch-22", () => {
    const s = load("cycle");
    const found = cycles(s);
    expect(found.length).toBe(1);
    expect(found[0]?.length).toBe(n - 1);
    expect(catch22s(s)).toEqual([]);
  });

  it("distinct-rollback: every rollback target is distinct and declared; planted findings still there", () => {
    const big = parse(generateEstate({ services: 20001, seed: 4, shape: "distinct-rollback" })).services;
    const targets = big.flatMap((x) => (x.rollback ?? []).flatMap((r) => r.names));
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets.length).toBe(10000);
    expect(targets.every((t) => /^deployer-\d{5}$/.test(t))).toBe(true);
    expect(big.filter((x) => x.rollback === null)).toEqual([]);
    expect(cycles(big).length).toBe(2);
    expect(catch22s(big).length).toBe(2);
  });
});
