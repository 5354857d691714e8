// One ESLint flat config for the monorepo; each package's `lint` task runs it over its own folder.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import globals from "globals";

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
    },
  },
  // The Next.js app: Next's own rules (React, hooks, accessibility, Core Web Vitals) on top.
  ...[...nextVitals, ...nextTypescript].map((config) => ({ ...config, files: [WEB] })),
  {
    files: [WEB],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { next: { rootDir: "apps/web/" }, react: { version: "19" } },
  },
);
