import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import type { AppendedEvent } from "./append-event";
import { createInProcessEventBus, type EventBus } from "./event-bus";

/** How a bus reaches the other processes: PostgreSQL NOTIFY or Redis PUBLISH. */
export interface BusTransport {
  /** Starts listening; `receive` gets each message another process (or this one) sent. */
  start(receive: (message: string) => void): Promise<void>;
  send(message: string): Promise<void>;
  close(): Promise<void>;
}

export type CrossProcessEventBus = EventBus & {
  /** Resolves once the first attempt to listen has finished (tests wait for it before publishing). */
  ready: Promise<void>;
  close(): Promise<void>;
};

/**
 * An event bus across server processes: a publish wakes this process's listeners at once and, through
 * the transport, every other process's. Publishes are coalesced per workshop: what is published in one
 * turn of the event loop (a send that also changes the thread's state writes two or three events) goes
 * out as one notice per workshop, naming the latest published event. Notices carry only the workshop, the
 * event type and the booking (an event's seq is given as its transaction commits, see append-event.ts);
 * listeners read the events themselves from the event log, so a lost notice (a process that died
 * between commit and publish, a dropped connection) only delays them until their next poll.
 */
export function createCrossProcessEventBus(transport: BusTransport, name: string): CrossProcessEventBus {
  const local = createInProcessEventBus();
  const origin = randomUUID();
  const pending = new Map<string, AppendedEvent>();
  let flushing = false;
  // One warning per outage of the transport, not one per event.
  let failing = false;

  function flush(): Promise<unknown> {
    flushing = false;
    const batch = [...pending.values()];
    pending.clear();
    return Promise.all(
      batch.map((event) =>
        transport.send(JSON.stringify({ ...event, origin })).then(
          () => (failing = false),
          (error: unknown) => {
            if (!failing) logger.warn({ err: error, bus: name }, "could not tell other processes of events (they catch up by polling)");
            failing = true;
          },
        ),
      ),
    );
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
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    },
    subscribe: local.subscribe,
    subscribeAll: local.subscribeAll,
    ready,
    async close() {
      // A transport that never connected must not hold up a shutdown.
      await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      if (flushing) await flush();
      await transport.close();
    },
  };
}
