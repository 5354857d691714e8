import { Redis } from "ioredis";
import { logger } from "../logger";
import { createCrossProcessEventBus, type CrossProcessEventBus } from "./cross-process-event-bus";

const CHANNEL = "minbil:events";

/**
 * The event bus across server processes through Redis pub/sub (EVENT_BUS=redis), for deployments where
 * NOTIFY's lock at commit matters. Two connections: subscribed, a Redis connection can do nothing else.
 * Both reconnect by themselves (the subscriber resubscribes); while Redis is away a publish fails at once
 * rather than queueing, and listeners fall back on their polls.
 */
export function createRedisEventBus(url: string): CrossProcessEventBus {
  // Publishing fails at once while Redis is away (rather than queueing without bound); the subscription
  // waits for the connection and is renewed after every reconnect.
  const publisher = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: "minbil-events-pub" });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectionName: "minbil-events-sub" });
  // ioredis reports every failed reconnect; one line per outage is enough (and never the URL: it may hold a password).
  for (const [role, connection] of [
    ["publisher", publisher],
    ["subscriber", subscriber],
  ] as const) {
    let down = false;
    connection.on("error", (error: Error) => {
      if (!down) logger.warn({ err: { message: error.message }, role }, "Redis event bus connection lost; reconnecting");
      down = true;
    });
    connection.on("ready", () => {
      if (down) logger.info({ role }, "Redis event bus connection back");
      down = false;
    });
  }

  return createCrossProcessEventBus(
    {
      async start(receive) {
        subscriber.on("message", (_channel: string, message: string) => receive(message));
        await subscriber.subscribe(CHANNEL);
      },
      async send(messages) {
        await Promise.all(messages.map((message) => publisher.publish(CHANNEL, message)));
      },
      async close() {
        publisher.disconnect();
        subscriber.disconnect();
      },
    },
    "redis",
  );
}
