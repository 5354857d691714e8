import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * Where rate-limit counters live: in this process (the embedded database has one app process), or in
 * PostgreSQL's `rate_limits` table (see schema.prisma), shared by every app process on that server.
 */
export type LimiterStore = { kind: "memory" } | { kind: "postgres"; pool: pg.Pool };

export interface LimitRule {
  /** Names the counters of this rule (part of the key). */
  keyPrefix: string;
  points: number;
  /** Seconds a window lasts. */
  duration: number;
}

/**
 * A limiter for one rule. On PostgreSQL, counting is one atomic upsert per request (no lost updates
 * under concurrency); when the store is unreachable, counting falls back to this process's memory
 * rather than failing the request.
 */
export function createLimiter(store: LimiterStore, rule: LimitRule): RateLimiterAbstract {
  if (store.kind === "memory") return new RateLimiterMemory(rule);
  return new RateLimiterPostgres({
    ...rule,
    storeClient: store.pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    insuranceLimiter: new RateLimiterMemory(rule),
  });
}
