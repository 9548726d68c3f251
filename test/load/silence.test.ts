// SPEC §1 "Nothing meant for catch22 is ever left out in silence": each way a walk used to drop a file, an edge or a fault without a word.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEstate } from "../../src/load/index.js";
import { decodeText, MAX_FILE_BYTES } from "../../src/load/read-file.js";
import { CLI, runCli, tempTree } from "../helpers/cli.js";

const svc = (name: string, extra = "") => `apiVersion: catch22/v1\nkind: Service\nname: ${name}\nrollback: []\n${extra}`;

function load(files: Record<string, string | Buffer>, inputs = ["."]) {
  const dir = tempTree(files);
  return { dir, ...loadEstate(inputs, { cwd: dir }) };
}

const messages = (r: { diagnostics: { file: string; line: number; column: number; message: string }[] }) =>
  r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);

describe("§1 a walked file meant for catch22 that cannot be read as YAML is an error, never skipped", () => {
  it("a YAML error in a Backstage file, and in a Compose file with x-catch22", () => {
    const r = load({
      "ok.yaml": svc("a"),
      "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [x\n",
      "app/compose.yaml": "services:\n  web:\n    x-catch22: {owner: a}\n    depends_on: [db\n",
    });
    expect(messages(r).map((m) => m.split(":")[0])).toEqual(["app/compose.yaml", "catalog-info.yaml"]);
  });

  it('a quoted apiVersion ("catch22/v1") and a JSON-style manifest, each with a syntax error', () => {
    const r = load({
      "ok.yaml": svc("a"),
      "quoted.yaml": 'apiVersion: "catch22/v1"\nkind: Service\nname: [b\n',
      "json.yaml": '{"apiVersion": "catch22/v1", "kind": "Service", "name": "c",\n',
    });
    expect(r.diagnostics.map((d) => d.file)).toEqual(["json.yaml", "quoted.yaml"]);
    expect(r.diagnostics.every((d) => d.line > 0)).toBe(true);
  });

  it("a NUL byte anywhere (after 8 KB too) at its true line and column, in a comment of a catch22 manifest", () => {
    const text = `${svc("a")}${"# padding comment line\n".repeat(400)}# a NUL here: \0\n`;
    const r = load({ "a.yaml": text, "b.yaml": svc("b") });
    expect(messages(r)).toEqual(["a.yaml:405:15: a NUL byte: a binary file, not YAML text"]);
  });

  it("a binary file with no marker is still skipped, and said so with -v", () => {
    const r = load({ "bin.yaml": Buffer.from([0x7f, 0x45, 0, 1]), "b.yaml": svc("b") });
    expect(r.diagnostics).toEqual([]);
    expect(r.skipped.map((s) => s.file)).toContain("bin.yaml");
  });

  it("invalid UTF-8 in a description is an error at its position, not a silent U+FFFD", () => {
    const r = load({ "a.yaml": Buffer.concat([Buffer.from(`${svc("a")}description: caf`), Buffer.from([0xe9]), Buffer.from("\n")]) });
    expect(messages(r)).toEqual([
      "a.yaml:5:17: invalid UTF-8 (byte 0xe9); catch22 reads UTF-8 text, or UTF-16/UTF-32 with a byte-order mark",
    ]);
  });

  it("UTF-16 (both byte orders) and UTF-32 with a byte-order mark are decoded and read", () => {
    const text = svc("utf16");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    const u32 = Buffer.alloc(4 + text.length * 4);
    u32.writeUInt32LE(0xfeff, 0);
    for (let i = 0; i < text.length; i++) u32.writeUInt32LE(text.charCodeAt(i), 4 + i * 4);
    for (const buf of [le, be, u32]) {
      const r = load({ "a.yaml": buf });
      expect(messages(r)).toEqual([]);
      expect(r.declarations.map((d) => d.name)).toEqual(["utf16"]);
    }
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toMatchObject({ ok: false });
  });
});

describe("§1 near misses are errors with a did-you-mean", () => {
  const cases: [string, string, string][] = [
    ["apiversion: catch22/v1\nkind: Service\nname: a\n", "1:1", '"apiversion"'],
    ["apiVersion: catch-22/v1\nkind: Service\nname: a\n", "1:13", 'did you mean "catch22/v1"'],
    ["apiVersion: catch22.io/v1\nkind: Service\nname: a\n", "1:13", 'did you mean "catch22/v1"'],
    ["apiVersion: Catch22/v1\nkind: Service\nname: a\n", "1:13", 'did you mean "catch22/v1"'],
    ["apiVersion: backstage.io/v1beta2\nkind: Component\nmetadata: {name: a}\n", "1:13", 'did you mean "backstage.io/v1beta1"'],
    ["api_version: catch22/v1\nkind: Service\nname: a\n", "1:1", 'did you mean "apiVersion"'],
  ];
  for (const [text, at, says] of cases) {
    it(`${JSON.stringify(text.split("\n")[0])} at ${at}`, () => {
      const r = load({ "near.yaml": text, "ok.yaml": svc("ok") });
      expect(messages(r)).toHaveLength(1);
      expect(messages(r)[0]).toContain(`near.yaml:${at}: `);
      expect(messages(r)[0]).toContain(says);
    });
  }

  it("x-catch-22 on a Compose service, with or without x-catch22 elsewhere", () => {
    const r = load({ "compose.yaml": "services:\n  web:\n    x-catch-22: {owner: a}\n  db:\n    X_Catch22: {}\n", "ok.yaml": svc("ok") });
    expect(messages(r)).toEqual([
      'compose.yaml:3:5: key "x-catch-22" is not one catch22 reads (did you mean "x-catch22"?); catch22 would pass over this document',
      'compose.yaml:5:5: key "X_Catch22" is not one catch22 reads (did you mean "x-catch22"?); catch22 would pass over this document',
    ]);
  });

  it("other YAML of a repository (Kubernetes, CI) is still passed over quietly", () => {
    const r = load({
      "job.yaml": "apiVersion: batch/v1\nkind: Job\n",
      "deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
      "ci.yml": "jobs: {build: {runs-on: ubuntu-latest}}\n",
      "ok.yaml": svc("ok"),
    });
    expect(messages(r)).toEqual([]);
  });
});

describe("§1 what a walk cannot read, and what is not a regular file, is an error and never opened", () => {
  // Root reads everything: as root, the check runs the CLI as `nobody` (runuser), where it exists.
  const root = process.getuid?.() === 0;
  const runuser = root && spawnSync("runuser", ["--help"]).status === 0;
  /** `check .` in `dir` (a temporary tree, opened to others first) run by `nobody`, whom permissions stop. */
  const checkAsNobody = (dir: string) => {
    fs.chmodSync(dir, 0o755);
    return spawnSync("runuser", ["-u", "nobody", "--", process.execPath, CLI, "check", "."], { cwd: dir, encoding: "utf8" });
  };
  it.skipIf(root && !runuser)("an unreadable subdirectory and an unreadable file", () => {
    const dir = tempTree({ "ok.yaml": svc("ok"), "locked/a.yaml": svc("a"), "secret.yaml": svc("s") });
    fs.chmodSync(path.join(dir, "locked"), 0o000);
    fs.chmodSync(path.join(dir, "secret.yaml"), 0o000);
    try {
      if (root) {
        const r = checkAsNobody(dir);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("error locked: a directory the walk cannot read (permission denied, EACCES)");
        expect(r.stderr).toContain("error secret.yaml: cannot read it: permission denied (EACCES)");
      } else {
        const r = loadEstate(["."], { cwd: dir });
        expect(r.diagnostics.map((d) => d.file)).toEqual(["locked", "secret.yaml"]);
      }
    } finally {
      fs.chmodSync(path.join(dir, "locked"), 0o755);
    }
  });

  it.skipIf(root && !runuser)("a folder that can be listed but not entered: its files and subfolders are errors, not passed over", () => {
    // readdir needs only the folder's read bit; what is in it needs its execute bit. The walk no longer
    // resolves each entry's real path (which failed here, and so skipped both in silence).
    const dir = tempTree({ "ok.yaml": svc("ok"), "noexec/m.yaml": svc("m"), "noexec/sub/n.yaml": svc("n") });
    fs.chmodSync(path.join(dir, "noexec"), 0o644);
    try {
      if (root) {
        const r = checkAsNobody(dir);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("error noexec/m.yaml: cannot read it: permission denied (EACCES)");
        expect(r.stderr).toContain("error noexec/sub: a directory the walk cannot read (permission denied, EACCES)");
      } else {
        const r = loadEstate(["."], { cwd: dir });
        expect(r.diagnostics.map((d) => d.file).sort()).toEqual(["noexec/m.yaml", "noexec/sub"]);
      }
    } finally {
      fs.chmodSync(path.join(dir, "noexec"), 0o755);
    }
  });

  it("a FIFO and /dev/zero behind a link, in a walk and as --config and --baseline: exit 2 at once, no hang", () => {
    const dir = tempTree({ "ok.yaml": svc("ok") });
    execFileSync("mkfifo", [path.join(dir, "pipe.yaml")]);
    fs.symlinkSync("/dev/zero", path.join(dir, "zero.yaml"));
    const walk = runCli(["check", "."], { cwd: dir });
    expect(walk.code).toBe(2);
    expect(walk.stderr).toContain("pipe.yaml: a FIFO (named pipe), not a regular file");
    expect(walk.stderr).toContain("zero.yaml: a character device, not a regular file");
    const config = runCli(["check", "ok.yaml", "--config", "pipe.yaml"], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain("pipe.yaml: config file: a FIFO");
    const baseline = runCli(["check", "ok.yaml", "--baseline", "zero.yaml"], { cwd: dir });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain("zero.yaml: baseline: a character device");
    fs.symlinkSync("/dev/zero", path.join(dir, "catch22.config.yaml"));
    expect(runCli(["check", "ok.yaml"], { cwd: dir }).stderr).toContain("catch22.config.yaml: config file: a character device");
  });

  it("a file over 512 MiB is refused by its size before it is read (a sparse file)", () => {
    const dir = tempTree({ "huge.yaml": "apiVersion: catch22/v1\n" });
    fs.truncateSync(path.join(dir, "huge.yaml"), MAX_FILE_BYTES + 1);
    const r = loadEstate(["."], { cwd: dir });
    expect(messages(r)[0]).toBe("huge.yaml: too large (512 MiB); catch22 reads files of up to 512 MiB".replace(": ", ":0:0: "));
  });
});

describe("§1 a run with nothing to analyse says what it skipped, and an input with no services is exit 2", () => {
  it("lists up to 20 skipped files, then a count", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 25; i++) files[`f${String(i).padStart(2, "0")}.yaml`] = "a: 1\n";
    const r = load(files);
    expect(r.diagnostics).toHaveLength(1);
    const m = r.diagnostics[0]?.message as string;
    expect(m).toContain("passed over 25: f00.yaml: no apiVersion");
    expect(m).toContain("f19.yaml");
    expect(m).not.toContain("f20.yaml");
    expect(m).toMatch(/; and 5 more$/);
  });

  it("an empty ServiceList, and a Compose file with an empty services mapping, named or walked", () => {
    const list = load({ "a.yaml": "apiVersion: catch22/v1\nkind: ServiceList\nservices: []\n" });
    expect(messages(list)).toEqual([".:0:0: no services here: the catch22 documents found declare none"]);
    const named = load({ "compose.yaml": "services: {}\n" }, ["compose.yaml"]);
    expect(messages(named)).toEqual(["compose.yaml:0:0: no services in this file: nothing to analyse"]);
  });
});

describe("§1 messages a user can act on", () => {
  it("a raw ESC at its own column, not where the parser gave up", () => {
    const r = load({ "a.yaml": `${svc("a")}description: ab\x1bcd\n` });
    expect(messages(r)[0]).toMatch(/^a\.yaml:5:16: a raw control character \(U\+001B\)/);
  });

  it("an unclosed [ points at the opening bracket too, with a code frame", () => {
    const r = load({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nruntime: [b, c\nrollback: []\n" });
    expect(r.diagnostics[0]?.message).toContain('the "[" opened at 4:10 is not closed');
    expect(r.diagnostics[0]?.frame?.[0]).toBe("    5 | rollback: []");
  });

  it("an indentation mistake gets the line, a caret and a hint on the terminal", () => {
    const dir = tempTree({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nruntime:\n  - b\n rollback: []\n" });
    const r = runCli(["check", "a.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "a.yaml:6:1: YAML: All mapping items must start at the same column\n    6 |  rollback: []\n      | ^\n  hint: check the indentation",
    );
  });

  it("zero-width and look-alike characters in a name are named, with their code point", () => {
    const r = load({ "a.yaml": svc("ab\u200bc"), "b.yaml": svc("\u0430pi") });
    expect(messages(r)[0]).toContain('invalid service name "ab\\u200bc" (contains U+200B ZERO WIDTH SPACE at character 3)');
    expect(messages(r)[0]).not.toContain("\u200b");
    expect(messages(r)[1]).toContain("(contains U+0430 a letter outside A-Z (a look-alike?) at character 1)");
  });

  it("a 10 MB unknown key is not echoed whole", () => {
    const r = load({ "a.yaml": `${svc("a")}${"k".repeat(10_000_000)}: 1\n` });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message.length).toBeLessThan(400);
  });
});
