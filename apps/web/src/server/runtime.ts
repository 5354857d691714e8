import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createPool, openDatabase, type Database } from "@minbil/db/open-database";
import { resolveDatabaseConfig, resolveDataDir } from "@minbil/db/config";
import { applyMigrations } from "@minbil/db/migrations";
import { readMigrationList } from "@minbil/db/migrations-folder";
import { isDatabaseUnavailable } from "@minbil/db/database-errors";
import { openStorage } from "@minbil/api/attachments/open-storage";
import { storageSettingsFrom } from "@minbil/api/attachments/storage-settings";
import { sweepLeftovers } from "@minbil/api/attachments/sweep-leftovers";
import { createEventBus, eventBusSetting } from "@minbil/api/events/create-event-bus";
import { watchDatabasePool } from "@minbil/api/metrics/metrics";
import { purgeExpiredIdempotencyKeys } from "@minbil/api/messages/purge-idempotency-keys";
import { purgeEndedStaffSessions } from "@minbil/api/auth/staff-sessions";
import { createSignInLimits, type SignInLimits } from "@minbil/api/rate-limits/sign-in-limits";
import { apiRateLimitSettings, createApiRateLimits, type ApiRateLimits } from "@minbil/api/rate-limits/api-limits";
import type { LimiterStore } from "@minbil/api/rate-limits/limiter-store";
import { createCustomerPageLimits } from "@minbil/api/rate-limits/customer-page-limits";
import type { Services } from "@minbil/api/context";
import { createSecretBox, resolveEncryptionKey } from "@minbil/api/crypto/secret-box";
import { purgeExpiredEvents } from "@minbil/api/events/event-retention";
import { webhookSettingsFrom } from "@minbil/api/webhooks/webhook-settings";
import { reopenExpiredSnoozes } from "@minbil/api/threads/reopen-snoozed";
import { purgeOldDeliveries } from "@minbil/api/webhooks/purge-deliveries";
import { startWebhookWorker, type WebhookWorker } from "@minbil/api/webhooks/webhook-worker";
import { channelServicesFrom } from "@minbil/api/channels/channel-services";
import { startDeliveryWorker, type DeliveryWorker } from "@minbil/api/channels/outbox/delivery-worker";
import type { ReadinessReport } from "@minbil/api/http/health.routes";
import { logger } from "@minbil/api/logger";
import { seedDemoData } from "@minbil/demo/seed-demo-data";
import { printSeed } from "@minbil/demo/print-seed";
import { env } from "~/env";

/** The process's services, as the API and the pages use them. */
export interface AppServices extends Services {
  database: Database;
  /** Rate limits, all on the same store: shared by every app process on PostgreSQL, in memory on the embedded database. */
  limits: { signIn: SignInLimits; api: ApiRateLimits };
}

export interface Runtime {
  /** Settles when the services are ready, or rejects with why they cannot start. */
  started: Promise<unknown>;
  /** The services once the database is open and migrated; waits at most `waitMs`, then fails (503). */
  services(waitMs?: number): Promise<AppServices>;
  readiness(): Promise<ReadinessReport>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
/** How often snoozes are checked: a snooze ends at most this late. */
const SNOOZE_CHECK_MS = 5_000;
/** Connections for the rate-limit counters (one short upsert per request each). */
const COUNTER_POOL_SIZE = 4;

class NotReadyError extends Error {
  readonly code = "SERVICE_UNAVAILABLE";
  constructor(reason: string) {
    super(reason);
  }
}

/**
 * Starts the process's services in the background: opens the database (waiting for a PostgreSQL server
 * that is not up yet, with a log line per attempt), applies pending migrations, fills a demo database,
 * and schedules the hourly housekeeping. Until it is ready, readiness says why and requests answer 503.
 */
export function startRuntime(): Runtime {
  let services: AppServices | null = null;
  let failure: string | null = null;
  let status = "starting: opening the database";
  const timers: NodeJS.Timeout[] = [];
  let closing = false;
  let closeEvents: () => Promise<void> = async () => {};
  let worker: WebhookWorker | null = null;
  let deliveryWorker: DeliveryWorker | null = null;
  let counterPool: ReturnType<typeof createPool> | null = null;

  const ready = (async () => {
    const database = await openWithRetry(
      (line) => (status = line),
      () => closing,
    );
    // S3_BUCKET set: the bucket, shared by every app process; else `<data folder>/attachments`.
    const storage = openStorage(storageSettingsFrom(env, path.join(resolveDataDir(), "attachments")));
    // Rate-limit counters get their own few connections, whose commits do not wait for the disk: every
    // API request of a token updates the same counter row, and with a flush per commit the requests
    // queued on that row lock (and held the app's pool) for the length of a disk write each. A crash
    // of the database server may forget the last moments' counts, which a rate limit can afford.
    const config = resolveDatabaseConfig();
    counterPool = config.kind === "postgres" ? createPool(config, COUNTER_POOL_SIZE, false) : null;
    const limiterStore: LimiterStore = counterPool ? { kind: "postgres", pool: counterPool } : { kind: "memory" };
    if (database.pool) watchDatabasePool(database.pool);
    const events = createEventBus(eventBusSetting(env));
    const keyMaterial = resolveEncryptionKey({
      configured: env.MINBIL_ENCRYPTION_KEY,
      dataDir: resolveDataDir(),
      allowGenerated: env.NODE_ENV !== "production" || env.MINBIL_DEMO,
    });
    const baseUrl = publicBaseUrl();
    const built: AppServices = {
      database,
      db: database.prisma,
      storage,
      events,
      secrets: createSecretBox(keyMaterial),
      webhooks: webhookSettingsFrom(env, { demo: env.MINBIL_DEMO }),
      publicBaseUrl: baseUrl,
      channels: channelServicesFrom(env, { keyMaterial, publicBaseUrl: baseUrl }),
      customerPageLimits: createCustomerPageLimits(limiterStore),
      limits: { signIn: createSignInLimits(limiterStore), api: createApiRateLimits(limiterStore, apiRateLimitSettings(env)) },
    };
    closeEvents = () => events.close();
    if (env.MINBIL_DEMO) {
      const seeded = await seedDemoData(database.prisma, storage, { fixedToken: env.MINBIL_WS_ACCESS_TOKEN });
      printSeed(seeded, env.MINBIL_API_BASE_URL ?? `http://localhost:${env.PORT}`);
    }
    const housekeeping = () =>
      runHousekeeping(built).catch((error) => logger.warn({ err: error }, "housekeeping failed; trying again in an hour"));
    void housekeeping();
    timers.push(setInterval(housekeeping, HOUR).unref());
    // Snoozed threads open again on time, also when nobody has the inbox open (an index range read).
    let reopening = false;
    const reopenSnoozes = async () => {
      if (reopening) return;
      reopening = true;
      try {
        const reopened = await reopenExpiredSnoozes(built);
        if (reopened) logger.info({ reopened }, "snoozed threads opened again");
      } catch (error) {
        if (!isDatabaseUnavailable(error)) logger.warn({ err: error }, "reopening snoozed threads failed; trying again shortly");
      } finally {
        reopening = false;
      }
    };
    timers.push(setInterval(() => void reopenSnoozes(), SNOOZE_CHECK_MS).unref());
    // Webhooks go out from every app process (they split the work through the database).
    worker = startWebhookWorker(built);
    // Customer notifications likewise (claimed through the database); nothing runs without a channel.
    deliveryWorker = startDeliveryWorker(built);
    services = built;
    status = "ready";
    logger.info({ database: database.kind }, "ready");
    return built;
  })();
  ready.catch((error: unknown) => {
    failure = error instanceof Error ? error.message : String(error);
    status = `failed: ${failure}`;
  });
  let lastCheck: { at: number; report: Promise<ReadinessReport> } | null = null;
  const migrationNames = readMigrationList().then((list) => list.migrationDirectories.map((dir) => dir.path));

  return {
    started: ready,
    async services(waitMs = 3_000) {
      if (services) return services;
      if (failure) throw new NotReadyError(`The server could not start: ${failure}`);
      const timeout = sleep(waitMs).then(() => {
        throw new NotReadyError(`The server is ${status}`);
      });
      return Promise.race([ready, timeout]);
    },
    readiness() {
      // At most one check a second, however often a load balancer asks.
      if (lastCheck && Date.now() - lastCheck.at < 1_000) return lastCheck.report;
      const report = services
        ? check(services, migrationNames)
        : Promise.resolve({ ready: false, checks: { startup: { ok: false, error: status } } });
      lastCheck = { at: Date.now(), report };
      return report;
    },
    async close() {
      closing = true;
      for (const timer of timers) clearInterval(timer);
      await worker?.stop();
      await deliveryWorker?.stop();
      await closeEvents().catch(() => {});
      const current = services;
      services = null;
      failure = "shutting down";
      await current?.database.close().catch((error) => logger.error({ err: error }, "closing the database failed"));
      await counterPool?.end().catch(() => {});
    },
  };
}

async function openWithRetry(report: (line: string) => void, stopped: () => boolean): Promise<Database> {
  const config = resolveDatabaseConfig();
  const where = config.kind === "postgres" ? `PostgreSQL at ${describeServer(config.url)}` : `the embedded database in ${config.dataDir}`;
  for (let attempt = 1; ; attempt += 1) {
    let database: Database | null = null;
    try {
      database = await openDatabase({ role: "server", config });
      const applied = await applyMigrations(database.adapterFactory);
      if (applied.length) logger.info({ applied }, "applied database migrations");
      return database;
    } catch (error) {
      await database?.close().catch(() => {});
      // Only a server that is not there (yet) is waited for; anything else is a fault to fix.
      if (config.kind !== "postgres" || !isDatabaseUnavailable(error) || stopped()) throw error;
      // Short pauses: the server should be ready within seconds of PostgreSQL coming back.
      const waitSeconds = Math.min(attempt, 3);
      const line = `waiting for ${where} (${shortReason(error)}); attempt ${attempt}, next in ${waitSeconds} s`;
      report(`starting: ${line}`);
      logger.warn(line);
      await sleep(waitSeconds * 1000);
    }
  }
}

async function check(services: AppServices, migrationNames: Promise<string[]>): Promise<ReadinessReport> {
  const checks: ReadinessReport["checks"] = {};
  try {
    const names = await migrationNames;
    const [row] = await services.db.$queryRaw<{ applied: bigint }[]>`
      SELECT count(*) AS applied FROM _prisma_migrations WHERE migration_name = ANY(${names}) AND finished_at IS NOT NULL`;
    const missing = names.length - Number(row?.applied ?? 0);
    checks.database = { ok: true };
    checks.migrations = missing === 0 ? { ok: true } : { ok: false, error: `${missing} migration(s) not applied` };
  } catch (error) {
    checks.database = { ok: false, error: shortReason(error) };
  }
  try {
    await services.storage.check();
    checks.storage = { ok: true };
  } catch (error) {
    checks.storage = { ok: false, error: shortReason(error) };
  }
  return { ready: Object.values(checks).every((part) => part.ok), checks };
}

async function runHousekeeping(services: AppServices): Promise<void> {
  const swept = await sweepLeftovers(services);
  const keys = await purgeExpiredIdempotencyKeys(services.db);
  const sessions = await purgeEndedStaffSessions(services.db);
  const limits = await services.db.rateLimit.deleteMany({ where: { expire: { lt: BigInt(Date.now() - HOUR) } } });
  const events = await purgeExpiredEvents(services.db, env.EVENT_RETENTION_DAYS);
  const deliveries = await purgeOldDeliveries(services.db);
  logger.info({ swept, idempotencyKeys: keys, staffSessions: sessions, rateLimits: limits.count, events, deliveries }, "housekeeping done");
}

/** Where customers reach the app (their links point here): MINBIL_PUBLIC_URL, else NEXTAUTH_URL, else this machine. */
function publicBaseUrl(): string {
  return env.MINBIL_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** host:port of a connection string, never its password. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    return "DATABASE_URL";
  }
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reach = /Can't reach database server[^\n]*/.exec(message)?.[0];
  return (reach ?? message.split("\n").find((line) => line.trim()) ?? "unknown error").slice(0, 200);
}
