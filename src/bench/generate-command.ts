// The estate generator's command line: options (shape choices from the shape table), then generate and write.
import { Command, Option } from "commander";
import { type GeneratedFile, generateEstate, writeEstate } from "./generate.js";
import { integer, type Output, positiveInteger, processOutput, runProgram, UsageError } from "./options.js";
import { DEFAULT_SHAPE, SHAPES, type Shape, shapes } from "./shapes/index.js";

interface GenerateCliOptions {
  out: string;
  services: number;
  seed: number;
  shape: Shape;
  docsPerFile: number;
}

export function generateProgram(out: Output = processOutput): Command {
  const shapeHelp = shapes.map((s) => `  ${s.id} (at least ${s.minServices} services): ${s.description}`).join("\n");
  return new Command("generate-cli")
    .description("Write a seeded synthetic estate (catch22 YAML manifests) for benchmarks and scale tests.")
    .requiredOption("--out <dir>", "the folder to write the estate into (created as needed)")
    .option("--services <n>", "the exact number of services", integer, 10000)
    .option("--seed <s>", "the seed: the same seed, shape and size give the same bytes", integer, 1)
    .addOption(new Option("--shape <shape>", "the shape of the estate").choices(SHAPES).default(DEFAULT_SHAPE))
    .option("--docs-per-file <n>", "documents (or ServiceList items) per file", positiveInteger, 50)
    .addHelpText("after", `\nShapes:\n${shapeHelp}\n\nExit codes: 0 when written, 2 on a bad command line.\n`)
    .action(async (opts: GenerateCliOptions) => {
      const { services, seed, shape, docsPerFile } = opts;
      const t0 = performance.now();
      let files: GeneratedFile[];
      try {
        files = generateEstate({ services, seed, shape, docsPerFile });
      } catch (e) {
        // the generator checks what depends on the shape (its smallest size)
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
      const t1 = performance.now();
      await writeEstate(opts.out, files);
      const t2 = performance.now();
      let bytes = 0;
      for (const f of files) bytes += Buffer.byteLength(f.text);
      out.writeOut(
        `${services} services (${shape}, seed ${seed}): ${files.length} files, ${bytes} bytes in ${opts.out}; ` +
          `generated in ${(t1 - t0).toFixed(0)} ms, written in ${(t2 - t1).toFixed(0)} ms\n`,
      );
    });
}

/** Runs the generator on `argv` (node, script, args…); returns the exit code. */
export function runGenerate(argv: string[], out: Output = processOutput): Promise<number> {
  return runProgram(generateProgram(out), argv, out);
}
