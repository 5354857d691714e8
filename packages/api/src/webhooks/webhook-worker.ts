import { logger } from "../logger";
import { createIdleWait } from "../events/idle-wait";
import { isDatabaseUnavailable } from "@minbil/db/database-errors";
import type { EventBus } from "../events/event-bus";
import { dispatchEvents } from "./dispatch-events";
import { attemptDelivery, claimDueDeliveries, type DeliverDeps } from "./deliver-webhooks";

/** Sends in flight at once per process (each may wait up to 15 s on a slow receiver). */
const MAX_IN_FLIGHT = 16;
/** Without a wake-up (an event in this or, via the bus, another process), look again this often. */
const IDLE_POLL_MS = 1_000;
/**
 * Rounds start at most this often: under a send load every event wakes the loop, and a round per
 * event cost the process more CPU than the sends did; events written meanwhile go in the next round.
 */
const MIN_ROUND_GAP_MS = 100;

export interface WebhookWorker {
  /** Stops claiming; resolves when the attempts in flight have been recorded. */
  stop(): Promise<void>;
}

/**
 * The process's webhook loop: turns new events into deliveries and sends the due ones, at once when
 * an event is written and at least every second. Sends never hold up the request that wrote the event.
 */
export function startWebhookWorker(deps: DeliverDeps & { events: EventBus }): WebhookWorker {
  let stopped = false;
  const idle = createIdleWait();
  const inFlight = new Set<Promise<unknown>>();
  /** Set by a wake-up that came while a round ran (or while waiting out the gap between rounds). */
  let pending = false;
  const nudge = () => {
    pending = true;
    idle.wake();
  };
  const unsubscribe = deps.events.subscribeAll(nudge);

  async function round(): Promise<number> {
    await dispatchEvents(deps.db);
    const claimed = await claimDueDeliveries(deps.db, MAX_IN_FLIGHT - inFlight.size);
    for (const delivery of claimed) {
      const attempt = attemptDelivery(deps, delivery)
        .catch((error: unknown) => logger.error({ err: error, delivery: delivery.id }, "webhook attempt could not be recorded"))
        .finally(() => {
          inFlight.delete(attempt);
          nudge();
        });
      inFlight.add(attempt);
    }
    return claimed.length;
  }

  const loop = (async () => {
    while (!stopped) {
      let claimed = 0;
      const started = Date.now();
      pending = false;
      try {
        claimed = await round();
      } catch (error) {
        // An outage is reported by readiness and request logs; here it only means: try again shortly.
        if (!isDatabaseUnavailable(error)) logger.error({ err: error }, "webhook round failed");
      }
      if (claimed > 0 && inFlight.size < MAX_IN_FLIGHT) continue;
      const gap = started + MIN_ROUND_GAP_MS - Date.now();
      if (gap > 0 && !stopped) await new Promise((resolve) => setTimeout(resolve, gap));
      if (pending) continue;
      await idle.wait(IDLE_POLL_MS);
    }
  })();

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      idle.wake();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
