// SPEC §8 read literally, for the property tests: no semver and no index, only the labels and versions the arbitraries draw.
import type { ApiEntryRef, ServiceProvides } from "../../src/api/providers.js";

export const LABELS = ["v1", "v2", "1.4.0", "2.0.1", "v1beta1"] as const;
/** Entry versions: the ranges of the issue, two that are not ranges, and semver's wildcard. */
export const VERSIONS = ["v1", "v2", "^1.2", ">=2 <3", "~2.1", "1.4.0", "=>2", "v1beta1", ">=x"] as const;

type Num = [major: number, minor: number, patch: number];

// Each range of VERSIONS as the semver docs define it, written out by hand.
const RANGES: Record<string, (v: Num) => boolean> = {
  v1: ([a]) => a === 1,
  v2: ([a]) => a === 2,
  "^1.2": ([a, b]) => a === 1 && b >= 2,
  ">=2 <3": ([a]) => a === 2,
  "~2.1": ([a, b]) => a === 2 && b === 1,
  "1.4.0": ([a, b, c]) => a === 1 && b === 4 && c === 0,
  ">=x": () => true,
};

export function bruteIsRange(version: string): boolean {
  return version in RANGES;
}

function asNumber(label: string): Num | null {
  const m = /^v?(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(label);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/** "A provided label matches an entry when the two are equal, or when the label is exactly v?N[.N[.N]] and satisfies the range." */
export function bruteMatch(label: string, version: string | undefined): boolean {
  if (version === undefined || label === version) return true;
  const range = RANGES[version];
  const n = asNumber(label);
  return range !== undefined && n !== null && range(n);
}

/** "The providers of an entry of X are the services other than X providing its api at a matching version." */
export function bruteProviders(estate: readonly ServiceProvides[], entry: ApiEntryRef): string[] {
  const out = new Set<string>();
  for (const s of estate) {
    if (s.service === entry.owner) continue;
    for (const p of s.provides) {
      if (p.api !== entry.api) continue;
      if (p.versions === undefined || p.versions.some((l) => bruteMatch(l, entry.version))) out.add(s.service);
    }
  }
  return [...out].sort();
}

/** `[{service, versions}]` for an api: labels merged per service, null when some entry gives no versions. */
export function bruteProvided(estate: readonly ServiceProvides[], api: string): { service: string; versions: string[] | null }[] {
  const by = new Map<string, Set<string> | null>();
  for (const s of estate)
    for (const p of s.provides) {
      if (p.api !== api) continue;
      const had = by.get(s.service);
      if (p.versions === undefined || had === null) by.set(s.service, null);
      else by.set(s.service, new Set([...(had ?? []), ...p.versions]));
    }
  return [...by.keys()].sort().map((service) => {
    const v = by.get(service);
    return { service, versions: v ? [...v].sort() : null };
  });
}
