import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../migrations/apply-migrations";
import { fromFactory, withPool, type Database } from "../open-database";
import { openPglite, PrismaPGliteWithExtensions } from "../embedded/open-pglite";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped by close()).
 */
export async function createTestDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const serverUrl = env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    const pglite = await openPglite();
    const database = fromFactory("embedded", new PrismaPGliteWithExtensions(pglite), () => pglite.close());
    await applyMigrations(database.adapterFactory);
    return database;
  }

  const name = `minbil_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  // Dropping the database (WITH FORCE) ends any connection still closing; that is expected, not a crash.
  pool.on("error", () => {});
  const database = withPool("postgres", pool, async () => {
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropper.end();
  });
  await applyMigrations(database.adapterFactory);
  return { ...database, connectionString: url.toString() };
}
