// The JSON Schema for editors (docs/editors.md): generated from the loader's own definition, so the two agree on every manifest.
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import jsyaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { DOCUMENT_KEYS, ENTRY_KEYS } from "../../src/load/definition.js";
import { loadEstate } from "../../src/load/index.js";
import { manifestSchema, manifestSchemaText, SCHEMA_FILE } from "../../src/load/schema.js";
import { ROOT } from "../helpers/cli.js";

const committed = JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(committed);
const INVALID = path.join(ROOT, "test/fixtures/invalid");

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (/\.ya?ml$/.test(e.name)) out.push(full);
    }
  }
  return out.sort();
}

/** Every catch22 document of the examples, as data (the way an editor sees it). */
function exampleManifests(): { file: string; doc: unknown }[] {
  const out: { file: string; doc: unknown }[] = [];
  for (const file of yamlFiles(path.join(ROOT, "examples"))) {
    for (const doc of jsyaml.loadAll(fs.readFileSync(file, "utf8"), undefined, { schema: jsyaml.CORE_SCHEMA })) {
      const v = (doc as { apiVersion?: unknown } | null)?.apiVersion;
      if (typeof v === "string" && v.startsWith("catch22/")) out.push({ file: path.relative(ROOT, file), doc });
    }
  }
  return out;
}

describe("schema/catch22-v1.schema.json", () => {
  it("is what the generator writes from the manifest definition (run `npm run schema` after changing it)", () => {
    expect(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8")).toBe(manifestSchemaText());
  });

  it("lists exactly the keys the loader accepts, for documents and for requirements", () => {
    const defs = manifestSchema().definitions as Record<string, { properties: Record<string, unknown> }>;
    expect(Object.keys(defs.Service?.properties ?? {})).toEqual([...DOCUMENT_KEYS.Service]);
    expect(Object.keys(defs.ServiceList?.properties ?? {})).toEqual([...DOCUMENT_KEYS.ServiceList]);
    const requirement = (defs.requirement as unknown as { oneOf: { properties?: Record<string, unknown> }[] }).oneOf[1];
    expect(Object.keys(requirement?.properties ?? {})).toEqual([...ENTRY_KEYS]);
  });

  it("accepts every catch22 document of the examples, which the loader reads without an error", () => {
    const manifests = exampleManifests();
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    for (const { file, doc } of manifests) {
      expect(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    for (const example of new Set(manifests.map((m) => m.file.split("/").slice(0, 2).join("/")))) {
      expect(loadEstate([example], { cwd: ROOT }).diagnostics, example).toEqual([]);
    }
  });

  it("rejects every invalid fixture, each of which the loader rejects too", () => {
    const files = yamlFiles(INVALID);
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const name = path.basename(file);
      const doc = jsyaml.load(fs.readFileSync(file, "utf8"), { schema: jsyaml.CORE_SCHEMA });
      expect(validate(doc), `schema accepted ${name}`).toBe(false);
      const load = loadEstate([path.relative(ROOT, file)], { cwd: ROOT });
      expect(load.diagnostics.length, `loader accepted ${name}`).toBeGreaterThan(0);
      expect(load.diagnostics[0]?.line, name).toBeGreaterThan(0);
    }
  });
});
