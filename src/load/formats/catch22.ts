// catch22's own manifests as an input format: documents whose apiVersion is `catch22/...` (SPEC §1).
import { readCatch22Document } from "../manifest.js";
import { field } from "../yaml-node.js";
import type { InputFormat } from "./contract.js";

export const catch22: InputFormat<"catch22"> = {
  id: "catch22",
  what: "catch22 manifest",
  extensions: [".yaml", ".yml"],
  syntax: "yaml",
  extendable: false,
  claims(doc) {
    const v = field(doc, "apiVersion");
    return v?.kind === "scalar" && typeof v.value === "string" && v.value.startsWith("catch22/");
  },
  read: (doc, source, problems) => ({ declarations: readCatch22Document(doc, source.file, problems, source.extendable) }),
};
