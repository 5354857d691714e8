import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/**
 * Every PGlite this project opens (the app's data folder, the in-memory test databases, the throw-away
 * one that plans migrations and its shadow database) comes from here, so each has the extensions the
 * migrations create: `CREATE EXTENSION pg_trgm` fails in a PGlite opened without it. ESLint refuses
 * `PGlite` elsewhere.
 *
 * @param dataDir a folder, or nothing for an in-memory database
 */
export function openPglite(dataDir?: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}

/**
 * The Prisma adapter factory over a PGlite. The adapter's own shadow database (used to plan migrations)
 * is a PGlite without extensions; this one opens it through openPglite().
 */
export class PrismaPGliteWithExtensions extends PrismaPGlite {
  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new PrismaPGlite(await openPglite()).connect();
  }
}
