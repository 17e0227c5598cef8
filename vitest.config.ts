import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/temp-root.ts"],
    // CLI tests spawn the real binary; a shared machine can be slow to start one.
    testTimeout: 60_000,
    // The JSON results feed .ci/run's closing `tests: N passed, M failed` line.
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
