import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { Prisma } from "./generated/prisma/client";
import { isUniqueViolation } from "./database-errors";
import { withPool, type Database } from "./open-database";
import { sqlTransaction } from "./sql-transaction";
import { createTestDatabase } from "./testing/test-database";

// Runs on the embedded database (through a Prisma transaction) and, in the TEST_DATABASE_URL pass of
// the suite, on a PostgreSQL server (on a pg connection). There the pool has one connection, so every
// transaction below runs on the connection the one before it left behind.
describe("sqlTransaction", () => {
  let database: Database;
  let single: Database | undefined;
  const zone = process.env.TZ;
  const db = () => (single ?? database).prisma;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database.connectionString) single = withPool("postgres", new pg.Pool({ connectionString: database.connectionString, max: 1 }));
    await database.prisma.$executeRaw`CREATE TABLE probe (id int PRIMARY KEY, note text NOT NULL, at timestamp(3))`;
    // Away from UTC: a time written through the connection must still be stored as UTC, as Prisma does.
    process.env.TZ = "Europe/Oslo";
  });
  afterAll(async () => {
    process.env.TZ = zone;
    await single?.close();
    await database?.close();
  });

  const notes = async () =>
    (await database.prisma.$queryRaw<{ id: number; note: string }[]>`SELECT id, note FROM probe ORDER BY id`).map((row) => row.note);

  it("commits every statement when the work returns, and gives its result", async () => {
    const at = new Date("2026-07-01T10:15:30.123Z");
    const result = await sqlTransaction(db(), async (sql) => {
      await sql.execute(Prisma.sql`INSERT INTO probe (id, note, at) VALUES (1, 'first', ${at}::timestamp)`);
      const [row] = await sql.rows<{ id: number }>(Prisma.sql`INSERT INTO probe (id, note) VALUES (2, 'second') RETURNING id`);
      return { id: row!.id, changed: await sql.execute(Prisma.sql`UPDATE probe SET note = note WHERE id IN (1, 2)`) };
    });
    expect(result).toEqual({ id: 2, changed: 2 });
    expect(await notes()).toEqual(["first", "second"]);
    const [stored] = await database.prisma.$queryRaw<{ at: Date; text: string }[]>`SELECT at, at::text AS text FROM probe WHERE id = 1`;
    expect(stored!.text).toBe("2026-07-01 10:15:30.123");
    expect(stored!.at.toISOString()).toBe(at.toISOString());
  });

  it("keeps nothing of a transaction whose work throws, and the next one runs", async () => {
    const refused = new Error("not this one");
    await expect(
      sqlTransaction(db(), async (sql) => {
        await sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (3, 'half-written')`);
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(await notes()).toEqual(["first", "second"]);
    await sqlTransaction(db(), (sql) => sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (3, 'third')`));
    expect(await notes()).toEqual(["first", "second", "third"]);
  });

  it("rolls back a statement the database refuses, tells a unique violation as such, and the next one runs", async () => {
    const error = await sqlTransaction(db(), async (sql) => {
      await sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (4, 'before the clash')`);
      await sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (1, 'clash')`);
    }).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await notes()).toEqual(["first", "second", "third"]);
    await sqlTransaction(db(), (sql) => sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (4, 'fourth')`));
    expect(await notes()).toEqual(["first", "second", "third", "fourth"]);
  });

  it("does not report as stored a transaction whose failed statement the work caught", async () => {
    const outcome = await sqlTransaction(db(), async (sql) => {
      await sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (5, 'lost with the failure')`);
      await sql.execute(Prisma.sql`INSERT INTO probe (id, note) VALUES (1, 'clash')`).catch(() => "caught");
      return "stored";
    }).catch(() => "refused");
    expect(outcome).toBe("refused");
    expect(await notes()).toEqual(["first", "second", "third", "fourth"]);
  });
});
