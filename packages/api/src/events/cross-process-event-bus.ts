import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import type { AppendedEvent } from "./append-event";
import { createInProcessEventBus, type EventBus } from "./event-bus";

/** How a bus reaches the other processes: PostgreSQL NOTIFY or Redis PUBLISH. */
export interface BusTransport {
  /** Starts listening; `receive` gets each message another process (or this one) sent. */
  start(receive: (message: string) => void): Promise<void>;
  /** Sends the messages (one statement or round trip for all of them where the transport allows). */
  send(messages: string[]): Promise<void>;
  close(): Promise<void>;
}

/** The least time between the starts of two batches of notices (what it adds to a live event's way, at most). */
const NOTICE_INTERVAL_MS = 5;

export type CrossProcessEventBus = EventBus & {
  /** Resolves once the first attempt to listen has finished (tests wait for it before publishing). */
  ready: Promise<void>;
  close(): Promise<void>;
};

/**
 * An event bus across server processes: a publish wakes this process's listeners at once and, through
 * the transport, every other process's. Publishes are coalesced per workshop: what is published in one
 * turn of the event loop (a send that also changes the thread's state writes two or three events) goes
 * out as one notice per workshop, naming the latest published event. One batch of notices is on its way
 * at a time, and batches start at least NOTICE_INTERVAL_MS apart: under a load of sends, what commits in
 * the meantime waits for the next batch, so a busy workshop costs the database at most one notice
 * statement per interval instead of one per send (and the listening connection never has two queries
 * queued, which pg deprecates). Notices carry only the workshop, the
 * event type and the booking (an event's seq is given as its transaction commits, see append-event.ts);
 * listeners read the events themselves from the event log, so a lost notice (a process that died
 * between commit and publish, a dropped connection) only delays them until their next poll.
 */
export function createCrossProcessEventBus(transport: BusTransport, name: string): CrossProcessEventBus {
  const local = createInProcessEventBus();
  const origin = randomUUID();
  const pending = new Map<string, AppendedEvent>();
  /** A flush is scheduled or under way; publishes meanwhile wait in `pending` for the next one. */
  let busy = false;
  let inFlight: Promise<void> = Promise.resolve();
  /** When the last batch started (performance.now(): Date.now()'s whole milliseconds blur a 5 ms gap). */
  let lastStart = -Infinity;
  /** Cancels the scheduled flush, while one is scheduled. */
  let cancelScheduled: (() => void) | undefined;
  // One warning per outage of the transport, not one per event.
  let failing = false;

  /** The next batch: NOTICE_INTERVAL_MS after the last one started, and at the earliest at the end of this turn. */
  function schedule(): void {
    busy = true;
    const wait = NOTICE_INTERVAL_MS - (performance.now() - lastStart);
    if (wait > 0) {
      const timeout = setTimeout(flushWhenDue, wait).unref();
      cancelScheduled = () => clearTimeout(timeout);
    } else {
      const immediate = setImmediate(flush);
      cancelScheduled = () => clearImmediate(immediate);
    }
  }

  /**
   * Node's timers count from the event loop's clock, read when the turn began: after a long turn a
   * timer fires early by the clock, so the interval is checked again here.
   */
  function flushWhenDue(): void {
    if (performance.now() - lastStart < NOTICE_INTERVAL_MS) schedule();
    else flush();
  }

  function flush(): void {
    cancelScheduled = undefined;
    const batch = [...pending.values()].map((event) => JSON.stringify({ ...event, origin }));
    pending.clear();
    lastStart = performance.now();
    inFlight = transport.send(batch).then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        if (!failing) logger.warn({ err: error, bus: name }, "could not tell other processes of events (they catch up by polling)");
        failing = true;
      },
    );
    void inFlight.then(() => {
      busy = false;
      if (pending.size) schedule();
    });
  }

  const ready = transport
    .start((message) => {
      try {
        const notice = JSON.parse(message) as AppendedEvent & { origin: string };
        if (notice.origin !== origin && typeof notice.workshopId === "string")
          local.publish({ workshopId: notice.workshopId, type: notice.type, bookingId: notice.bookingId });
      } catch {
        // not one of ours
      }
    })
    .catch((error: unknown) => logger.warn({ err: error, bus: name }, "could not listen for events yet; retrying"));

  return {
    publish(event) {
      local.publish(event);
      pending.set(event.workshopId, event);
      if (!busy) schedule();
    },
    subscribe: local.subscribe,
    subscribeAll: local.subscribeAll,
    ready,
    async close() {
      // A transport that never connected must not hold up a shutdown.
      await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      await inFlight;
      // What waits for its interval goes now.
      if (cancelScheduled) {
        cancelScheduled();
        flush();
        await inFlight;
      }
      await transport.close();
    },
  };
}
