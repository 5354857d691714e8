import { defineConfig } from "vitest/config";

// `pnpm test` runs every package's tests. They use an in-memory embedded PostgreSQL per test file;
// set TEST_DATABASE_URL=postgresql://... to run the same suite against a PostgreSQL server.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
    maxWorkers: 2,
  },
});
