// The distinct-rollback shape: the realistic runtime graph, but every service rolls back through its own deployer.
import type { Dep, Group, Svc } from "../model.js";
import { numberWidth, pad } from "../names.js";
import { pick, type Rng } from "../random.js";
import { DNS, METRICS_SOFT, PLATFORM_SIZE, platform, platformGroup } from "./platform.js";
import { layeredProducts, type Products, rollbackNote, teamGroups } from "./products.js";
import { defineShape } from "./shape.js";

/** What a product's deployer may need besides DNS, IAM and the registry. */
const DEPLOYER_EXTRAS: Dep[] = ["secrets", "config-store", "object-storage"];

function deployer(name: string, of: Svc, runtime: Dep[]): Svc {
  return { name, owner: of.owner, system: "deploy", tier: of.tier, description: `Deployer for ${of.name}`, runtime, rollback: [] };
}

function distinctRollback(n: number, rng: Rng): Group[] {
  const plat = platform();
  // half of what the platform and its deployers leave are products, the other half their deployers
  const spare = n - 2 * PLATFORM_SIZE;
  const count = Math.floor(spare / 2) + (spare % 2);
  const p = layeredProducts(rng, n, count, () => []);
  const name = numberedNames(PLATFORM_SIZE + count);
  // platform deployers need only the resolvers: nothing that a single platform failure takes down
  const platDeployers = plat.map((s) => {
    const d = name();
    s.rollback = [d];
    return deployer(d, s, [DNS]);
  });
  // when n is odd, the last product has no deployer, so that the estate has exactly n services
  const deployers = productDeployers(rng, p, name, (i) => spare % 2 === 0 || i < count - 1);
  // the planted catch-22s go through the deployer: x ⇒ deployer-x → y → x
  for (const [x, y] of p.catch22s) {
    const yn = (p.services[y] as Svc).name;
    (deployers[x] as Svc).runtime.push({ service: yn, note: rollbackNote(rng, yn) });
  }
  const platServices = plat.flatMap((s, k) => [s, platDeployers[k] as Svc]);
  return [platformGroup(platServices), ...teamGroups(p, (i) => deployers[i] ?? null)];
}

/** `deployer-00000`, `deployer-00001`, …: one call, the next name. */
function numberedNames(count: number): () => string {
  const width = numberWidth(count);
  let d = 0;
  return () => `deployer-${pad(d++, width)}`;
}

function productDeployers(rng: Rng, p: Products, name: () => string, hasDeployer: (i: number) => boolean): (Svc | null)[] {
  const deployers: (Svc | null)[] = new Array(p.count).fill(null);
  for (let i = 0; i < p.count; i++) {
    const s = p.services[i] as Svc;
    if (!hasDeployer(i)) {
      s.rollback = [];
      continue;
    }
    const d = name();
    s.rollback = [d];
    const runtime: Dep[] = [DNS, "iam", "artifact-registry"];
    if (rng() < 0.5) runtime.push(pick(rng, DEPLOYER_EXTRAS));
    if (rng() < 0.3) runtime.push(METRICS_SOFT);
    deployers[i] = deployer(d, s, runtime);
  }
  return deployers;
}

export const distinctRollbackShape = defineShape({
  id: "distinct-rollback",
  description:
    "the realistic runtime graph, but every service's rollback needs its own `deployer-<i>` (declared, needing a few " +
    "platform services, `rollback: []`), so no two services share a rollback target. The planted catch-22s go " +
    "through the deployer (X ⇒ deployer-X → Y → X).",
  minServices: 80,
  generate: distinctRollback,
});
