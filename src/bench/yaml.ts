// Writes the generator's groups as catch22 YAML files (block style, by string building: fast at 100,000 services).
import type { Dep, GeneratedFile, Group, Svc } from "./model.js";
import { pad } from "./names.js";
import type { Rng } from "./random.js";

function emitDeps(key: string, deps: Dep[], ind: string): string {
  if (deps.length === 0) return `${ind}${key}: []\n`;
  let out = `${ind}${key}:\n`;
  for (const d of deps) {
    if (typeof d === "string") {
      out += `${ind}  - ${d}\n`;
      continue;
    }
    if ("api" in d) {
      out += `${ind}  - api: ${d.api}\n`;
      if (d.version !== undefined) out += `${ind}    version: ${d.version}\n`;
    } else out += "anyOf" in d ? `${ind}  - anyOf: [${d.anyOf.join(", ")}]\n` : `${ind}  - service: ${d.service}\n`;
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
  if (s.zone !== undefined) out += `${ind}zone: ${s.zone}\n`;
  if (s.region !== undefined) out += `${ind}region: ${s.region}\n`;
  if (s.recovery !== undefined) out += `${ind}recovery: {rollback: ${s.recovery.rollback}, start: ${s.recovery.start}}\n`;
  if (s.provides) {
    out += `${ind}provides:\n`;
    for (const p of s.provides) out += `${ind}  - api: ${p.api}\n${ind}    versions: [${p.versions.join(", ")}]\n`;
  }
  if (s.runtime.length > 0) out += emitDeps("runtime", s.runtime, ind);
  if (s.rollback !== null) out += emitDeps("rollback", s.rollback, ind);
  return out;
}

/** One file per `docsPerFile` services of a group; `rng` chooses which chunks are ServiceList documents. */
export function emitGroups(groups: Group[], docsPerFile: number, rng: Rng): GeneratedFile[] {
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
