// `catch22 init` with no input: a starter manifest and a commented catch22.config.yaml, to edit into the first real ones.

/** The starter manifest: one service that says what it runs on and what its rollback needs. */
export const STARTER_MANIFEST = `# A catch22 manifest: one document per service (docs/manifest.md has every key).
# Rename the service, list what it needs to run and what its rollback needs, then run \`catch22 check\`.
apiVersion: catch22/v1
kind: Service
name: my-service
owner: my-team
# What must be up for the service to run (hard requirements; \`soft: true\` for the ones it survives without).
runtime: []
#  - database
#  - service: cache
#    soft: true
# What the rollback needs: the pipeline that deploys the last good version, its artifact store…
# An \`anyOf\` lists alternatives, any one of which is enough (a break-glass path beside the pipeline).
rollback: []
#  - anyOf: [deploy-pipeline, break-glass-console]
`;

/** The starter config, every key commented (docs/configuration.md); `paths` points at the manifests written. */
export function starterConfig(manifestDir: string): string {
  return `# catch22.config.yaml: read by every command from the current directory (docs/configuration.md).
# Paths are relative to this file.
paths:
  - ${JSON.stringify(manifestDir)}

# Exit 1 when findings at or above this exist: error (default), warning, info or never.
failOn: error

# Rule levels: off, info, warning or error (\`catch22 rules\` lists the rules and their levels).
# rules:
#   rollback-undeclared: warning

# Accepted risks: findings of the rule about exactly these services do not fail the run until \`until\`.
# ignore:
#   - rule: rollback-needs-broken
#     services: [my-service]
#     reason: "OPS-1234: break-glass console for rollbacks, due end of quarter"
#     until: 2027-06-30
`;
}
