import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/test-database";
import { withPool, type Database } from "../open-database";
import { applyMigrations } from "./apply-migrations";

const url = process.env.TEST_DATABASE_URL;

// Two app processes on one PostgreSQL each apply pending migrations at start (a rolling deploy starts
// the new one while the old one runs). The migration engine's advisory lock must not outlive the
// migration, or the second process waits at its start for good.
describe.skipIf(!url)("applyMigrations on PostgreSQL (runs in the TEST_DATABASE_URL pass of the suite)", () => {
  let first: Database;
  let second: Database | undefined;
  beforeAll(async () => {
    // Migrated here through withPool, as the app does; the database stays open, as a running app's does.
    first = await createTestDatabase();
    await first.prisma.$queryRaw`SELECT 1`;
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it("lets a second process migrate the same database while the first keeps its connections", async () => {
    second = withPool("postgres", new pg.Pool({ connectionString: first.connectionString, max: 10 }));
    const started = Date.now();
    // The pg query timeout is not set here: a lock wait would hang, so the test bounds it itself.
    const outcome = await Promise.race([
      applyMigrations(second.adapterFactory).then(() => "migrated"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting after 8 s"), 8_000)),
    ]);
    expect(outcome).toBe("migrated");
    expect(Date.now() - started).toBeLessThan(8_000);
    // Soon after, no connection of either process holds an advisory lock left over from migrating.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const locks = await first.prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND a.datname = current_database()`;
    expect(Number(locks[0]!.count)).toBe(0);
  });
});
