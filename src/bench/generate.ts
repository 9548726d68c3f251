// Seeded, deterministic generator of synthetic estates (YAML manifest files) for benchmarks and scale tests.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * - `realistic`: shared platform services, then product services in layers (each needs 1–5 services of lower
 *   layers plus some platform services), ~70% with a `rollback`, about 4.5 edges per service. Planted:
 *   max(1, round(services / 10,000)) runtime cycles of 2–5 members and as many catch-22s (a service whose
 *   rollback needs a service that hard-depends on it). Nothing else is a cycle or a catch-22.
 * - `star`: `star/hub` is needed by every other service; every rollback needs `deploy-pipeline`, which needs the
 *   hub. The hub's own rollback is therefore the one catch-22; `deploy-pipeline` has `rollback: []`.
 * - `chain`: `chain/node-i` needs `chain/node-(i+1)`; the last node needs `deploy-pipeline` (which needs nothing),
 *   so the chain is `services` long. Every node's rollback needs `deploy-pipeline`. No findings.
 * - `cycle`: `services - 1` nodes in one cycle (node i needs node (i+1) mod (services-1)), plus `deploy-pipeline`
 *   (needs nothing, `rollback: []`) that every node's rollback needs. One runtime-cycle finding.
 * - `distinct-rollback`: the realistic runtime graph, but every service's rollback needs its own `deployer-<i>`
 *   (declared, needing a few platform services, `rollback: []`), so no two services share a rollback target.
 *   The planted catch-22s go through the deployer (X ⇒ deployer-X → Y → X).
 */
export type Shape = "realistic" | "star" | "chain" | "cycle" | "distinct-rollback";

export interface GenerateOptions {
  /** Exact number of services declared in the estate. */
  services: number;
  seed: number;
  shape?: Shape;
  /** Documents (or ServiceList items) per file; default 50. */
  docsPerFile?: number;
}

export interface GeneratedFile {
  /** Relative posix path, e.g. "org-3/team-12/services-0007.yaml". */
  path: string;
  text: string;
}

export const SHAPES: readonly Shape[] = ["realistic", "star", "chain", "cycle", "distinct-rollback"];

/** Smallest `services` each shape accepts. */
export const MIN_SERVICES: Readonly<Record<Shape, number>> = {
  realistic: 40,
  star: 2,
  chain: 2,
  cycle: 2,
  "distinct-rollback": 80,
};

// ---------------------------------------------------------------------------------------------------------------
// Model

interface SvcRef {
  service: string;
  soft?: boolean;
  note?: string;
}
interface AnyOf {
  anyOf: string[];
  soft?: boolean;
  note?: string;
}
type Dep = string | SvcRef | AnyOf;

interface Svc {
  name: string;
  owner: string;
  system: string;
  tier: number;
  description: string;
  runtime: Dep[];
  /** null: no `rollback` key. */
  rollback: Dep[] | null;
}

/** A group of services written together: one folder, chunked into files of `docsPerFile`. */
interface Group {
  dir: string;
  stem: string;
  services: Svc[];
  /** Probability that a chunk is written as one ServiceList document; the first group with lists > 0 gets one. */
  lists: number;
}

type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence everywhere. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedRng(seed: number): Rng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mulberry32(lo ^ Math.imul(hi ^ 0x5bd1e995, 0x85ebca6b));
}

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)] as T;
const pad = (n: number, width: number): string => String(n).padStart(width, "0");

// ---------------------------------------------------------------------------------------------------------------
// Entry point

export function generateEstate(opts: GenerateOptions): GeneratedFile[] {
  const shape: Shape = opts.shape ?? "realistic";
  if (!SHAPES.includes(shape)) throw new RangeError(`unknown shape "${String(shape)}" (expected ${SHAPES.join(", ")})`);
  const n = opts.services;
  if (!Number.isSafeInteger(n) || n < MIN_SERVICES[shape]) {
    throw new RangeError(`services must be an integer >= ${MIN_SERVICES[shape]} for shape ${shape}, got ${n}`);
  }
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const docsPerFile = opts.docsPerFile ?? 50;
  if (!Number.isSafeInteger(docsPerFile) || docsPerFile < 1) {
    throw new RangeError(`docsPerFile must be a positive integer, got ${docsPerFile}`);
  }
  const rng = seedRng(opts.seed);
  let groups: Group[];
  switch (shape) {
    case "realistic":
      groups = realistic(n, rng, false);
      break;
    case "distinct-rollback":
      groups = realistic(n, rng, true);
      break;
    case "star":
      groups = star(n, rng);
      break;
    case "chain":
      groups = chain(n, rng);
      break;
    case "cycle":
      groups = cycle(n, rng);
      break;
  }
  return emitGroups(groups, docsPerFile, rng);
}

/** Writes the files under `dir` (created as needed). */
export async function writeEstate(dir: string, files: GeneratedFile[]): Promise<void> {
  const dirs = new Set<string>();
  for (const f of files) dirs.add(dirname(join(dir, ...f.path.split("/"))));
  for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
  const width = 32;
  for (let i = 0; i < files.length; i += width) {
    await Promise.all(files.slice(i, i + width).map((f) => writeFile(join(dir, ...f.path.split("/")), f.text)));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Realistic (and distinct-rollback)

const DNS: AnyOf = { anyOf: ["dns-primary", "dns-secondary"] };
const DNS_NOTE: AnyOf = {
  anyOf: ["dns-primary", "dns-secondary"],
  note: "resolver failover",
};
const METRICS_SOFT: SvcRef = { service: "metrics", soft: true };
const LOGGING_SOFT: SvcRef = {
  service: "logging",
  soft: true,
  note: "best-effort log shipping",
};
const BREAK_GLASS = "bootstrap-console";

/** The shared platform, in dependency order: each needs only services above it, so it holds no cycle. */
function platform(): Svc[] {
  const p = (name: string, system: string, tier: number, description: string, runtime: Dep[], rollback: Dep[]): Svc => ({
    name,
    owner: system === "network" ? "network-team" : "platform-team",
    system,
    tier,
    description,
    runtime,
    rollback,
  });
  return [
    p(BREAK_GLASS, "platform", 0, "Break-glass console for manual recovery", [], []),
    p("dns-primary", "network", 0, "Primary DNS resolver", [], [BREAK_GLASS]),
    p("dns-secondary", "network", 0, "Secondary DNS resolver", [], [BREAK_GLASS]),
    p("kms", "platform", 0, "Key management service", [DNS], [BREAK_GLASS]),
    p("metrics", "platform", 1, "Metrics pipeline", [DNS], ["deploy-pipeline"]),
    p("logging", "platform", 1, "Log aggregation", [DNS, METRICS_SOFT], ["deploy-pipeline"]),
    p("iam", "platform", 0, "Identity and access management", [DNS_NOTE, "kms", METRICS_SOFT], [BREAK_GLASS]),
    p("secrets", "platform", 0, "Secret store", ["kms", "iam"], [BREAK_GLASS]),
    p("config-store", "platform", 0, "Configuration store", [DNS, "iam"], [BREAK_GLASS]),
    p("object-storage", "platform", 1, "Object storage", [DNS, "iam", "kms"], [BREAK_GLASS]),
    p("artifact-registry", "platform", 1, "Container and package registry", ["iam", "object-storage"], [BREAK_GLASS]),
    p(
      "deploy-pipeline",
      "platform",
      0,
      "Deployment and rollback pipeline",
      ["iam", "artifact-registry", "config-store", "secrets", LOGGING_SOFT],
      [{ service: BREAK_GLASS, note: "the pipeline is redeployed by hand" }],
    ),
    p("message-bus", "platform", 1, "Shared message bus", [DNS, "iam", "config-store"], ["deploy-pipeline", "config-store"]),
    p("service-mesh", "network", 1, "Service mesh control plane", [DNS, "config-store", "iam"], ["deploy-pipeline", "config-store"]),
    p("feature-flags", "platform", 1, "Feature flag service", ["config-store", "iam", METRICS_SOFT], ["deploy-pipeline"]),
  ];
}
const PLATFORM_SIZE = 15;

const SYSTEMS = [
  "payments",
  "checkout",
  "search",
  "catalog",
  "inventory",
  "shipping",
  "identity",
  "billing",
  "orders",
  "pricing",
  "reviews",
  "recommendations",
  "notifications",
  "messaging",
  "analytics",
  "reporting",
  "fraud",
  "loyalty",
  "support",
  "media",
  "maps",
  "ads",
  "accounts",
  "ledger",
  "onboarding",
  "compliance",
  "tax",
  "returns",
  "cart",
  "warehouse",
  "fleet",
  "dispatch",
  "booking",
  "calendar",
  "chat",
  "video",
  "storage-ui",
  "partners",
  "marketplace",
  "subscriptions",
];
const COMPONENTS = [
  "checkout",
  "cart",
  "profile",
  "session",
  "ledger",
  "invoice",
  "quote",
  "rating",
  "index",
  "feed",
  "stock",
  "label",
  "route",
  "token",
  "audit",
  "export",
  "import",
  "sync",
  "render",
  "upload",
  "thumbnail",
  "webhook",
  "gateway",
  "search",
  "match",
  "score",
  "alert",
  "digest",
  "payout",
  "refund",
  "order",
  "item",
  "price",
  "tax",
];
const KINDS = ["api", "worker", "db", "cache", "gateway", "queue", "web", "scheduler", "indexer", "store"];
const SOFT_NOTES = ["best-effort", "degrades to cached data", "optional enrichment", "async, retried later"];

/** Index of the first weight bucket that r falls into. */
function weighted(rng: Rng, cumulative: readonly number[]): number {
  const r = rng();
  for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] as number)) return i;
  return cumulative.length - 1;
}
const PRODUCT_DEPS_CUM = [0.5, 0.78, 0.9, 0.96, 1]; // 1..5 product dependencies: mean 1.86
const TIER_CUM = [0.2, 0.6, 1]; // tiers 1..3

function realistic(n: number, rng: Rng, distinct: boolean): Group[] {
  const plat = platform();
  const pcount = distinct ? Math.floor((n - 2 * PLATFORM_SIZE) / 2) + ((n - 2 * PLATFORM_SIZE) % 2) : n - PLATFORM_SIZE;
  // distinct: the last product has no deployer when n is odd
  const withDeployer = (i: number): boolean => !distinct || (n - 2 * PLATFORM_SIZE) % 2 === 0 || i < pcount - 1;

  const teams = Math.max(1, Math.round(pcount / 100));
  const width = Math.max(5, String(pcount).length);
  const layers = Math.max(2, Math.min(8, Math.floor(pcount / 20)));

  const products: Svc[] = new Array(pcount);
  const teamOf = new Int32Array(pcount);
  const teamMembers: number[][] = Array.from({ length: teams }, () => []);
  const teamSnap = new Int32Array(teams);
  let lower = 0; // products with index < lower are in lower layers
  let layer = 0;
  // product runtime deps are kept as indices until the end, so that planting can edit them
  const prodDeps: (number | [number, number])[][] = new Array(pcount);
  const prodSoft: Uint8Array[] = new Array(pcount);

  const pickLower = (team: number): number => {
    const snap = teamSnap[team] as number;
    if (snap > 0 && rng() < 0.5) return (teamMembers[team] as number[])[int(rng, snap)] as number;
    return int(rng, lower);
  };

  for (let i = 0; i < pcount; i++) {
    const l = Math.floor((i * layers) / pcount);
    if (l !== layer) {
      layer = l;
      lower = i;
      for (let t = 0; t < teams; t++) teamSnap[t] = (teamMembers[t] as number[]).length;
    }
    const team = int(rng, teams);
    teamOf[i] = team;
    const system =
      teams <= SYSTEMS.length ? (SYSTEMS[team] as string) : `${SYSTEMS[team % SYSTEMS.length]}-${Math.floor(team / SYSTEMS.length)}`;
    const name = `${system}/${pick(rng, COMPONENTS)}-${pick(rng, KINDS)}-${pad(i, width)}`;
    const tier = 1 + weighted(rng, TIER_CUM);

    // platform requirements
    const runtime: Dep[] = [];
    if (rng() < 0.3) runtime.push(rng() < 0.1 ? DNS_NOTE : DNS);
    if (rng() < 0.25) runtime.push("iam");
    if (rng() < 0.2) runtime.push("config-store");
    if (rng() < 0.1) runtime.push("secrets");
    if (rng() < 0.05) runtime.push("message-bus");
    if (rng() < 0.05) runtime.push("object-storage");
    if (rng() < 0.06) runtime.push("service-mesh");
    if (rng() < 0.04) runtime.push("feature-flags");

    // product requirements from lower layers
    const deps: (number | [number, number])[] = [];
    const soft: number[] = [];
    if (lower > 0) {
      const k = Math.min(1 + weighted(rng, PRODUCT_DEPS_CUM), lower);
      const seen = new Set<number>();
      for (let tries = 0; deps.length < k && tries < 4 * k; tries++) {
        const j = pickLower(team);
        if (seen.has(j)) continue;
        if (rng() < 0.05 && lower > 1) {
          const j2 = pickLower(team);
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
    }
    prodDeps[i] = deps;
    prodSoft[i] = Uint8Array.from(soft);
    if (rng() < 0.25) runtime.push(METRICS_SOFT);
    if (rng() < 0.08) runtime.push(LOGGING_SOFT);

    let rollback: Dep[] | null = null;
    if (distinct || rng() < 0.7) {
      if (distinct) rollback = [];
      else {
        const r = rng();
        if (r < 0.05) rollback = [];
        else if (r < 0.4) rollback = ["deploy-pipeline"];
        else if (r < 0.85) rollback = ["deploy-pipeline", "config-store"];
        else if (r < 0.95) rollback = ["deploy-pipeline", "config-store", "secrets"];
        else rollback = ["artifact-registry", "deploy-pipeline"];
      }
    }
    products[i] = {
      name,
      owner: `team-${team}`,
      system,
      tier,
      description: `Generated service ${i}`,
      runtime,
      rollback,
    };
    (teamMembers[team] as number[]).push(i);
  }

  // planted runtime cycles: dedicated members whose only product requirements are the cycle edges,
  // so each strongly connected component is exactly the planted members
  const planted = Math.max(1, Math.round(n / 10000));
  const used = new Set<number>();
  for (let c = 0; c < planted; c++) {
    const size = 2 + int(rng, 4);
    const members: number[] = [];
    while (members.length < size) {
      const j = int(rng, pcount);
      if (!used.has(j)) {
        used.add(j);
        members.push(j);
      }
    }
    members.sort((a, b) => a - b);
    for (let m = 0; m < size; m++) {
      prodDeps[members[m] as number] = [members[(m + 1) % size] as number];
      prodSoft[members[m] as number] = Uint8Array.of(0);
    }
  }

  // planted catch-22s: X's rollback needs Y, and Y hard-needs X
  const catch22: [number, number][] = [];
  const firstUpper = Math.ceil(pcount / layers); // first index of layer 1
  for (let c = 0; c < planted; c++) {
    let x = -1;
    let y = -1;
    for (;;) {
      y = firstUpper + int(rng, pcount - firstUpper);
      const yLower = Math.ceil((Math.floor((y * layers) / pcount) * pcount) / layers);
      x = int(rng, yLower);
      if (!used.has(x) && !used.has(y) && x !== y) break;
    }
    used.add(x);
    used.add(y);
    const deps = (prodDeps[y] as (number | [number, number])[]).filter((d) => d !== x && !(Array.isArray(d) && d.includes(x)));
    const soft = Array.from(prodSoft[y] as Uint8Array).filter((_, k) => {
      const d = (prodDeps[y] as (number | [number, number])[])[k];
      return d !== x && !(Array.isArray(d) && d.includes(x));
    });
    deps.push(x);
    soft.push(0);
    prodDeps[y] = deps;
    prodSoft[y] = Uint8Array.from(soft);
    catch22.push([x, y]);
  }

  // resolve product requirements to names
  for (let i = 0; i < pcount; i++) {
    const svc = products[i] as Svc;
    const deps = prodDeps[i] as (number | [number, number])[];
    const soft = prodSoft[i] as Uint8Array;
    const hard: Dep[] = [];
    const softs: Dep[] = [];
    for (let k = 0; k < deps.length; k++) {
      const d = deps[k] as number | [number, number];
      const isSoft = soft[k] === 1;
      let dep: Dep;
      if (Array.isArray(d)) {
        const any: AnyOf = {
          anyOf: [(products[d[0]] as Svc).name, (products[d[1]] as Svc).name],
        };
        if (isSoft) any.soft = true;
        else if (rng() < 0.3) any.note = "either replica will do";
        dep = any;
      } else if (isSoft) {
        dep = {
          service: (products[d] as Svc).name,
          soft: true,
          note: pick(rng, SOFT_NOTES),
        };
      } else dep = (products[d] as Svc).name;
      (isSoft ? softs : hard).push(dep);
    }
    // platform hard requirements first, then products, then soft ones (platform soft ones are already last)
    const platHard = svc.runtime.filter((d) => typeof d === "string" || !d.soft);
    const platSoft = svc.runtime.filter((d) => typeof d !== "string" && d.soft === true);
    svc.runtime = [...platHard, ...hard, ...softs, ...platSoft];
  }

  const notes = ["schema migrations run through", "the rollback job is scheduled by", "config is pushed back via"];
  const deployers: (Svc | null)[] = new Array(pcount).fill(null);
  const platDeployers: Svc[] = [];
  if (distinct) {
    const dwidth = Math.max(5, String(PLATFORM_SIZE + pcount).length);
    let d = 0;
    // platform deployers need only the resolvers: nothing that a single platform failure takes down
    for (const s of plat) {
      const dname = `deployer-${pad(d++, dwidth)}`;
      s.rollback = [dname];
      platDeployers.push({
        name: dname,
        owner: s.owner,
        system: "deploy",
        tier: s.tier,
        description: `Deployer for ${s.name}`,
        runtime: [DNS],
        rollback: [],
      });
    }
    const menu: Dep[] = ["iam", "artifact-registry", "secrets", "config-store", "object-storage"];
    for (let i = 0; i < pcount; i++) {
      const s = products[i] as Svc;
      if (!withDeployer(i)) {
        s.rollback = [];
        continue;
      }
      const dname = `deployer-${pad(d++, dwidth)}`;
      s.rollback = [dname];
      const runtime: Dep[] = [DNS, "iam", "artifact-registry"];
      if (rng() < 0.5) runtime.push(pick(rng, menu.slice(2)));
      if (rng() < 0.3) runtime.push(METRICS_SOFT);
      deployers[i] = {
        name: dname,
        owner: s.owner,
        system: "deploy",
        tier: s.tier,
        description: `Deployer for ${s.name}`,
        runtime,
        rollback: [],
      };
    }
    for (const [x, y] of catch22) {
      const dep = deployers[x] as Svc;
      dep.runtime.push({
        service: (products[y] as Svc).name,
        note: `${pick(rng, notes)} ${(products[y] as Svc).name}`,
      });
    }
  } else {
    for (const [x, y] of catch22) {
      const yn = (products[y] as Svc).name;
      (products[x] as Svc).rollback = ["deploy-pipeline", { service: yn, note: `${pick(rng, notes)} ${yn}` }];
    }
  }
  // groups: platform first, then one folder per team
  const groups: Group[] = [];
  const platServices: Svc[] = [];
  for (let k = 0; k < plat.length; k++) {
    platServices.push(plat[k] as Svc);
    if (distinct) platServices.push(platDeployers[k] as Svc);
  }
  groups.push({
    dir: "platform/core",
    stem: "platform",
    services: platServices,
    lists: 0,
  });
  for (let t = 0; t < teams; t++) {
    const svcs: Svc[] = [];
    for (const i of teamMembers[t] as number[]) {
      svcs.push(products[i] as Svc);
      const dep = deployers[i];
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

// ---------------------------------------------------------------------------------------------------------------
// Synthetic shapes

function filler(rng: Rng, i: number, system: string): Pick<Svc, "owner" | "system" | "tier" | "description"> {
  return {
    owner: `team-${int(rng, 100)}`,
    system,
    tier: 1 + int(rng, 3),
    description: `Generated service ${i}`,
  };
}

/** Splits `services` into folders of at most 1,000 services each. */
function chunkGroups(shape: string, services: Svc[]): Group[] {
  const groups: Group[] = [];
  for (let i = 0, part = 0; i < services.length; i += 1000, part++) {
    groups.push({
      dir: `${shape}/part-${pad(part, 3)}`,
      stem: "services",
      services: services.slice(i, i + 1000),
      lists: 0.05,
    });
  }
  return groups;
}

function star(n: number, rng: Rng): Group[] {
  const width = Math.max(5, String(n).length);
  const hub = "star/hub";
  const out: Svc[] = [
    {
      name: hub,
      owner: "platform-team",
      system: "star",
      tier: 0,
      description: "The hub every service needs",
      runtime: [],
      rollback: ["deploy-pipeline"],
    },
    {
      name: "deploy-pipeline",
      owner: "platform-team",
      system: "star",
      tier: 0,
      description: "Deployment pipeline",
      runtime: [hub],
      rollback: [],
    },
  ];
  for (let i = 1; i <= n - 2; i++) {
    out.push({
      name: `star/leaf-${pad(i, width)}`,
      ...filler(rng, i, "star"),
      runtime: [hub],
      rollback: ["deploy-pipeline"],
    });
  }
  return chunkGroups("star", out);
}

function chain(n: number, rng: Rng): Group[] {
  const width = Math.max(5, String(n).length);
  const out: Svc[] = [];
  const node = (i: number): string => `chain/node-${pad(i, width)}`;
  for (let i = 0; i < n - 1; i++) {
    out.push({
      name: node(i),
      ...filler(rng, i, "chain"),
      runtime: [i + 1 < n - 1 ? node(i + 1) : "deploy-pipeline"],
      rollback: ["deploy-pipeline"],
    });
  }
  out.push({
    name: "deploy-pipeline",
    owner: "platform-team",
    system: "chain",
    tier: 0,
    description: "Deployment pipeline",
    runtime: [],
    rollback: [],
  });
  return chunkGroups("chain", out);
}

function cycle(n: number, rng: Rng): Group[] {
  const width = Math.max(5, String(n).length);
  const m = n - 1;
  const out: Svc[] = [];
  const node = (i: number): string => `cycle/node-${pad(i, width)}`;
  for (let i = 0; i < m; i++) {
    out.push({
      name: node(i),
      ...filler(rng, i, "cycle"),
      runtime: [node((i + 1) % m)],
      rollback: ["deploy-pipeline"],
    });
  }
  out.push({
    name: "deploy-pipeline",
    owner: "platform-team",
    system: "cycle",
    tier: 0,
    description: "Deployment pipeline",
    runtime: [],
    rollback: [],
  });
  return chunkGroups("cycle", out);
}

// ---------------------------------------------------------------------------------------------------------------
// YAML emission (block style, by string building)

function emitDeps(key: string, deps: Dep[], ind: string): string {
  if (deps.length === 0) return `${ind}${key}: []\n`;
  let out = `${ind}${key}:\n`;
  for (const d of deps) {
    if (typeof d === "string") {
      out += `${ind}  - ${d}\n`;
      continue;
    }
    out += "anyOf" in d ? `${ind}  - anyOf: [${d.anyOf.join(", ")}]\n` : `${ind}  - service: ${d.service}\n`;
    if (d.soft) out += `${ind}    soft: true\n`;
    if (d.note !== undefined) out += `${ind}    note: ${d.note}\n`;
  }
  return out;
}

/** The service's keys, one per line; the first line gets `first` as its prefix, the others `ind`. */
function emitService(s: Svc, first: string, ind: string): string {
  let out =
    `${first}name: ${s.name}\n${ind}owner: ${s.owner}\n${ind}system: ${s.system}\n` +
    `${ind}tier: ${s.tier}\n${ind}description: ${s.description}\n`;
  if (s.runtime.length > 0) out += emitDeps("runtime", s.runtime, ind);
  if (s.rollback !== null) out += emitDeps("rollback", s.rollback, ind);
  return out;
}

function emitGroups(groups: Group[], docsPerFile: number, rng: Rng): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  let listWritten = false;
  for (const g of groups) {
    const chunks = Math.ceil(g.services.length / docsPerFile);
    for (let c = 0; c < chunks; c++) {
      const svcs = g.services.slice(c * docsPerFile, (c + 1) * docsPerFile);
      let text = "";
      const asList = g.lists > 0 && (rng() < g.lists || (!listWritten && c === chunks - 1));
      if (asList) {
        listWritten = true;
        text = "apiVersion: catch22/v1\nkind: ServiceList\nservices:\n";
        for (const s of svcs) text += emitService(s, "  - ", "    ");
      } else {
        for (let k = 0; k < svcs.length; k++) {
          text += k > 0 ? "---\napiVersion: catch22/v1\nkind: Service\n" : "apiVersion: catch22/v1\nkind: Service\n";
          text += emitService(svcs[k] as Svc, "", "");
        }
      }
      files.push({
        path: `${g.dir}/${g.stem}-${pad(c, 4)}.yaml`,
        text,
      });
    }
  }
  return files;
}
