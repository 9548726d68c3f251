// `catch22 init`: catch22 manifests from Backstage entities and Compose services, written once, never over a file.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { type InitMode, planManifests } from "../../init/manifests.js";
import { loadEstate } from "../../load/index.js";
import { buildEstate } from "../../model/estate.js";
import { listNames, plural, printable } from "../../util/text.js";
import { reportDiagnostics, UsageError } from "../io.js";

interface InitOptions {
  out?: string;
  extends?: boolean;
  skipExisting?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("write a catch22 manifest for each service of Backstage catalog entities and Compose files")
    .argument("[paths...]", "Backstage catalog files, Compose files, or directories holding them", ["."])
    .requiredOption("-o, --out <dir>", "the directory to write the manifests to (created if needed)")
    .option("--extends", "write `extends:` documents holding only the rollback question, to check together with the input")
    .option("--skip-existing", "keep files that already exist and write the others (default: exit 2 and write nothing)")
    .addHelpText(
      "after",
      "\nOne file per service, named after it (billing/payments → billing/payments.yaml), with its runtime\nrequirements filled in and a commented `rollback:` for its owner to answer. A file is never overwritten.\nCompose files are read here even without x-catch22 fields. See docs/adapters.md.\n",
    )
    .action((paths: string[], opts: InitOptions) => {
      const load = loadEstate(paths, { readAllAdapterFiles: true });
      if (load.diagnostics.length > 0) {
        process.exitCode = reportDiagnostics(load.diagnostics);
        return;
      }
      const mode: InitMode = opts.extends ? "extends" : "replace";
      const fromAdapters = load.declarations.filter((d) => d.origin !== "catch22");
      if (fromAdapters.length === 0) {
        throw new UsageError(
          `no Backstage Component or Resource entities and no Compose services in ${paths.join(", ")}; nothing to write`,
        );
      }
      const names = new Set(fromAdapters.map((d) => d.name));
      const estate = buildEstate(load.declarations);
      const planned = planManifests(
        estate.services.filter((s) => names.has(s.name)),
        mode,
      );
      const dir = opts.out as string;
      const target = (rel: string) => path.join(dir, ...rel.split("/"));

      // Two names, one file (on a case-insensitive file system too): refuse before writing anything.
      const byPath = new Map<string, string>();
      for (const p of planned) {
        const key = p.path.toLowerCase();
        const other = byPath.get(key);
        if (other !== undefined)
          throw new UsageError(`services "${other}" and "${p.service}" would both be written to ${target(p.path)}; rename one of them`);
        byPath.set(key, p.service);
      }
      const existing = planned.filter((p) => fs.existsSync(target(p.path)));
      if (existing.length > 0 && !opts.skipExisting) {
        throw new UsageError(
          `${listNames(existing.map((p) => target(p.path)))} already exist${existing.length === 1 ? "s" : ""}; catch22 init never overwrites a file (nothing was written; --skip-existing writes the others)`,
        );
      }
      // A name declared twice is written twice (two documents of one file), never dropped: say so.
      for (const p of planned) {
        if (p.duplicates > 0)
          process.stderr.write(
            `warning: ${printable(p.service)} is declared ${plural(p.duplicates + 1, "time")} in the input; ${target(p.path)} holds every declaration, so check reports duplicate-service until one goes\n`,
          );
      }
      let written = 0;
      for (const p of planned) {
        const file = target(p.path);
        if (existing.includes(p)) {
          process.stdout.write(`kept ${printable(file)} (it exists)\n`);
          continue;
        }
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, p.text, { flag: "wx" });
        } catch (e) {
          throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        process.stdout.write(`wrote ${printable(file)}\n`);
        written++;
      }
      const asked = planned.filter((p) => p.text.includes("# rollback:")).length;
      const skippedDeclared = mode === "extends" ? names.size - planned.length : 0;
      process.stdout.write(
        `${plural(written, "manifest")} written to ${dir}` +
          (skippedDeclared > 0
            ? `; ${plural(skippedDeclared, "service")} already ${skippedDeclared === 1 ? "declares its" : "declare their"} rollback`
            : "") +
          (asked > 0 ? `; ${plural(asked, "owner")} to ask what their rollback needs` : "") +
          "\n",
      );
    });
}
