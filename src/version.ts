// The tool's version, package name and addresses, read once from package.json.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkg = require("../package.json") as { name: string; version: string; homepage?: string; repository?: { url: string } };
export const VERSION: string = pkg.version;
/** The npm package (the command it installs is `catch22`). */
export const PACKAGE: string = pkg.name;
/** Where users read about catch22 (SARIF `informationUri`); package.json `homepage` when set. */
export const HOMEPAGE: string = pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}`;
/** The repository's web address (package.json `repository`), where the docs of each rule live. */
export const REPOSITORY: string = (pkg.repository?.url ?? "").replace(/^git\+/, "").replace(/\.git$/, "");
/** The JSON Schema's published address (its `$id`): the file as the npm package ships it. */
export const SCHEMA_URL = `https://unpkg.com/${pkg.name}/schema/catch22-v1.schema.json`;

/** The web address of a repository file such as a rule's `docs/rules/<id>.md`. */
export function repositoryFileUrl(file: string): string {
  return `${REPOSITORY}/blob/main/${file}`;
}
