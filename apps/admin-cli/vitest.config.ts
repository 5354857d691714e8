import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "admin-cli",
    environment: "node",
    include: ["src/**/*.test.ts"],
    // The commands run as child processes that open (and migrate) a database of their own.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
