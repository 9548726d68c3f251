// vitest: the whole suite under test/, with temporary trees cleaned up after each file.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Many tests spawn the built CLI or drive Chromium: on a busy 2-core machine one such test
    // took over 5 s (vitest's default) while its work takes well under a second when idle. The
    // limits are for hangs, not for speed; files that need more set their own.
    testTimeout: 60_000,
    // vitest runs cores − 1 files at once: one at a time on a 2-core machine, while most files wait
    // on a spawned CLI or on Chromium. Every core: the suite 7 min → 4.5 min here, no test slower
    // than its limit.
    maxWorkers: availableParallelism(),
    minWorkers: availableParallelism(),
    hookTimeout: 120_000,
  },
});
