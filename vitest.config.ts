// vitest: the whole suite under test/, with temporary trees cleaned up after each file.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Many tests spawn the built CLI or drive Chromium: on a busy 2-core machine one such test
    // took over 5 s (vitest's default) while its work takes well under a second when idle. The
    // limits are for hangs, not for speed; files that need more set their own.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
