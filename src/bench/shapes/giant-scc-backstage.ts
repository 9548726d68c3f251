// The giant-scc shape written as a Backstage catalog: `dependsOn` for the runtime, the `catch22.dev/rollback` annotation.
import type { GeneratedFile, Group, Svc } from "../model.js";
import { pad } from "../names.js";
import { giantScc } from "./giant-scc.js";
import { defineShape } from "./shape.js";
import { chunkGroups } from "./synthetic.js";

function component(s: Svc): string {
  const deps = s.runtime.map((d) => `    - component:${d as string}\n`).join("");
  return (
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${s.name}\n  description: ${s.description}\n` +
    `  annotations:\n    catch22.dev/rollback: "${(s.rollback ?? []).join(", ")}"\n` +
    `spec:\n  type: service\n  lifecycle: production\n  owner: ${s.owner}\n  system: ${s.system}\n  dependsOn:\n${deps}`
  );
}

/** One catalog-info file per `docsPerFile` components, documents separated by `---`. */
function emitCatalog(groups: Group[], docsPerFile: number): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const g of groups) {
    for (let c = 0; c * docsPerFile < g.services.length; c++) {
      const chunk = g.services.slice(c * docsPerFile, (c + 1) * docsPerFile);
      files.push({ path: `${g.dir}/catalog-${pad(c, 4)}.yaml`, text: chunk.map(component).join("---\n") });
    }
  }
  return files;
}

export const giantSccBackstageShape = defineShape({
  id: "giant-scc-backstage",
  description:
    "the giant-scc shape as Backstage Components: `spec.dependsOn` holds each node's three runtime needs, the " +
    "`catch22.dev/rollback` annotation its random rollback node. Every service a catch-22.",
  minServices: 2,
  bare: true,
  generate: (n, rng) => chunkGroups("scc", giantScc(n, rng, "node-")),
  emit: (groups, docsPerFile) => emitCatalog(groups, docsPerFile),
});
