// `catch22 serve`: the interactive web view on a loopback server, re-analysed when a manifest changes (SPEC §5).
import { spawn } from "node:child_process";
import type { Command } from "commander";
import { isLoopback } from "../../server/hosts.js";
import { startServer } from "../../server/index.js";
import { listNames, printable } from "../../util/text.js";
import { reportDiagnostics, UsageError } from "../io.js";
import { CONFIG_OPTION, OBSERVED_EDGES_OPTION, OBSERVED_OPTION, type ObservedCliOptions, resolveSettings } from "../settings.js";

interface ServeCliOptions extends ObservedCliOptions {
  port: string;
  host: string;
  open?: boolean;
  config?: string;
  allowHost: string[];
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
  program
    .command("serve")
    .description("serve the interactive web view (re-analysed when a manifest changes)")
    .argument("[paths...]", "manifest files or directories (default: the config's paths, else .)")
    .option("-p, --port <port>", "port to listen on (0: any free port)", "4622")
    .option("--host <host>", "address to bind; the default keeps it on this machine", "127.0.0.1")
    .option(
      "--allow-host <name>",
      "also answer requests naming this host (repeatable); loopback names are always answered",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--open", "open the page in the default browser")
    .option(...CONFIG_OPTION)
    .option(...OBSERVED_OPTION)
    .option(...OBSERVED_EDGES_OPTION)
    .action(async (cliPaths: string[], opts: ServeCliOptions, cmd: Command) => {
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
        running = await startServer({ paths, config, port, host: opts.host, allowHosts: opts.allowHost });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === "EADDRINUSE") throw new UsageError(`port ${port} is in use on ${opts.host}; choose another with --port`);
        if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") throw new UsageError(`cannot bind to --host ${opts.host}`);
        throw e;
      }
      process.stdout.write(`catch22 serving ${printable(paths.join(" "))} at ${running.url} (Ctrl-C to stop)\n`);
      if (!isLoopback(opts.host)) {
        const names = ["localhost", "127.0.0.0/8", "[::1]", opts.host, ...opts.allowHost].map(printable);
        process.stderr.write(
          `catch22: warning: listening on ${printable(opts.host)}: anyone who can reach this address can read the analysis. ` +
            `Against DNS rebinding (a web page that points its own name at this machine), only requests naming ${listNames(names, 20)} are answered; ` +
            "add the names others use to reach it with --allow-host\n",
        );
      }
      if (opts.open) openBrowser(running.url);
      await new Promise<void>((done) => {
        const stop = () => void running.close().then(done);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
