import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "api",
    environment: "node",
    include: ["src/**/*.test.ts"],
    // Each test file migrates its own database (PGlite in memory, or one on TEST_DATABASE_URL).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
