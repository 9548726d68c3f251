// Manifests written as flow lists, one document per service: what the serve tests edit on disk.

export interface FlowService {
  name: string;
  zone?: string | undefined;
  /** Each `provides` entry as flow YAML (`{ api: p1, versions: [v1] }`). */
  provides?: readonly string[] | undefined;
  runtime: readonly string[];
  rollback?: readonly string[] | undefined;
}

/** The services as one multi-document catch22 manifest (`runtime: [a, b]`; no `rollback` or `provides` key when absent). */
export function flowManifest(services: readonly FlowService[]): string {
  return services
    .map((s) =>
      [
        "apiVersion: catch22/v1",
        "kind: Service",
        `name: ${s.name}`,
        ...(s.zone ? [`zone: ${s.zone}`] : []),
        ...(s.provides ? [`provides: [${s.provides.join(", ")}]`] : []),
        `runtime: [${s.runtime.join(", ")}]`,
        ...(s.rollback ? [`rollback: [${s.rollback.join(", ")}]`] : []),
      ].join("\n"),
    )
    .join("\n---\n")
    .concat("\n");
}
