// catch22 diff: the findings a change introduces and resolves, between two sets of paths or a git revision and the working tree.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempTree } from "../helpers/cli.js";

// A git hook or a parent repository must not redirect the git commands of these tests.
for (const k of Object.keys(process.env)) if (k.startsWith("GIT_")) delete process.env[k];

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;
const BROKEN = "examples/tencent-2024";
const FIXED = "examples/tencent-2024-fixed";

describe("diff <base-paths> -- <head-paths>", { timeout: 60_000 }, () => {
  it("a change that adds a catch-22: introduced with its witness, exit 1", () => {
    const r = runCli(["diff", FIXED, "--", BROKEN]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe(`catch22 diff · base ${FIXED} (18 services, 1 finding) → head ${BROKEN} (17 services, 1 finding)`);
    expect(r.stdout).toContain(
      "introduced (1)\n  ✖ Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api [rollback-needs-broken]",
    );
    expect(r.stdout).toMatch(new RegExp(`cloud-api ⇒ rollback-pipeline +${BROKEN}/control-plane.yaml:27:14`));
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(
      // The fixed estate's shared-fate warning (both rollback paths need config-store) is gone with the break-glass console.
      "✖ 1 finding introduced, 1 resolved, 0 unchanged (1 introduced finding at or above --fail-on error)",
    );
  });

  it("a change that fixes it: resolved, exit 0; the same estate on both sides: unchanged, exit 0", () => {
    const r = runCli(["diff", BROKEN, "--", FIXED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "resolved (1)\n  ✔ Rolling back cloud-api needs rollback-pipeline, which runs on cloud-api [rollback-needs-broken]",
    );
    const same = runCli(["diff", BROKEN, "--", BROKEN]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("0 findings introduced, 0 resolved, 1 unchanged");
  });

  it("json and markdown say the same; --fail-on never passes a change that introduces an error", () => {
    const j = runCli(["diff", "--format", "json", FIXED, "--", BROKEN]);
    expect(j.code).toBe(1);
    const report = JSON.parse(j.stdout);
    expect(report).toMatchObject({
      schemaVersion: 1,
      base: { label: FIXED, paths: [FIXED], services: 18, findings: { error: 0, warning: 1, info: 0 } },
      head: { label: BROKEN, paths: [BROKEN], services: 17, findings: { error: 1, warning: 0, info: 0 } },
      summary: {
        introduced: { error: 1, warning: 0, info: 0 },
        resolved: { error: 0, warning: 1, info: 0 },
        unchanged: 0,
        failing: 1,
        failOn: "error",
      },
    });
    expect(report.introduced.map((f: { rule: string; services: string[] }) => `${f.rule} ${f.services}`)).toEqual([
      "rollback-needs-broken cloud-api",
    ]);
    const md = runCli(["diff", "--format", "markdown", FIXED, "--", BROKEN]);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain("✖ **This change introduces 1 finding at or above `--fail-on error`**.");
    expect(md.stdout).toContain("### Introduced");
    expect(md.stdout).toContain("| ✖ error | `rollback-needs-broken` | `cloud-api` |");
    expect(runCli(["diff", "--fail-on", "never", FIXED, "--", BROKEN]).code).toBe(0);
  });

  it("exits 2 saying which side holds an input error, and on a command line without two sides", () => {
    const dir = tempTree({
      "base/a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nrollbak: []\n",
      "head/a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\nrollback: []\n",
    });
    const base = runCli(["diff", "base", "--", "head"], { cwd: dir });
    expect(base.code).toBe(2);
    expect(base.stdout).toBe("");
    expect(base.stderr).toContain('error in the base (base): base/a.yaml:4:1: unknown key "rollbak"');
    const head = runCli(["diff", "head", "--", "base"], { cwd: dir });
    expect(head.code).toBe(2);
    expect(head.stderr).toContain("error in the head (base): base/a.yaml:4:1");
    const nothing = runCli(["diff", "head", "--", "nowhere"], { cwd: dir });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("in the head (nowhere): nowhere: no such file or directory");
    const usage: [string[], string][] = [
      [["diff", "head"], "diff needs two sides"],
      [["diff", "head", "--"], "diff needs paths on both sides of --"],
      [["diff", "--", "head"], "diff needs paths on both sides of --"],
      [
        ["diff", "base", "--", "head", "--format", "json"],
        '"--format" comes after --, so it is read as a head path; put options before the --',
      ],
    ];
    for (const [args, message] of usage) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toContain(message);
      expect(r.stderr, args.join(" ")).not.toMatch(STACK_TRACE);
    }
  });
});

describe("diff --base-ref <git-ref>", { timeout: 60_000 }, () => {
  let repo = "";
  let tmp = "";
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(r.status, `git ${args.join(" ")}: ${r.stderr}`).toBe(0);
    return r.stdout.trim();
  };
  // The temporary checkout goes to a directory of its own, so the test can see it is removed.
  const run = (args: string[], cwd = repo) => runCli(args, { cwd, env: { TMPDIR: tmp } });

  beforeAll(() => {
    repo = tempTree({ "README.md": "a service estate\n", "other.yaml": "not: a manifest\n" });
    tmp = tempTree({});
    git("init", "-q", "-b", "main");
    fs.cpSync(path.join(ROOT, FIXED), path.join(repo, "services"), { recursive: true });
    git("add", "-A");
    git("commit", "-q", "-m", "the fixed estate");
    fs.rmSync(path.join(repo, "services"), { recursive: true });
    fs.cpSync(path.join(ROOT, BROKEN), path.join(repo, "services"), { recursive: true });
    git("add", "-A");
    git("commit", "-q", "-m", "roll back through the API");
  });

  it("reads the manifests at the revision: the commit that added the catch-22 introduces it (exit 1), with head's paths", () => {
    const r = run(["diff", "--base-ref", "HEAD~1", "services"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(
      "catch22 diff · base HEAD~1 (18 services, 1 finding) → head working tree (17 services, 1 finding)",
    );
    expect(r.stdout).toMatch(/cloud-api ⇒ rollback-pipeline +services\/control-plane.yaml:27:14/);
    const j = JSON.parse(run(["diff", "--base-ref", "HEAD~1", "--format", "json", "services"]).stdout);
    expect(j.base.commit).toBe(git("rev-parse", "HEAD~1"));
    expect(j.introduced[0].locations[0].file).toBe("services/control-plane.yaml");
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("from a subdirectory with the default path, and against HEAD (nothing changed): exit 0; resolved when the working tree fixes it", () => {
    const sub = path.join(repo, "services");
    const same = run(["diff", "--base-ref", "HEAD"], sub);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("0 findings introduced, 0 resolved, 1 unchanged");
    fs.writeFileSync(path.join(sub, "control-plane.yaml"), fs.readFileSync(path.join(ROOT, FIXED, "control-plane.yaml")));
    const fixed = run(["diff", "--base-ref", "main", "--format", "markdown"], sub);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("### Resolved");
    expect(fixed.stdout).toContain("`control-plane.yaml:27:14`");
    git("checkout", "--", "services");
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("a directory that holds no manifests at the base is empty there; everything in it is introduced", () => {
    fs.mkdirSync(path.join(repo, "new"));
    fs.writeFileSync(path.join(repo, "new/a.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: a\nruntime: [a]\nrollback: []\n");
    const r = run(["diff", "--base-ref", "HEAD", "new"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("catch22: new holds no manifests at HEAD; the base has nothing there");
    expect(r.stdout).toContain("base HEAD (0 services, 0 findings)");
    fs.rmSync(path.join(repo, "new"), { recursive: true });
  });

  it("exits 2 on an unknown revision, outside a repository, with input errors at the base, and with both forms at once", () => {
    const unknown = run(["diff", "--base-ref", "no-such-branch", "services"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('catch22: base: unknown git revision "no-such-branch"');
    const outside = run(["diff", "--base-ref", "HEAD", "."], tempTree({ "a.yaml": "apiVersion: catch22/v1\nkind: Service\nname: a\n" }));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("--base-ref needs a git repository");
    expect(run(["diff", "--base-ref", "HEAD", "services", "--", "services"]).code).toBe(2);

    fs.writeFileSync(path.join(repo, "services/bad.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: bad\ntier: 7\n");
    git("add", "-A");
    git("commit", "-q", "-m", "a bad manifest");
    fs.rmSync(path.join(repo, "services/bad.yaml"));
    const bad = run(["diff", "--base-ref", "HEAD", "services"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error in the base (HEAD): services/bad.yaml:4:7: expected "tier" to be an integer');
    expect(bad.stderr).not.toMatch(STACK_TRACE);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("a base tree holding a link lnk.yaml -> /some/dir and a directory lnk.yaml/ writes nothing anywhere; the link is not followed", () => {
    const outside = tempTree({});
    const hash = (text: string) => {
      const r = spawnSync("git", ["hash-object", "-w", "--stdin"], { cwd: repo, input: text, encoding: "utf8" });
      return r.stdout.trim();
    };
    const mktree = (entries: string) => {
      const r = spawnSync("git", ["mktree"], { cwd: repo, input: entries, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    // A tree no `git add` makes: the same name as a symbolic link and as a directory.
    const inner = mktree(`100644 blob ${hash("apiVersion: catch22/v1\nkind: Service\nname: planted\n")}\tx.yaml\n`);
    const evil = mktree(
      `120000 blob ${hash(outside)}\tlnk.yaml\n040000 tree ${inner}\tlnk.yaml\n100644 blob ${hash("apiVersion: catch22/v1\nkind: Service\nname: ok\n")}\tok.yaml\n`,
    );
    const top = mktree(`040000 tree ${evil}\tevil\n`);
    const commit = git("commit-tree", top, "-m", "a hostile tree");
    fs.mkdirSync(path.join(repo, "evil"), { recursive: true });
    fs.writeFileSync(path.join(repo, "evil/ok.yaml"), "apiVersion: catch22/v1\nkind: Service\nname: ok\n");
    const r = run(["diff", "--base-ref", commit, "evil", "--format", "json", "--verbose"]);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain("skipped (base) evil/lnk.yaml: a symbolic link in the base revision (not followed)");
    expect(r.code, r.stderr).toBe(0);
    fs.rmSync(path.join(repo, "evil"), { recursive: true });
  });
});
