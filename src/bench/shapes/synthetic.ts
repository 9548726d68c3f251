// What the synthetic shapes (star, chain, cycle) share: filler fields, the deploy pipeline, folders of 1,000.
import type { Group, Svc } from "../model.js";
import { pad } from "../names.js";
import { int, type Rng } from "../random.js";

/** The fields that carry no structure; drawn per service, so they cost the same random numbers in every shape. */
export function filler(rng: Rng, i: number, system: string): Pick<Svc, "owner" | "system" | "tier" | "description"> {
  return {
    owner: `team-${int(rng, 100)}`,
    system,
    tier: 1 + int(rng, 3),
    description: `Generated service ${i}`,
  };
}

/** `deploy-pipeline`, which needs nothing and has `rollback: []`: every node's rollback can always run. */
export function standalonePipeline(system: string): Svc {
  return {
    name: "deploy-pipeline",
    owner: "platform-team",
    system,
    tier: 0,
    description: "Deployment pipeline",
    runtime: [],
    rollback: [],
  };
}

/** Splits `services` into folders of at most 1,000 services each. */
export function chunkGroups(shape: string, services: Svc[]): Group[] {
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
