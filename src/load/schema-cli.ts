// Writes the JSON Schema for manifests: `node dist/load/schema-cli.js [FILE]` (default schema/catch22-v1.schema.json; `-` for stdout).
import * as fs from "node:fs";
import * as path from "node:path";
import { manifestSchemaText, SCHEMA_FILE } from "./schema.js";

const target = process.argv[2] ?? SCHEMA_FILE;
if (target === "-") process.stdout.write(manifestSchemaText());
else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, manifestSchemaText());
  process.stderr.write(`wrote ${target}\n`);
}
