import pg from "pg";
import { logger } from "../logger";
import { createCrossProcessEventBus, type CrossProcessEventBus } from "./cross-process-event-bus";

const CHANNEL = "minbil_events";
const RECONNECT_MS = 2_000;

/**
 * The event bus across server processes on one PostgreSQL database (the default): notices go out with
 * NOTIFY and come in through LISTEN, both on one dedicated connection per process, which reconnects by itself.
 */
export function createPostgresEventBus(connectionString: string): CrossProcessEventBus {
  let client: pg.Client | null = null;
  let closed = false;
  let receive: (message: string) => void = () => {};

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString });
    next.on("notification", (message) => receive(message.payload ?? ""));
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

  return createCrossProcessEventBus(
    {
      async start(onMessage) {
        receive = onMessage;
        await connect();
      },
      async send(messages) {
        // Sent on the listening connection (one statement per batch): NOTIFY is cheap and this keeps one
        // connection per process.
        await client?.query("SELECT pg_notify($1, message) FROM unnest($2::text[]) AS message", [CHANNEL, messages]);
      },
      async close() {
        closed = true;
        await client?.end().catch(() => {});
        client = null;
      },
    },
    "postgres",
  );
}
