import pg from "pg";
import type { Prisma, PrismaClient } from "./generated/prisma/client";

// The hot reads (every partner request's token lookup, the inbox page, a thread) are raw SQL written
// once, as a Prisma.sql template, in their handler. On a PostgreSQL server this runs them on the pool
// beneath Prisma: the client's request pipeline (async scope, batching, result mapping) cost more CPU
// per request than the query itself. Elsewhere (the embedded database, a transaction's client) they go
// through $queryRaw. Both give the same rows: the conversions below are the ones the Prisma adapter makes.

const direct = new WeakMap<object, pg.Pool>();

/** Lets readRows run this client's reads on `pool` (the pool the client's adapter stands on). */
export function readRowsOnPool(client: PrismaClient, pool: pg.Pool): void {
  direct.set(client, pool);
}

/** `timestamp` (without time zone) holds UTC here, as Prisma writes it; pg would read it as local time. */
const TIMESTAMP_OID = 1114;
/**
 * Date as it is when this module loads. Next.js later wraps the global Date in a function that tracks
 * reading the clock during prerendering and constructs through Reflect.construct; an inbox page makes
 * a hundred Dates, and that wrapper alone was 4 % of the CPU per request. The objects are the same.
 */
export const NativeDate = Date;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return parseUtcTimestamp;
    // pg's own parsers for everything else (int4, text, arrays, json: as Prisma returns them).
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** "2026-11-26 09:35:48.123" as UTC, by its digits (a thread page reads fifty: string parsing showed). */
const PLAIN_TIMESTAMP = /^([1-9]\d{3})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;
function parseUtcTimestamp(value: string): Date {
  const m = PLAIN_TIMESTAMP.exec(value);
  // Anything else (infinity, years past 9999 or BC) as PostgreSQL wrote it, read by Date's own parser.
  if (!m) return new NativeDate(`${value.replace(" ", "T")}Z`);
  const millis = m[7] ? Number(m[7].padEnd(3, "0").slice(0, 3)) : 0;
  return new NativeDate(NativeDate.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, millis));
}

/** A parameter as the Prisma adapter sends it: a Date as UTC (pg would send local time with an offset). */
function toParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The pool beneath a client on a PostgreSQL server, or none (the embedded database, a transaction's client). */
export function directPool(client: PrismaClient | Prisma.TransactionClient): pg.Pool | undefined {
  return direct.get(client);
}

/** Runs a Prisma.sql query on a pg pool or connection, with the conversions the Prisma adapter makes. */
export async function queryOnPg<T>(on: pg.Pool | pg.PoolClient, query: Prisma.Sql): Promise<{ rows: T[]; rowCount: number }> {
  const result = await on.query({ text: query.text, values: query.values.map(toParameter), types });
  return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
}

/** The rows of a read-only query. */
export async function readRows<T>(client: PrismaClient | Prisma.TransactionClient, query: Prisma.Sql): Promise<T[]> {
  const pool = direct.get(client);
  if (!pool) return (client as PrismaClient).$queryRaw<T[]>(query);
  return (await queryOnPg<T>(pool, query)).rows;
}
