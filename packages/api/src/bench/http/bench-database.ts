import pg from "pg";
import { withPool, type Database } from "@minbil/db/open-database";
import { applyMigrations } from "@minbil/db/migrations";
import { createApiToken } from "../../auth/api-token";
import { fillWorkshop } from "../fill-workshop";

const SLUG = "bench-http";

export interface BenchDatabase {
  url: string;
  database: Database;
  workshopId: string;
  /** A fresh API token of the workshop (made on every run: only its hash is stored). */
  token: string;
  /** The workshop's booking ids, newest activity first. */
  bookingIds: number[];
}

/**
 * The HTTP benchmark's database on a PostgreSQL server: created, migrated and filled (one workshop of
 * `threads` × `perThread` messages) unless it already holds the benchmark's workshop, so later runs
 * measure at once. Filling 10 000 × 100 takes a few minutes.
 */
export async function prepareBenchDatabase(options: {
  serverUrl: string;
  name: string;
  threads: number;
  perThread: number;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: options.serverUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.name])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE "${options.name}"`);
  await admin.end();

  const url = new URL(options.serverUrl);
  url.pathname = `/${options.name}`;
  const database = withPool("postgres", new pg.Pool({ connectionString: url.toString(), max: 4 }));
  await applyMigrations(database.adapterFactory);
  const db = database.prisma;
  let workshop = await db.workshop.findUnique({ where: { slug: SLUG } });
  if (!workshop) {
    options.log(`filling ${options.name}: ${options.threads} threads × ${options.perThread} messages …`);
    const started = Date.now();
    workshop = await db.workshop.create({ data: { slug: SLUG, name: "Bench Bil" } });
    await fillWorkshop(db, workshop.id, options.threads, options.perThread);
    options.log(`filled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else {
    options.log(`reusing ${options.name} (drop it to fill again)`);
  }
  // Earlier runs' sends left dead rows behind (thread summaries, counters, the workshop row): every run
  // starts from a vacuumed, analysed database, so runs compare with each other.
  options.log("vacuuming …");
  await database.pool!.query("VACUUM (ANALYZE) threads, messages, events, workshops, rate_limits, api_tokens, thread_reads");
  const token = await createApiToken(db, workshop.id, `bench ${new Date().toISOString()}`);
  const threads = await db.thread.findMany({
    where: { workshopId: workshop.id },
    orderBy: [{ lastActivityAt: "desc" }, { bookingId: "desc" }],
    select: { bookingId: true },
  });
  return { url: url.toString(), database, workshopId: workshop.id, token: token.secret, bookingIds: threads.map((t) => t.bookingId) };
}
