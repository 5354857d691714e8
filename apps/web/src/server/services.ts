import "server-only";
import path from "node:path";
import { openDatabase, type Database } from "@minbil/db/open-database";
import { resolveDataDir } from "@minbil/db/config";
import { LocalDiskStorage } from "@minbil/api/attachments/local-disk-storage";
import { createInProcessEventBus } from "@minbil/api/events/event-bus";
import { createPostgresEventBus } from "@minbil/api/events/postgres-event-bus";
import { purgeExpiredIdempotencyKeys } from "@minbil/api/messages/purge-idempotency-keys";
import type { Services } from "@minbil/api/context";
import { logger } from "@minbil/api/logger";

// One set of services per server process. Kept on globalThis so that Next's dev reloads reuse the
// open database: a second PGlite on the same folder would corrupt it.
const globalForServices = globalThis as unknown as { minbilServices?: Promise<Services & { database: Database }> };

export function getServices(): Promise<Services> {
  globalForServices.minbilServices ??= start().catch((error) => {
    globalForServices.minbilServices = undefined;
    throw error;
  });
  return globalForServices.minbilServices;
}

const HOUR = 3_600_000;

async function start(): Promise<Services & { database: Database }> {
  const database = await openDatabase({ role: "server" });
  logger.info({ database: database.kind }, "database opened");
  // On a PostgreSQL server several app processes may share the data: tell each other of new events.
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const postgresEvents = databaseUrl ? createPostgresEventBus(databaseUrl) : null;
  const events = postgresEvents ?? createInProcessEventBus();

  const purge = setInterval(() => {
    purgeExpiredIdempotencyKeys(database.prisma).catch((error) => logger.warn({ err: error }, "purging idempotency keys failed"));
  }, HOUR);
  purge.unref();

  const close = async () => {
    clearInterval(purge);
    await postgresEvents?.close();
    await database.close().catch((error) => logger.error({ err: error }, "closing the database failed"));
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
  return { database, db: database.prisma, storage: new LocalDiskStorage(path.join(resolveDataDir(), "attachments")), events };
}
