// SPEC §8 matching: whether a provided version label serves an api entry's version, read with npm's `semver`.
import semver from "semver";

/** The label forms that stand for a version number: `v1` is 1.0.0, `v2.3` is 2.3.0, `1.4.0` is itself. */
const NUMERIC_LABEL = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?)?$/;

/**
 * The semver version a label of the form `v?N[.N[.N]]` stands for (`v1` → `1.0.0`), or null for a
 * label of another form (`v1beta1`, `release-2`, `V1`, `01`), which only an equal version matches.
 * Leading zeros are another form because semver refuses them; so are numbers past
 * `Number.MAX_SAFE_INTEGER`, which semver refuses too.
 */
export function labelVersion(label: string): string | null {
  const m = NUMERIC_LABEL.exec(label);
  if (!m) return null;
  const v = `${m[1]}.${m[2] ?? "0"}.${m[3] ?? "0"}`;
  return semver.valid(v);
}

/**
 * Whether an entry's version is a semver range as npm's `semver` reads it (`v1`, `^1.4`,
 * `>=2 <3`, `~2.1`, `1.x`, `1 - 2`, `1 || 2`). semver's grammar decides, not ours: `>=x` is a
 * range (x is a wildcard, so it is `*`), `=>2` and `v1beta1` are not.
 */
export function isVersionRange(version: string): boolean {
  return semver.validRange(version) !== null;
}

/** A provided label, read once: its text and the version number it stands for (null: another form). */
export interface Label {
  text: string;
  number: semver.SemVer | null;
}

export function readLabel(text: string): Label {
  const v = labelVersion(text);
  return { text, number: v === null ? null : new semver.SemVer(v) };
}

/** One entry version, compiled once per distinct version, since parsing a range is the cost. */
export interface CompiledVersion {
  /** Whether the version is a semver range (always true for an entry without `version`). */
  isRange: boolean;
  matches(label: Label): boolean;
}

const ANY: CompiledVersion = { isRange: true, matches: () => true };

/**
 * The SPEC §8 matcher of an entry's version (undefined: the entry has no `version`, and any label
 * matches). A label matches when it equals the version, or when it is numeric (`labelVersion`) and
 * satisfies the version read as a range; a version that is not a range matches only an equal label.
 */
export function compileVersion(version: string | undefined): CompiledVersion {
  if (version === undefined) return ANY;
  let range: semver.Range | null;
  try {
    range = new semver.Range(version);
  } catch {
    range = null;
  }
  if (range === null) return { isRange: false, matches: (label) => label.text === version };
  const r = range;
  return { isRange: true, matches: (label) => label.text === version || (label.number !== null && r.test(label.number)) };
}

/** One label against one entry version (SPEC §8). For many, read the labels and compile the version once. */
export function labelMatches(label: string, version: string | undefined): boolean {
  return compileVersion(version).matches(readLabel(label));
}
