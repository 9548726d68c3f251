// manifest-invalid: the metadata of input errors (SPEC §1). They stop the run before any rule runs.
import type { RuleMeta } from "./rule.js";

export const manifestInvalid: RuleMeta = {
  id: "manifest-invalid",
  defaultSeverity: "error",
  summary: "A manifest is not valid catch22 input",
  help: "A file could not be read as catch22 manifests: a YAML syntax error, an unknown key, a wrong type or a bad name. catch22 reports every such error with its file, line and column and analyses nothing until they are fixed (exit code 2). This rule cannot be configured.",
  fix: "Fix the file, line and column each error names; the message says what was expected.",
  docs: "docs/rules/manifest-invalid.md",
  path: "none",
};
