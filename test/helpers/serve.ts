// Test helpers for the server: start the built CLI's `serve` on a free port, make raw requests, read SSE.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/** Opens /api/events and resolves with the data of the first `analysis` event after `trigger` runs. */
export function nextAnalysis(port: number, trigger: () => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/events" }, (res) => {
      let buf = "";
      res.on("data", (b: Buffer) => {
        buf += b.toString();
        if (buf.startsWith(": connected") && !buf.includes("event:")) {
          buf = buf.replace(/^: connected\n\n/, "");
          if (!(req as unknown as { triggered?: boolean }).triggered) {
            (req as unknown as { triggered?: boolean }).triggered = true;
            trigger();
          }
        }
        const m = /event: analysis\ndata: (.*)\n\n/.exec(buf);
        if (m) {
          req.destroy();
          resolve(JSON.parse(m[1] as string));
        }
      });
    });
    req.on("error", (e) => {
      if ((e as NodeJS.ErrnoException).code !== "ECONNRESET") reject(e);
    });
    req.end();
  });
}
