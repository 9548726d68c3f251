// The generator's model of an estate before it is written: services with their requirements, grouped into folders.

export interface SvcRef {
  service: string;
  soft?: boolean;
  note?: string;
}
export interface AnyOf {
  anyOf: string[];
  soft?: boolean;
  note?: string;
}
/** An api entry (SPEC §8): whichever services provide the api at a matching version. */
export interface ApiDep {
  api: string;
  version?: string;
  soft?: boolean;
  note?: string;
}
/** A requirement as it is written: a bare name, `service:` with options, `anyOf:`, or `api:`. */
export type Dep = string | SvcRef | AnyOf | ApiDep;

export interface Svc {
  name: string;
  owner: string;
  system: string;
  tier: number;
  description: string;
  runtime: Dep[];
  /** null: no `rollback` key. */
  rollback: Dep[] | null;
  /** Failure domain and recovery facts (SPEC §4.1, §4.3), written only when set (the realistic-zones shape). */
  zone?: string;
  region?: string;
  recovery?: { rollback: string; start: string };
  /** The APIs it serves (SPEC §8); absent in most shapes. */
  provides?: { api: string; versions: string[] }[];
}

/** A group of services written together: one folder, chunked into files of `docsPerFile`. */
export interface Group {
  dir: string;
  stem: string;
  services: Svc[];
  /** Probability that a chunk is written as one ServiceList document; the first group with lists > 0 gets one. */
  lists: number;
}

export interface GeneratedFile {
  /** Relative posix path, e.g. "org-3/team-12/services-0007.yaml". */
  path: string;
  text: string;
}
