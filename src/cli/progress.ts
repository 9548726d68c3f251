// Progress on stderr for large estates: only on a terminal, never when piped or in CI.
export interface Progress {
  files(done: number, total: number): void;
  stage(text: string): void;
  done(): void;
}

const SILENT: Progress = { files() {}, stage() {}, done() {} };

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI || process.env.NO_PROGRESS) return SILENT;
  let last = 0;
  let shown = false;
  const write = (text: string) => {
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
