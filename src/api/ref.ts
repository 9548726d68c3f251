// How an api entry is named (SPEC §6 `missing`, §8): `api@version`; pure and without semver, so the web view imports it.
import { listNames } from "../util/text.js";

/** `api@version`, or the api alone: the `missing` field and the way messages name an entry. */
export function apiRef(api: string, version: string | undefined): string {
  return version === undefined ? api : `${api}@${version}`;
}

/** How a step through an api entry reads in a witness or a message: `cloud-api@v1 (provided by cloud-api)`. */
export function throughApi(api: string, version: string | undefined, providers: readonly string[]): string {
  return `${apiRef(api, version)} (provided by ${listNames(providers)})`;
}

/** The inverse of `apiRef`: a name never holds `@` (SPEC §1 grammar), so the first one splits. */
export function splitApiRef(ref: string): { api: string; version?: string } {
  const at = ref.indexOf("@");
  return at < 0 ? { api: ref } : { api: ref.slice(0, at), version: ref.slice(at + 1) };
}
