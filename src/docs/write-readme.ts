// `npm run docs`: rewrites the generated parts of README.md.
import * as fs from "node:fs";
import { withRuleTable } from "./rule-table.js";

const file = process.argv[2] ?? "README.md";
fs.writeFileSync(file, withRuleTable(fs.readFileSync(file, "utf8")));
