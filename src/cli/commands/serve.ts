// `catch22 serve`: the interactive web view on a loopback server, re-analysed when a manifest changes (SPEC §5).
import { spawn } from "node:child_process";
import type { Command } from "commander";
import { startServer } from "../../server/index.js";
import { reportDiagnostics, UsageError } from "../io.js";
import { CONFIG_OPTION, type ObservedCliOptions, observedOptions, resolveSettings } from "../settings.js";

interface ServeCliOptions extends ObservedCliOptions {
  port: string;
  host: string;
  open?: boolean;
  config?: string;
}

function openBrowser(url: string): void {
  const cmd = process.platform === "darwin" ? "open" : process.platform === "win32" ? "cmd" : "xdg-open";
  const args = process.platform === "win32" ? ["/c", "start", "", url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: "ignore", detached: true });
    child.on("error", () => process.stderr.write(`catch22: could not open a browser; open ${url}\n`));
    child.unref();
  } catch {
    process.stderr.write(`catch22: could not open a browser; open ${url}\n`);
  }
}

export function registerServe(program: Command): void {
  const command = program
    .command("serve")
    .description("serve the interactive web view (re-analysed when a manifest changes)")
    .argument("[paths...]", "manifest files or directories (default: the config's paths, else .)")
    .option("-p, --port <port>", "port to listen on (0: any free port)", "4622")
    .option("--host <host>", "address to bind; the default keeps it on this machine", "127.0.0.1")
    .option("--open", "open the page in the default browser")
    .option(...CONFIG_OPTION);
  observedOptions(command).action(async (cliPaths: string[], opts: ServeCliOptions, cmd: Command) => {
    const port = /^\d{1,5}$/.test(opts.port) ? Number(opts.port) : Number.NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be an integer from 0 to 65535, got "${opts.port}"`);
    const resolved = resolveSettings(cmd, cliPaths, opts);
    if (!resolved.ok) {
      process.exitCode = reportDiagnostics(resolved.diagnostics);
      return;
    }
    const { paths, config } = resolved.settings;
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      running = await startServer({ paths, config, port, host: opts.host });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "EADDRINUSE") throw new UsageError(`port ${port} is in use on ${opts.host}; choose another with --port`);
      if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") throw new UsageError(`cannot bind to --host ${opts.host}`);
      throw e;
    }
    process.stdout.write(`catch22 serving ${paths.join(" ")} at ${running.url} (Ctrl-C to stop)\n`);
    if (!["127.0.0.1", "::1", "localhost"].includes(opts.host)) {
      process.stderr.write(`catch22: warning: listening on ${opts.host}: anyone who can reach this address can read the analysis\n`);
    }
    if (opts.open) openBrowser(running.url);
    await new Promise<void>((done) => {
      const stop = () => void running.close().then(done);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  });
}
