import { messagesSent } from "../metrics/metrics";
import { createInProcessEventBus, type EventBus } from "./event-bus";
import { createPostgresEventBus } from "./postgres-event-bus";
import { createRedisEventBus } from "./redis-event-bus";

export type EventBusSetting = { kind: "postgres"; url: string } | { kind: "redis"; url: string } | { kind: "in-process" };

/**
 * Which bus EVENT_BUS and REDIS_URL ask for. Throws a one-line reason when they do not fit together
 * (the server prints it and does not start).
 */
export function eventBusSetting(env: { EVENT_BUS?: "postgres" | "redis"; REDIS_URL?: string; DATABASE_URL?: string }): EventBusSetting {
  if (env.EVENT_BUS === "redis") {
    if (!env.REDIS_URL) throw new Error("EVENT_BUS=redis needs REDIS_URL (for example redis://127.0.0.1:6379)");
    return { kind: "redis", url: env.REDIS_URL };
  }
  // The embedded database has one process, and its NOTIFY does not cross connections: in-process suffices.
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "in-process" };
}

/** The process's event bus, counting the messages this process stores for the metrics. */
export function createEventBus(setting: EventBusSetting): EventBus & { close(): Promise<void> } {
  const bus =
    setting.kind === "redis"
      ? createRedisEventBus(setting.url)
      : setting.kind === "postgres"
        ? createPostgresEventBus(setting.url)
        : { ...createInProcessEventBus(), close: async () => {} };
  return { ...bus, publish: countingMessages(bus.publish), close: () => bus.close() };
}

/**
 * Every message is written by one writer, whose event (message.created) is published by this process
 * after its commit; notices from other processes do not pass here, so each message is counted once.
 */
export function countingMessages(publish: EventBus["publish"]): EventBus["publish"] {
  return (event) => {
    if (event.type === "message.created") messagesSent.inc();
    publish(event);
  };
}
