// The shared platform of the realistic shapes: DNS, IAM, the deploy pipeline and friends, with no cycle among them.
import type { AnyOf, Dep, Group, Svc, SvcRef } from "../model.js";

export const DNS: AnyOf = { anyOf: ["dns-primary", "dns-secondary"] };
export const DNS_NOTE: AnyOf = {
  anyOf: ["dns-primary", "dns-secondary"],
  note: "resolver failover",
};
export const METRICS_SOFT: SvcRef = { service: "metrics", soft: true };
export const LOGGING_SOFT: SvcRef = {
  service: "logging",
  soft: true,
  note: "best-effort log shipping",
};
const BREAK_GLASS = "bootstrap-console";

/** The shared platform, in dependency order: each needs only services above it, so it holds no cycle. */
export function platform(): Svc[] {
  const p = (name: string, system: string, tier: number, description: string, runtime: Dep[], rollback: Dep[]): Svc => ({
    name,
    owner: system === "network" ? "network-team" : "platform-team",
    system,
    tier,
    description,
    runtime,
    rollback,
  });
  return [
    p(BREAK_GLASS, "platform", 0, "Break-glass console for manual recovery", [], []),
    p("dns-primary", "network", 0, "Primary DNS resolver", [], [BREAK_GLASS]),
    p("dns-secondary", "network", 0, "Secondary DNS resolver", [], [BREAK_GLASS]),
    p("kms", "platform", 0, "Key management service", [DNS], [BREAK_GLASS]),
    p("metrics", "platform", 1, "Metrics pipeline", [DNS], ["deploy-pipeline"]),
    p("logging", "platform", 1, "Log aggregation", [DNS, METRICS_SOFT], ["deploy-pipeline"]),
    p("iam", "platform", 0, "Identity and access management", [DNS_NOTE, "kms", METRICS_SOFT], [BREAK_GLASS]),
    p("secrets", "platform", 0, "Secret store", ["kms", "iam"], [BREAK_GLASS]),
    p("config-store", "platform", 0, "Configuration store", [DNS, "iam"], [BREAK_GLASS]),
    p("object-storage", "platform", 1, "Object storage", [DNS, "iam", "kms"], [BREAK_GLASS]),
    p("artifact-registry", "platform", 1, "Container and package registry", ["iam", "object-storage"], [BREAK_GLASS]),
    p(
      "deploy-pipeline",
      "platform",
      0,
      "Deployment and rollback pipeline",
      ["iam", "artifact-registry", "config-store", "secrets", LOGGING_SOFT],
      [{ service: BREAK_GLASS, note: "the pipeline is redeployed by hand" }],
    ),
    p("message-bus", "platform", 1, "Shared message bus", [DNS, "iam", "config-store"], ["deploy-pipeline", "config-store"]),
    p("service-mesh", "network", 1, "Service mesh control plane", [DNS, "config-store", "iam"], ["deploy-pipeline", "config-store"]),
    p("feature-flags", "platform", 1, "Feature flag service", ["config-store", "iam", METRICS_SOFT], ["deploy-pipeline"]),
  ];
}
/** The number of services `platform()` returns. */
export const PLATFORM_SIZE = 15;

/** The platform's folder, written first. */
export function platformGroup(services: Svc[]): Group {
  return {
    dir: "platform/core",
    stem: "platform",
    services,
    lists: 0,
  };
}
