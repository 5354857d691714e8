import { isDatabaseUnavailable } from "@minbil/db/database-errors";
import { createIdleWait } from "../../events/idle-wait";
import { logger } from "../../logger";
import { attemptDelivery, claimDueDeliveries, type DeliveryDeps } from "./send-deliveries";

/** Sends in flight at once per process. */
const MAX_IN_FLIGHT = 8;
/** Without a wake-up (a new event: a message may have queued a delivery), look again this often. */
const IDLE_POLL_MS = 1_000;

export interface DeliveryWorker {
  /** Stops claiming; resolves when the sends in flight have been recorded. */
  stop(): Promise<void>;
}

/**
 * The process's notification loop, like the webhook worker: sends due deliveries at once when an event
 * is written (a workshop reply writes one) and at least every second. Does nothing without channels.
 */
export function startDeliveryWorker(deps: DeliveryDeps): DeliveryWorker {
  if (!deps.channels.sms && !deps.channels.email) return { stop: async () => {} };
  let stopped = false;
  const idle = createIdleWait();
  const inFlight = new Set<Promise<unknown>>();
  const nudge = () => idle.wake();
  const unsubscribe = deps.events.subscribeAll((event) => {
    if (event.type === "message.created" || event.type === "message.delivery_updated") nudge();
  });

  async function round(): Promise<number> {
    const claimed = await claimDueDeliveries(deps.db, deps.channels, MAX_IN_FLIGHT - inFlight.size);
    for (const delivery of claimed) {
      const attempt = attemptDelivery(deps, delivery)
        .catch((error: unknown) => logger.error({ err: error, delivery: delivery.id }, "notification attempt could not be recorded"))
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
      try {
        claimed = await round();
      } catch (error) {
        if (!isDatabaseUnavailable(error)) logger.error({ err: error }, "notification round failed");
      }
      if (claimed > 0 && inFlight.size < MAX_IN_FLIGHT) continue;
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
