import type { NextConfig } from "next";

const config: NextConfig = {
  // The workspace packages are TypeScript source, compiled by Next.
  transpilePackages: ["@minbil/api", "@minbil/contracts", "@minbil/db"],
  // In-process database, native argon2 and the pg driver stay plain Node modules (not bundled).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pg",
    "busboy",
    "pino",
    "file-type",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
