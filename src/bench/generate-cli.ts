// CLI for the estate generator: `node dist/bench/generate-cli.js --services 10000 --seed 1 --shape realistic --out DIR`.
import { type GeneratedFile, generateEstate, SHAPES, type Shape, writeEstate } from "./generate.js";

const USAGE = `usage: generate-cli --out DIR [--services N] [--seed S] [--shape ${SHAPES.join("|")}] [--docs-per-file N]
  defaults: --services 10000 --seed 1 --shape realistic --docs-per-file 50`;

function fail(message: string): never {
  process.stderr.write(`generate-cli: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) fail(`${flag} expects an integer, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) fail(`${flag} is out of range: ${value}`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  let services = 10000;
  let seed = 1;
  let shape: Shape = "realistic";
  let docsPerFile = 50;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (!["--services", "--seed", "--shape", "--docs-per-file", "--out"].includes(flag)) fail(`unknown argument "${arg}"`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) fail(`${flag} needs a value`);
    }
    switch (flag) {
      case "--services":
        services = integer(flag, value);
        break;
      case "--seed":
        seed = integer(flag, value);
        break;
      case "--docs-per-file":
        docsPerFile = integer(flag, value);
        break;
      case "--shape":
        if (!(SHAPES as readonly string[]).includes(value)) fail(`unknown shape "${value}"`);
        shape = value as Shape;
        break;
      case "--out":
        out = value;
        break;
    }
  }
  if (out === undefined) fail("--out is required");
  const t0 = performance.now();
  let files: GeneratedFile[];
  try {
    files = generateEstate({ services, seed, shape, docsPerFile });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const t1 = performance.now();
  await writeEstate(out, files);
  const t2 = performance.now();
  let bytes = 0;
  for (const f of files) bytes += Buffer.byteLength(f.text);
  process.stdout.write(
    `${services} services (${shape}, seed ${seed}): ${files.length} files, ${bytes} bytes in ${out}; ` +
      `generated in ${(t1 - t0).toFixed(0)} ms, written in ${(t2 - t1).toFixed(0)} ms\n`,
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`generate-cli: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
