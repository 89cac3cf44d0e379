import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["node_modules/**"],
    // Integration tests run real Eleventy builds and the real command line; they take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/register-tsx.ts"],
    // Much of a test's time is spent waiting on a child process or Chromium, so two files run at
    // once even on two cores (Vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share the modules they load, as `npm start` shares them across rebuilds: loading
    // Eleventy and the pipeline again for every file was a third of the suite's time. This holds
    // while no test mocks a module or changes the process's state (eslint.config.js forbids both).
    isolate: false,
  },
});
