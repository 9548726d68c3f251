// `catch22 init`: catch22 manifests from Backstage entities and Compose services, written once, never over a file.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { type InitMode, type PlannedFile, planManifests } from "../../init/manifests.js";
import { planObservedManifests } from "../../init/observed.js";
import { STARTER_MANIFEST, starterConfig } from "../../init/starter.js";
import { loadEstate } from "../../load/index.js";
import { buildEstate } from "../../model/estate.js";
import type { Diagnostic } from "../../model/types.js";
import { readObserved } from "../../observed/files.js";
import { listNames, plural, printable } from "../../util/text.js";
import { reportDiagnostics, UsageError } from "../io.js";

interface InitOptions {
  observed?: string[];
  out?: string;
  extends?: boolean;
  skipExisting?: boolean;
}

/** No input at all: a starter manifest in `dir` and a commented config beside the commands (the current directory). */
function scaffold(dir: string): void {
  const manifest = path.join(dir, "my-service.yaml");
  const config = "catch22.config.yaml";
  const existing = [manifest, config].filter((f) => fs.existsSync(f));
  if (existing.length > 0) {
    throw new UsageError(
      `${listNames(existing)} already exist${existing.length === 1 ? "s" : ""}; catch22 init never overwrites a file (nothing was written)`,
    );
  }
  const rel = path.relative(process.cwd(), path.resolve(dir)).split(path.sep).join("/") || ".";
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(manifest, STARTER_MANIFEST, { flag: "wx" });
    fs.writeFileSync(config, starterConfig(rel), { flag: "wx" });
  } catch (e) {
    throw new UsageError(`cannot write the starter files: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  process.stdout.write(
    `wrote ${manifest} (a starter manifest) and ${config} (every key commented)\nNo Backstage, Compose or catch22 input found here: edit the manifest, then run catch22 check\n`,
  );
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("write a catch22 manifest for each service of Backstage catalog entities and Compose files")
    .argument("[paths...]", "Backstage catalog files, Compose files, or directories holding them", ["."])
    .option("-o, --out <dir>", "the directory to write the manifests to (created if needed; with no input, default .)")
    .option("--extends", "write `extends:` documents holding only the rollback question, to check together with the input")
    .option(
      "--observed <file>",
      "write starter manifests from observed traffic instead (one per observed service; repeatable; the formats of docs/observed.md)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option("--skip-existing", "keep files that already exist and write the others (default: exit 2 and write nothing)")
    .addHelpText(
      "after",
      "\nOne file per service, named after it (billing/payments → billing/payments.yaml), with its runtime\nrequirements filled in and a commented `rollback:` for its owner to answer. A file is never overwritten.\nCompose files are read here even without x-catch22 fields. See docs/adapters.md.\n",
    )
    .action(async (paths: string[], opts: InitOptions, cmd: Command) => {
      if (opts.observed !== undefined) {
        if (cmd.args.length > 0) throw new UsageError("init --observed reads only the observed files; leave out the paths");
        const read = await readObserved(opts.observed);
        if (read.diagnostics.length > 0) {
          process.exitCode = reportDiagnostics(read.diagnostics);
          return;
        }
        const plan = planObservedManifests(read.readings);
        for (const n of plan.invalidNames)
          process.stderr.write(
            `catch22: skipped the observed name ${JSON.stringify(n)}: not a catch22 service name (map it with an alias)\n`,
          );
        if (plan.files.length === 0) throw new UsageError(`no service calls in ${opts.observed.join(", ")}; nothing to write`);
        const written = writePlanned(plan.files, opts);
        process.stdout.write(
          `${plural(written, "manifest")} written to ${opts.out as string} from observed traffic; ${plural(written, "owner")} to ask what their rollback needs\n`,
        );
        return;
      }
      const load = loadEstate(paths, { readAllAdapterFiles: true });
      // Nothing to read at all (an empty directory, a new repository): scaffold instead.
      const nothing = (d: Diagnostic) => d.line === 0 && d.message.startsWith("no catch22 manifests here");
      if (load.declarations.length === 0 && load.diagnostics.length > 0 && load.diagnostics.every(nothing)) {
        scaffold(opts.out ?? ".");
        return;
      }
      if (load.diagnostics.length > 0) {
        process.exitCode = reportDiagnostics(load.diagnostics);
        return;
      }
      const mode: InitMode = opts.extends ? "extends" : "replace";
      const fromAdapters = load.declarations.filter((d) => d.origin !== "catch22");
      if (fromAdapters.length === 0) {
        // Already catch22: nothing to convert, and nothing wrong (exit 0).
        const n = new Set(load.declarations.map((d) => d.name)).size;
        process.stdout.write(
          `${paths.join(" ")} already holds catch22 manifests (${plural(n, "service")}); nothing to convert. Run: catch22 check ${paths.join(" ")}\n`,
        );
        return;
      }
      if (opts.out === undefined) throw new UsageError("init needs -o <dir>: the directory to write the manifests to");
      const names = new Set(fromAdapters.map((d) => d.name));
      const estate = buildEstate(load.declarations);
      const planned = planManifests(
        estate.services.filter((s) => names.has(s.name)),
        mode,
      );
      const written = writePlanned(planned, opts);
      const asked = planned.filter((p) => p.text.includes("# rollback:")).length;
      const skippedDeclared = mode === "extends" ? names.size - planned.length : 0;
      process.stdout.write(
        `${plural(written, "manifest")} written to ${opts.out as string}` +
          (skippedDeclared > 0
            ? `; ${plural(skippedDeclared, "service")} already ${skippedDeclared === 1 ? "declares its" : "declare their"} rollback`
            : "") +
          (asked > 0 ? `; ${plural(asked, "owner")} to ask what their rollback needs` : "") +
          "\n",
      );
    });
}

/** Writes the planned files under -o DIR: never over a file, nothing at all when one exists (unless --skip-existing). */
function writePlanned(planned: readonly PlannedFile[], opts: InitOptions): number {
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
  return written;
}
