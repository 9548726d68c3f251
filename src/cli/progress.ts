// Progress on stderr for large estates: only on a terminal, never when piped or in CI.
export interface Progress {
  files(done: number, total: number): void;
  stage(text: string): void;
  done(): void;
}

const SILENT: Progress = { files() {}, stage() {}, done() {} };

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI || process.env.NO_PROGRESS) return SILENT;
  // Small estates finish before progress would help: stay quiet for the first half second.
  const start = Date.now();
  let last = 0;
  let shown = false;
  const write = (text: string) => {
    if (Date.now() - start < 500) return;
    stream.write(`\r\u001b[2K${text}`);
    shown = true;
  };
  return {
    files(done, total) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      write(`catch22: reading manifests ${done}/${total} files`);
    },
    stage(text) {
      write(`catch22: ${text}`);
    },
    done() {
      if (shown) stream.write("\r\u001b[2K");
      shown = false;
    },
  };
}
