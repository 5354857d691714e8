import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { applyMigrations } from "../migrations/apply-migrations";
import type { Database } from "../open-database";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped by close()).
 */
export async function createTestDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const serverUrl = env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    const pglite = await PGlite.create();
    const adapterFactory = new PrismaPGlite(pglite);
    await applyMigrations(adapterFactory);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      kind: "embedded",
      adapterFactory,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }

  const name = `minbil_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  const adapterFactory = new PrismaPg(pool);
  await applyMigrations(adapterFactory);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind: "postgres",
    adapterFactory,
    async close() {
      await prisma.$disconnect();
      await pool.end();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
