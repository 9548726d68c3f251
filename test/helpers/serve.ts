// Test helpers for the server: start the built CLI's `serve` on a free port, make raw requests, read SSE.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ViewPayload } from "../../src/report/view-model.js";
import type { ChangeEvent } from "../../src/server/diff.js";
import { type Held, takeChange } from "../../web/live.js";

export const CLI = join(process.cwd(), "dist/cli/main.js");

export interface Served {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A copy of an example in a temporary folder, so a test may edit it. */
export function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "catch22-serve-"));
  cpSync(join(process.cwd(), "examples", name), dir, { recursive: true });
  return dir;
}

/** Starts `catch22 serve --port 0 ARGS` (in `cwd`, where a catch22.config.yaml is read) and resolves once it listens. */
export function serve(args: string[], options: { cwd?: string } = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /at (http:\/\/\S+?:(\d+)\/)/.exec(out);
      if (m) {
        resolve({
          url: m[1] as string,
          port: Number(m[2]),
          child,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

/** A request sent exactly as written (no URL normalisation, so `/../x` reaches the server as is). */
export function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (b: Buffer) => (body += b.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The whole analysis the server holds now, and its version (the `x-catch22-version` header). */
export async function wholeAnalysis(port: number): Promise<{ version: number; payload: ViewPayload }> {
  const res = await raw(port, "GET", "/api/analysis");
  return { version: Number(res.headers["x-catch22-version"]), payload: JSON.parse(res.body) as ViewPayload };
}

/** Opens /api/events and resolves with the whole analysis after the first `change` event that follows `trigger`. */
export function nextAnalysis(port: number, trigger: () => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/events" }, (res) => {
      let buf = "";
      let triggered = false;
      res.on("data", (b: Buffer) => {
        buf += b.toString();
        if (!triggered && buf.includes(": connected")) {
          triggered = true;
          trigger();
        }
        if (/event: change\ndata: .*\n\n/.test(buf)) {
          req.destroy();
          wholeAnalysis(port).then((w) => resolve(w.payload), reject);
        }
      });
    });
    req.on("error", (e) => {
      if ((e as NodeJS.ErrnoException).code !== "ECONNRESET") reject(e);
    });
    req.end();
  });
}

/**
 * Follows the server as the page does (web/live.ts): the whole analysis once, then each `change` event
 * applied to it; `states` holds what the page shows after each change, `changes` the events as sent.
 */
export function follow(port: number): {
  states: ViewPayload[];
  changes: ChangeEvent[];
  held: Held;
  ready: Promise<void>;
  idle(): Promise<void>;
  stop(): void;
} {
  const states: ViewPayload[] = [];
  const changes: ChangeEvent[] = [];
  const held: Held = { version: 0, model: undefined, modelVersion: 0 };
  let queue = Promise.resolve();
  let stop = () => {};
  const fetchAll = async () => {
    const w = await wholeAnalysis(port);
    held.version = w.version;
    held.model = w.payload.ok ? w.payload.model : undefined;
    held.modelVersion = w.payload.ok ? w.version : 0;
    return w.payload;
  };
  const ready = new Promise<void>((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/events" }, (res) => {
      let buf = "";
      res.on("data", (b: Buffer) => {
        buf += b.toString();
        if (buf.includes(": connected")) {
          queue = queue.then(async () => {
            await fetchAll();
            resolve();
          });
        }
        for (let m = /event: change\ndata: (.*)\n\n/.exec(buf); m; m = /event: change\ndata: (.*)\n\n/.exec(buf)) {
          const c = JSON.parse(m[1] as string) as ChangeEvent;
          buf = buf.slice(m.index + m[0].length);
          changes.push(c);
          queue = queue.then(async () => {
            const next = takeChange(held, c);
            if (next === "fetch") states.push(await fetchAll());
            else if (next) states.push(next);
          });
        }
        buf = buf.replace(/^: connected\n\n/, "");
      });
    });
    req.on("error", () => {});
    req.end();
    stop = () => req.destroy();
  });
  return { states, changes, held, ready, idle: () => queue, stop: () => stop() };
}
