import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// The process's Prometheus metrics, scraped at GET /api/metrics (metrics.routes.ts). One registry per
// process: every counter here is this process's share; Prometheus sums the instances.

export const registry = new Registry();
// CPU, memory, event-loop delay, garbage collection: the standard process_* and nodejs_* metrics.
collectDefaultMetrics({ register: registry });

/** Seconds, from a cache hit (a few ms) to a slow upload or a long poll. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds from an event's commit to its delivery: live delivery is milliseconds, a webhook retry hours. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800, 7200, 86_400];

export const httpRequests = new Counter({
  name: "minbil_http_requests_total",
  help: "HTTP requests answered, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const httpRequestDuration = new Histogram({
  name: "minbil_http_request_duration_seconds",
  help: "Time from a request's arrival to its answer's last byte, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: REQUEST_BUCKETS,
  registers: [registry],
});

export const messagesSent = new Counter({
  name: "minbil_messages_sent_total",
  help: "Messages stored by this process (replies, notes, customer messages relayed by partners, status lines)",
  registers: [registry],
});

export const webhookAttempts = new Counter({
  name: "minbil_webhook_attempts_total",
  help: "Webhook attempts by outcome: success (2xx), http_error, redirect (not followed), gone (410, endpoint turned off), timeout, connection_error",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export const webhookDeliveriesFailed = new Counter({
  name: "minbil_webhook_deliveries_failed_total",
  help: "Webhook deliveries given up on (every retry failed, or the endpoint answered 410 Gone)",
  labelNames: ["reason"] as const,
  registers: [registry],
});

export const openEventStreams = new Gauge({
  name: "minbil_event_streams_open",
  help: "Live event streams open on this process (the inbox's tRPC subscription and GET /api/ws/events/stream)",
  registers: [registry],
});

export const eventDeliveryLag = new Histogram({
  name: "minbil_event_delivery_lag_seconds",
  help: "Seconds from an event's commit (its created_at) to its delivery: written to a live stream (target=stream) or accepted by a webhook receiver (target=webhook)",
  labelNames: ["target"] as const,
  buckets: LAG_BUCKETS,
  registers: [registry],
});

/** Seconds since `createdAt`, never negative (the database's clock may be a little ahead of ours). */
export function secondsSince(createdAt: Date | string, now = Date.now()): number {
  return Math.max(0, (now - new Date(createdAt).getTime()) / 1000);
}

/**
 * The PostgreSQL pool's use, read at each scrape: connections open, of them idle, and queries waiting
 * for a connection (waiting above zero for long means DATABASE_POOL_SIZE is too small for the load).
 */
export function watchDatabasePool(pool: pg.Pool): void {
  const gauges: [string, string, () => number][] = [
    ["minbil_db_pool_connections", "PostgreSQL connections open in this process's pool", () => pool.totalCount],
    ["minbil_db_pool_idle_connections", "Open connections not in use", () => pool.idleCount],
    ["minbil_db_pool_waiting_queries", "Queries waiting for a free connection", () => pool.waitingCount],
    ["minbil_db_pool_max_connections", "The pool's size (DATABASE_POOL_SIZE)", () => pool.options.max ?? 10],
  ];
  for (const [name, help, read] of gauges) {
    registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  }
}
