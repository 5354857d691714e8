import { mkdir } from "node:fs/promises";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/prisma/client";
import { readRowsOnPool } from "./read-rows";
import { resolveDatabaseConfig, type DatabaseConfig } from "./config";
import { isSocketServed, socketPath, SOCKET_PORT } from "./embedded/tool-socket";
import { openPglite, PrismaPGliteWithExtensions } from "./embedded/open-pglite";

export interface Database {
  prisma: PrismaClient;
  /** The pg pool on a PostgreSQL server (for libraries that take one, e.g. the rate limiter's store). */
  pool?: pg.Pool;
  /** The PostgreSQL connection string (tests open a second connection pool to the same database with it). */
  connectionString?: string;
  /** What the data sits in, for logs and for code that must know (e.g. benchmarks). */
  kind: "postgres" | "embedded" | "embedded-via-socket";
  /** The adapter factory, for the migration engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface OpenOptions {
  config?: DatabaseConfig;
  /**
   * "server": the app. It owns the embedded folder and refuses to start while another process does.
   * "tool": a command-line tool. It goes through the owner's socket when one is running.
   */
  role: "server" | "tool";
  /** Size of the pg pool (PostgreSQL only); default from DATABASE_POOL_SIZE. */
  poolSize?: number;
}

/**
 * A pool that gives up rather than hangs: a connection that cannot be made within the connect timeout,
 * or a query without an answer within the query timeout, fails (and the request answers 503).
 */
export function createPool(
  config: Extract<DatabaseConfig, { kind: "postgres" }>,
  poolSize = config.poolSize,
  /**
   * false: commits on these connections do not wait for the write-ahead log to reach the disk. Only
   * for data whose last moments may be lost in a crash of the database server (rate-limit counters).
   */
  durableCommits = true,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    ...(durableCommits ? {} : { options: "-c synchronous_commit=off" }),
    max: poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs,
    query_timeout: config.queryTimeoutMs,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closes (a restart, an outage) is dropped from the pool; the next
  // query opens a new one. Without a listener, pg's "error" event would end the process.
  pool.on("error", () => {});
  return pool;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const config = options.config ?? resolveDatabaseConfig();
  if (config.kind === "postgres") {
    return withPool("postgres", createPool(config, options.poolSize));
  }

  await mkdir(config.socketDir, { recursive: true });
  if (await isSocketServed(config.socketDir)) {
    if (options.role === "server") {
      throw new Error(
        `Another process is using the embedded database in ${config.dataDir} (is the app already running?). ` +
          "Stop it, or set MINBIL_DATA_DIR to another folder.",
      );
    }
    // pg connects to `<host>/.s.PGSQL.<port>` when host is a folder.
    const pool = new pg.Pool({ host: config.socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres", max: 1 });
    return withPool("embedded-via-socket", pool);
  }

  await mkdir(config.pgliteDir, { recursive: true });
  const pglite = await openPglite(config.pgliteDir);
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath(config.socketDir), maxConnections: 1 });
  await server.start();
  return fromFactory("embedded", new PrismaPGliteWithExtensions(pglite), async () => {
    await server.stop();
    await pglite.close();
  });
}

/** We own the pool (rather than letting the adapter create one) so that close() ends every connection,
 *  including the ones the migration engine opened through the same factory. */
export function withPool(kind: Database["kind"], pool: pg.Pool, afterClose?: () => Promise<void>): Database {
  // The migration engine works as one session: it takes pg_advisory_lock, migrates, and unlocks. Through
  // the app's pool those statements land on different connections, so the lock stayed with a pooled
  // connection for good, and a second app process on the same database waited at its migrations
  // forever. It gets one connection of its own, closed a second after its last use.
  const migrationPool = new pg.Pool({ ...pool.options, max: 1, idleTimeoutMillis: 1_000 });
  migrationPool.on("error", () => {});
  const database = fromFactory(
    kind,
    new PrismaPg(pool),
    async () => {
      await pool.end();
      await migrationPool.end();
      await afterClose?.();
    },
    new PrismaPg(migrationPool),
  );
  readRowsOnPool(database.prisma, pool);
  return { ...database, pool };
}

/** A Database over an adapter factory; `afterClose` releases what the factory stands on. */
export function fromFactory(
  kind: Database["kind"],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  afterClose?: () => Promise<void>,
  /** For the migration engine, when it must not share the client's connections. */
  migrationFactory: SqlMigrationAwareDriverAdapterFactory = adapterFactory,
): Database {
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind,
    adapterFactory: migrationFactory,
    async close() {
      await prisma.$disconnect();
      await afterClose?.();
    },
  };
}
