// SPEC §1, §4.3, §8: the new service fields and the api entry, read with positions, and every bad value reported with what was expected.
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../src/load/index.js";
import { buildEstate } from "../../src/model/estate.js";
import { tempTree } from "../helpers/cli.js";

const head = "apiVersion: catch22/v1\nkind: Service\nname: svc\n";

function load(body: string) {
  const dir = tempTree({ "a.yaml": head + body });
  const r = loadEstate(["."], { cwd: dir });
  return {
    messages: r.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`),
    service: r.diagnostics.length === 0 ? buildEstate(r.declarations).services[0] : undefined,
  };
}

describe("§1 the new service fields", () => {
  it("reads zone, region, aliases, recovery, rto and provides into the service, durations in seconds", () => {
    const { messages, service } = load(`zone: eu-west-1a
region: eu-west-1
aliases: [svc.prod, svcx, svc.prod]
recovery: {rollback: 20m, start: 90s}
rto: 1h30m
provides:
  - api: pay
    versions: [v1, "1.10", v1]
  - api: id
`);
    expect(messages).toEqual([]);
    expect(service).toMatchObject({
      zone: "eu-west-1a",
      region: "eu-west-1",
      aliases: ["svc.prod", "svcx"],
      recovery: { rollback: 1200, start: 90 },
      rto: 5400,
      provides: [{ api: "pay", versions: ["v1", "1.10"] }, { api: "id" }],
    });
  });

  it("reports bad durations with the grammar: no unit, wrong order, not text", () => {
    expect(load("rto: 30\nrecovery: {rollback: 30m1h, start: 2 m}\n").messages).toEqual([
      '4:6: expected "rto" to be a duration such as 90s, 30m or 1h30m (<integer><s|m|h> parts, largest unit first), got the number 30 (give it a unit: 30s, 30m or 30h)',
      '5:22: expected "recovery.rollback" to be a duration such as 90s, 30m or 1h30m (<integer><s|m|h> parts, largest unit first), got the text "30m1h"',
      '5:36: expected "recovery.start" to be a duration such as 90s, 30m or 1h30m (<integer><s|m|h> parts, largest unit first), got the text "2 m"',
    ]);
  });

  it("offers a did-you-mean for a misspelt key, inside recovery and provides too", () => {
    expect(load("zon: a\nrecovery: {rolback: 1m}\nprovides: [{api: p, version: [v1]}]\n").messages).toEqual([
      expect.stringMatching(/^4:1: unknown key "zon" in a Service document \(did you mean "zone"\?\)/),
      '5:12: unknown key "rolback" in "recovery" (did you mean "rollback"?); expected one of: rollback, start',
      '6:21: unknown key "version" in an entry of "provides" (did you mean "versions"?); expected one of: api, versions',
    ]);
  });

  it("refuses a YAML number as a version label, with the hint to quote it, and empty versions", () => {
    expect(load("provides:\n  - api: p\n    versions: [1.10]\n  - api: q\n    versions: []\n").messages).toEqual([
      '6:16: expected a label of "versions" to be a version label (text such as "v2" or "1.10"), got the number 1.1 (quote it as written: versions are text, and an unquoted 1.10 is the number 1.1)',
      '8:15: "versions: []" lists no version; omit versions for any version',
    ]);
  });

  it("checks zone, region and aliases against the name grammar", () => {
    expect(load("zone: 3\nregion: 'a b'\naliases: [ok, -bad]\n").messages).toEqual([
      '4:7: expected a name in "zone", got the number 3 (quote it: "3")',
      expect.stringMatching(/^5:9: invalid name in "region" "a b": a name is/),
      expect.stringMatching(/^6:15: invalid name in "aliases" "-bad": a name is/),
    ]);
  });
});

describe("§1 dependency entries", () => {
  it("keeps an {api, version} entry with its position; with no provider it names no service and holds what api-unprovided reports (SPEC §8)", () => {
    const { messages, service } = load("runtime:\n  - api: id\n    version: ^2\n    soft: true\n    note: login\n");
    expect(messages).toEqual([]);
    expect(service?.runtime).toEqual([
      {
        kind: "runtime",
        names: [],
        anyOf: false,
        soft: true,
        note: "login",
        namePos: [],
        api: {
          name: "id",
          version: "^2",
          pos: { file: "a.yaml", line: 5, column: 10 },
          unprovided: { missing: "id@^2", provided: [], message: "svc needs id@^2, but no service provides id" },
        },
      },
    ]);
  });

  it("keeps an api entry without a version (any version), in runtime and rollback alike", () => {
    const { messages, service } = load("runtime: [{api: id}]\nrollback:\n  - api: deploy\n");
    expect(messages).toEqual([]);
    expect(service?.runtime.map((e) => e.api?.name)).toEqual(["id"]);
    expect(service?.rollback?.map((e) => e.api?.unprovided?.missing)).toEqual(["deploy"]);
  });

  it("refuses an api entry mixed with another form, a version without api, and a numeric version", () => {
    expect(load("runtime:\n  - {api: a, service: b}\n  - {service: b, version: v1}\n  - {api: a, version: 2}\n").messages).toEqual([
      '5:5: a requirement has either "service" or "api", not both',
      '6:27: "version" goes with "api": the version of the API required',
      '7:23: expected "version" to be a version label (text such as "v2" or "1.10"), got the number 2 (quote it as written: versions are text, and an unquoted 1.10 is the number 1.1)',
    ]);
  });

  it("refuses a one-name anyOf (duplicates counted once), with the plain form as the hint", () => {
    expect(load("runtime:\n  - anyOf: [a]\n  - anyOf: [b, b]\n    soft: true\n").messages).toEqual([
      '5:12: an "anyOf" with one service is a plain requirement; write "- a"',
      '6:12: an "anyOf" with one service is a plain requirement; write "{service: b, ...}"',
    ]);
  });
});
