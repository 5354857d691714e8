// One ESLint flat config for the monorepo; each package's `lint` task runs it over its own folder.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import globals from "globals";
import path from "node:path";

const WEB = "apps/web/**/*.{ts,tsx}";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/generated/**", "**/.data/**", "**/next-env.d.ts", "**/.turbo/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        // Settings are read through each app's validated env module, so a bad value stops the start with its name.
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read settings through the env module (src/env.ts).",
        },
      ],
    },
  },
  {
    // The env modules themselves, tests, benchmarks and tooling may read the environment directly.
    files: [
      "**/env.ts",
      "**/*.test.ts",
      "**/e2e/**",
      "**/bench/**",
      "**/testing/**",
      "**/scripts/**",
      "*.config.{ts,js,mjs}",
      "**/*.config.{ts,js,mjs}",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // Every PGlite is opened by packages/db/src/embedded/open-pglite.ts, with the extensions the migrations need.
    files: ["**/*.{ts,tsx}"],
    ignores: ["packages/db/src/embedded/open-pglite.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@electric-sql/pglite",
              importNames: ["PGlite"],
              message: "Open PGlite with openPglite() (packages/db/src/embedded/open-pglite.ts): it loads pg_trgm.",
            },
          ],
        },
      ],
    },
  },
  // The Next.js app: Next's own rules (React, hooks, accessibility, Core Web Vitals) on top.
  ...[...nextVitals, ...nextTypescript].map((config) => ({ ...config, files: [WEB] })),
  {
    files: [WEB],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { next: { rootDir: path.join(import.meta.dirname, "apps/web") }, react: { version: "19" } },
  },
);
