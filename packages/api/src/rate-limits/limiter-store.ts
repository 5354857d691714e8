import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from "rate-limiter-flexible";
import { logger } from "../logger";

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

/** A count in PostgreSQL that takes longer than this is made in this process's memory instead. */
const STORE_TIMEOUT_MS = 1_000;
/** At most one log line this often while counting falls back to memory. */
const FALLBACK_LOG_INTERVAL_MS = 60_000;
let lastFallbackLog = 0;

/** The per-process limiter that stands in while the store is unreachable or slow; says so in the log. */
class FallbackMemoryLimiter extends RateLimiterMemory {
  override consume(key: string | number, pointsToConsume?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    const now = Date.now();
    if (now - lastFallbackLog >= FALLBACK_LOG_INTERVAL_MS) {
      lastFallbackLog = now;
      logger.warn({ keyPrefix: this.keyPrefix }, "rate-limit store unreachable or slow: counting in this process's memory meanwhile");
    }
    return super.consume(key, pointsToConsume, options);
  }
}

/**
 * A limiter for one rule. On PostgreSQL, counting is one atomic upsert per request (no lost updates
 * under concurrency); when the store fails or takes longer than a second, counting falls back to this
 * process's memory rather than failing (or holding up) the request.
 */
export function createLimiter(store: LimiterStore, rule: LimitRule): RateLimiterAbstract {
  if (store.kind === "memory") return new RateLimiterMemory(rule);
  const postgres = new RateLimiterPostgres({
    ...rule,
    storeClient: store.pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
  });
  // The insurance sits on the wrapper only, so a count that times out and later fails is not made twice.
  return new RLWrapperTimeouts({ limiter: postgres, timeoutMs: STORE_TIMEOUT_MS, insuranceLimiter: new FallbackMemoryLimiter(rule) });
}

/**
 * Counts one request against each (limiter, key) at once; resolves with the seconds to wait when any is
 * over its limit (the longest wait), else null.
 */
export async function consumeAll(counts: [RateLimiterAbstract, string][]): Promise<number | null> {
  const results = await Promise.allSettled(counts.map(([limiter, key]) => limiter.consume(key)));
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : null;
}
