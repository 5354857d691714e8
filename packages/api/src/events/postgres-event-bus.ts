import { randomUUID } from "node:crypto";
import pg from "pg";
import { logger } from "../logger";
import type { AppendedEvent } from "./append-event";
import { createInProcessEventBus, type EventBus } from "./event-bus";

const CHANNEL = "minbil_events";
const RECONNECT_MS = 2_000;

/**
 * The event bus across server processes on one PostgreSQL database: a publish wakes this process's
 * listeners at once and, through NOTIFY, every other process's. Notices carry only the workshop and
 * sequence number; listeners read the events themselves. A lost notice (a process that died between
 * commit and notify, a dropped listen connection) only delays listeners until their next poll.
 */
export function createPostgresEventBus(connectionString: string): EventBus & { close(): Promise<void> } {
  const local = createInProcessEventBus();
  const origin = randomUUID();
  let client: pg.Client | null = null;
  let closed = false;

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString });
    next.on("notification", (message) => {
      try {
        const notice = JSON.parse(message.payload ?? "") as AppendedEvent & { origin: string };
        if (notice.origin !== origin)
          local.publish({ workshopId: notice.workshopId, seq: notice.seq, type: notice.type, bookingId: notice.bookingId });
      } catch {
        // not one of ours
      }
    });
    next.on("error", (error) => {
      logger.warn({ err: error }, "event listener connection lost; reconnecting");
      client = null;
      void next.end().catch(() => {});
      setTimeout(() => void connect().catch(() => {}), RECONNECT_MS).unref();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
    } catch (error) {
      logger.warn({ err: error }, "could not listen for events; retrying");
      await next.end().catch(() => {});
      setTimeout(() => void connect().catch(() => {}), RECONNECT_MS).unref();
    }
  }
  const ready = connect();

  return {
    publish(event) {
      local.publish(event);
      client?.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ ...event, origin })]).catch((error: unknown) => {
        logger.warn({ err: error }, "could not notify other processes of an event");
      });
    },
    subscribe: local.subscribe,
    subscribeAll: local.subscribeAll,
    async close() {
      closed = true;
      await ready;
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
