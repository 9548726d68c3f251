// The product services of the realistic shapes: teams, layers, requirements, planted cycles and catch-22 pairs.
import type { AnyOf, Dep, Group, Svc } from "../model.js";
import { COMPONENTS, KINDS, numberWidth, pad, ROLLBACK_NOTES, SOFT_NOTES, SYSTEMS } from "../names.js";
import { int, pick, type Rng, weighted } from "../random.js";
import { DNS, DNS_NOTE, LOGGING_SOFT, METRICS_SOFT } from "./platform.js";

const PRODUCT_DEPS_CUM = [0.5, 0.78, 0.9, 0.96, 1]; // 1..5 product dependencies: mean 1.86
const TIER_CUM = [0.2, 0.6, 1]; // tiers 1..3

/** A product requirement by index (two indices: an `anyOf`), so that planting can edit it before names exist. */
type ProductDep = number | [number, number];

export interface Products {
  /** Services in the whole estate: the number of planted findings grows with it. */
  n: number;
  count: number;
  layers: number;
  teams: number;
  services: Svc[];
  teamMembers: number[][];
  /** Per product, its product requirements, then (parallel) whether each is soft. Read by `resolveRequirements`. */
  deps: ProductDep[][];
  soft: Uint8Array[];
  /** Planted pairs [x, y]: y hard-needs x, and the shape makes x's rollback need y. */
  catch22s: [number, number][];
}

/**
 * `count` products in layers (each needs 1–5 products of lower layers, half the time of its own team, plus some
 * platform services), with max(1, round(n / 10,000)) planted runtime cycles and as many catch-22 pairs.
 * `drawRollback` gives each product's rollback requirements (null: no `rollback` key).
 */
export function layeredProducts(rng: Rng, n: number, count: number, drawRollback: (rng: Rng) => Dep[] | null): Products {
  const p = drawProducts(rng, n, count, drawRollback);
  const planted = Math.max(1, Math.round(n / 10000));
  const used = plantCycles(rng, p, planted);
  plantCatch22Pairs(rng, p, planted, used);
  resolveRequirements(rng, p);
  return p;
}

/** The realistic rollback: ~70% of products have one, most through the deploy pipeline. */
export function drawPipelineRollback(rng: Rng): Dep[] | null {
  if (rng() >= 0.7) return null;
  const r = rng();
  if (r < 0.05) return [];
  if (r < 0.4) return ["deploy-pipeline"];
  if (r < 0.85) return ["deploy-pipeline", "config-store"];
  if (r < 0.95) return ["deploy-pipeline", "config-store", "secrets"];
  return ["artifact-registry", "deploy-pipeline"];
}

/** The note on a planted catch-22's rollback requirement on `service`. */
export const rollbackNote = (rng: Rng, service: string): string => `${pick(rng, ROLLBACK_NOTES)} ${service}`;

function drawProducts(rng: Rng, n: number, count: number, drawRollback: (rng: Rng) => Dep[] | null): Products {
  const teams = Math.max(1, Math.round(count / 100));
  const width = numberWidth(count);
  const layers = Math.max(2, Math.min(8, Math.floor(count / 20)));
  const teamMembers: number[][] = Array.from({ length: teams }, () => []);
  const p: Products = {
    n,
    count,
    layers,
    teams,
    services: new Array(count),
    teamMembers,
    deps: new Array(count),
    soft: new Array(count),
    catch22s: [],
  };
  // a product picks from its team's members in lower layers, as they stood when its layer began
  const teamSnap = new Int32Array(teams);
  let lower = 0; // products with index < lower are in lower layers
  let layer = 0;
  for (let i = 0; i < count; i++) {
    const l = Math.floor((i * layers) / count);
    if (l !== layer) {
      layer = l;
      lower = i;
      for (let t = 0; t < teams; t++) teamSnap[t] = (teamMembers[t] as number[]).length;
    }
    const team = int(rng, teams);
    const system =
      teams <= SYSTEMS.length ? (SYSTEMS[team] as string) : `${SYSTEMS[team % SYSTEMS.length]}-${Math.floor(team / SYSTEMS.length)}`;
    const name = `${system}/${pick(rng, COMPONENTS)}-${pick(rng, KINDS)}-${pad(i, width)}`;
    const tier = 1 + weighted(rng, TIER_CUM);
    const runtime = drawPlatformNeeds(rng);
    const pickLower = (): number => {
      const snap = teamSnap[team] as number;
      if (snap > 0 && rng() < 0.5) return (teamMembers[team] as number[])[int(rng, snap)] as number;
      return int(rng, lower);
    };
    const { deps, soft } = drawProductNeeds(rng, lower, pickLower);
    p.deps[i] = deps;
    p.soft[i] = Uint8Array.from(soft);
    if (rng() < 0.25) runtime.push(METRICS_SOFT);
    if (rng() < 0.08) runtime.push(LOGGING_SOFT);
    const rollback = drawRollback(rng);
    p.services[i] = { name, owner: `team-${team}`, system, tier, description: `Generated service ${i}`, runtime, rollback };
    (teamMembers[team] as number[]).push(i);
  }
  return p;
}

/** The platform services a product hard-needs (its soft platform needs are drawn after its product needs). */
function drawPlatformNeeds(rng: Rng): Dep[] {
  const runtime: Dep[] = [];
  if (rng() < 0.3) runtime.push(rng() < 0.1 ? DNS_NOTE : DNS);
  if (rng() < 0.25) runtime.push("iam");
  if (rng() < 0.2) runtime.push("config-store");
  if (rng() < 0.1) runtime.push("secrets");
  if (rng() < 0.05) runtime.push("message-bus");
  if (rng() < 0.05) runtime.push("object-storage");
  if (rng() < 0.06) runtime.push("service-mesh");
  if (rng() < 0.04) runtime.push("feature-flags");
  return runtime;
}

/** 1–5 distinct products of lower layers (5% of them an `anyOf` of two, 8% soft); none in the first layer. */
function drawProductNeeds(rng: Rng, lower: number, pickLower: () => number): { deps: ProductDep[]; soft: number[] } {
  const deps: ProductDep[] = [];
  const soft: number[] = [];
  if (lower === 0) return { deps, soft };
  const k = Math.min(1 + weighted(rng, PRODUCT_DEPS_CUM), lower);
  const seen = new Set<number>();
  for (let tries = 0; deps.length < k && tries < 4 * k; tries++) {
    const j = pickLower();
    if (seen.has(j)) continue;
    if (rng() < 0.05 && lower > 1) {
      const j2 = pickLower();
      if (j2 === j || seen.has(j2)) continue;
      seen.add(j);
      seen.add(j2);
      deps.push([j, j2]);
    } else {
      seen.add(j);
      deps.push(j);
    }
    soft.push(rng() < 0.08 ? 1 : 0);
  }
  return { deps, soft };
}

/**
 * Runtime cycles of 2–5 dedicated members whose only product requirements are the cycle edges, so that each
 * strongly connected component is exactly the planted members. Returns the members, which planting avoids after.
 */
function plantCycles(rng: Rng, p: Products, planted: number): Set<number> {
  const used = new Set<number>();
  for (let c = 0; c < planted; c++) {
    const size = 2 + int(rng, 4);
    const members: number[] = [];
    while (members.length < size) {
      const j = int(rng, p.count);
      if (!used.has(j)) {
        used.add(j);
        members.push(j);
      }
    }
    members.sort((a, b) => a - b);
    for (let m = 0; m < size; m++) {
      p.deps[members[m] as number] = [members[(m + 1) % size] as number];
      p.soft[members[m] as number] = Uint8Array.of(0);
    }
  }
  return used;
}

/** Pairs (x, y) with x in a lower layer than y, and y made to hard-need x; the shape then makes x's rollback need y. */
function plantCatch22Pairs(rng: Rng, p: Products, planted: number, used: Set<number>): void {
  const { count, layers } = p;
  const firstUpper = Math.ceil(count / layers); // first index of layer 1
  for (let c = 0; c < planted; c++) {
    let x = -1;
    let y = -1;
    for (;;) {
      y = firstUpper + int(rng, count - firstUpper);
      const yLower = Math.ceil((Math.floor((y * layers) / count) * count) / layers);
      x = int(rng, yLower);
      if (!used.has(x) && !used.has(y) && x !== y) break;
    }
    used.add(x);
    used.add(y);
    const old = p.deps[y] as ProductDep[];
    const keep = (d: ProductDep | undefined): boolean => d !== x && !(Array.isArray(d) && d.includes(x));
    const deps = old.filter(keep);
    const soft = Array.from(p.soft[y] as Uint8Array).filter((_, k) => keep(old[k]));
    deps.push(x);
    soft.push(0);
    p.deps[y] = deps;
    p.soft[y] = Uint8Array.from(soft);
    p.catch22s.push([x, y]);
  }
}

/** Writes the product requirements by name: platform hard ones first, then products, then soft ones. */
function resolveRequirements(rng: Rng, p: Products): void {
  const name = (i: number): string => (p.services[i] as Svc).name;
  for (let i = 0; i < p.count; i++) {
    const svc = p.services[i] as Svc;
    const deps = p.deps[i] as ProductDep[];
    const soft = p.soft[i] as Uint8Array;
    const hard: Dep[] = [];
    const softs: Dep[] = [];
    for (let k = 0; k < deps.length; k++) {
      const d = deps[k] as ProductDep;
      const isSoft = soft[k] === 1;
      let dep: Dep;
      if (Array.isArray(d)) {
        const any: AnyOf = { anyOf: [name(d[0]), name(d[1])] };
        if (isSoft) any.soft = true;
        else if (rng() < 0.3) any.note = "either replica will do";
        dep = any;
      } else if (isSoft) {
        dep = { service: name(d), soft: true, note: pick(rng, SOFT_NOTES) };
      } else dep = name(d);
      (isSoft ? softs : hard).push(dep);
    }
    // the platform soft ones are already last
    const platHard = svc.runtime.filter((d) => typeof d === "string" || !d.soft);
    const platSoft = svc.runtime.filter((d) => typeof d !== "string" && d.soft === true);
    svc.runtime = [...platHard, ...hard, ...softs, ...platSoft];
  }
}

/** One folder per team (teams with no product are skipped); `extra(i)` is written right after product i. */
export function teamGroups(p: Products, extra: (i: number) => Svc | null): Group[] {
  const groups: Group[] = [];
  for (let t = 0; t < p.teams; t++) {
    const svcs: Svc[] = [];
    for (const i of p.teamMembers[t] as number[]) {
      svcs.push(p.services[i] as Svc);
      const dep = extra(i);
      if (dep) svcs.push(dep);
    }
    if (svcs.length === 0) continue;
    groups.push({
      dir: `org-${Math.floor(t / 10)}/team-${t}`,
      stem: "services",
      services: svcs,
      lists: 0.05,
    });
  }
  return groups;
}
