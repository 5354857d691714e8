import { EventEmitter } from "node:events";
import type { AppendedEvent } from "./append-event";

/**
 * Tells listeners in this process that a workshop has new events, after the transaction that wrote
 * them committed. Listeners read the events themselves (by sequence number) from the events table,
 * which stays the single source of truth; a missed signal only delays them until the next one.
 */
export interface EventBus {
  publish(event: AppendedEvent): void;
  subscribe(workshopId: string, listener: (event: AppendedEvent) => void): () => void;
  /** Every workshop's events (the webhook dispatcher listens to all). */
  subscribeAll(listener: (event: AppendedEvent) => void): () => void;
}

const ALL = Symbol("all workshops");

export function createInProcessEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(event) {
      emitter.emit(event.workshopId, event);
      emitter.emit(ALL, event);
    },
    subscribe(workshopId, listener) {
      emitter.on(workshopId, listener);
      return () => emitter.off(workshopId, listener);
    },
    subscribeAll(listener) {
      emitter.on(ALL, listener);
      return () => emitter.off(ALL, listener);
    },
  };
}
