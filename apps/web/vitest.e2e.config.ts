import { defineConfig } from "vitest/config";

// End-to-end: a production build of the app (`next start`) on a fresh embedded database with demo
// data, driven over HTTP and in Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["e2e/support/start-server.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
