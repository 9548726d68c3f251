// The summary line in the header, and the input errors that replace the analysis while the manifests are broken.
import type { Diagnostic } from "../../src/model/types.js";
import { count, counted, formatWhere } from "../../src/util/text.js";
import type { Estate2 } from "../derive.js";
import { byId, el } from "../dom.js";

export function renderSummary(d: Estate2): void {
  const m = d.model;
  const f = m.summary.findings;
  byId("summary").textContent =
    `${counted(m.summary.services, "service")} · ${counted(m.summary.edges.runtime, "runtime edge")} · ${counted(
      m.summary.edges.rollback,
      "rollback edge",
    )} · ${counted(f.error, "error")}, ${counted(f.warning, "warning")}, ${count(f.info)} info${m.inputs.length ? ` · read from ${m.inputs.join(", ")}` : ""}`;
}

export function showErrors(diags: Diagnostic[]): void {
  const errors = byId("errors");
  errors.hidden = false;
  document.body.classList.add("stale");
  errors.replaceChildren(
    el("h2", {}, `The manifests have ${counted(diags.length, "error")}: fix them and the map updates by itself`),
    el("ul", {}, ...diags.map((dg) => el("li", {}, el("code", {}, formatWhere(dg)), ` ${dg.message}`))),
  );
}

export function clearErrors(): void {
  const errors = byId("errors");
  errors.hidden = true;
  errors.replaceChildren();
  document.body.classList.remove("stale");
}
