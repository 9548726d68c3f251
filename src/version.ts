// The tool's version and home page, read once from package.json.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkg = require("../package.json") as { name: string; version: string; homepage?: string };
export const VERSION: string = pkg.version;
/** Where users read about catch22 (SARIF `informationUri`); package.json `homepage` when set. */
export const HOMEPAGE: string = pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}`;
