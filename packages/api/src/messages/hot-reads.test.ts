import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@minbil/db/client";
import { readRows } from "@minbil/db/read-rows";
import { createTestServices, type TestServices } from "../testing/test-services";

// The inbox, a thread and the token lookup read past Prisma on a PostgreSQL server (read-rows.ts); the
// rows must be the ones Prisma's $queryRaw gives, whatever the process's time zone.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("hot reads on the pool (needs a PostgreSQL server: runs in the TEST_DATABASE_URL pass of the suite)", () => {
  let services: TestServices;
  const zone = process.env.TZ;
  beforeAll(async () => {
    services = await createTestServices();
    // Away from UTC, where reading `timestamp` as local time would be an hour off.
    process.env.TZ = "Europe/Oslo";
  });
  afterAll(async () => {
    process.env.TZ = zone;
    await services?.close();
  });

  it("gives the same values as $queryRaw: times, whole numbers, enums, arrays, JSON and null", async () => {
    const at = new Date("2026-07-01T10:15:30.123Z");
    const query = Prisma.sql`
      SELECT ${at}::timestamp AS at, (${at}::timestamp + interval '1 day')::timestamp(3) AS later, '2026-07-01 10:15:30.5'::timestamp AS half,
             '0099-01-01 00:00:00'::timestamp AS early, 7::int AS n,
             'OPEN'::"ThreadState" AS state, ARRAY['a', 'b']::text[] AS list, json_build_object('size', 3) AS doc,
             NULL::text AS nothing`;
    const direct = await readRows<Record<string, unknown>>(services.db, query);
    const viaPrisma = await services.db.$queryRaw<Record<string, unknown>[]>(query);
    expect(direct).toEqual(viaPrisma);
    expect((direct[0]!.at as Date).toISOString()).toBe("2026-07-01T10:15:30.123Z");
  });
});
