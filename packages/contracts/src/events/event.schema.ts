import { z } from "zod";
import { messageDto, threadReadStateDto } from "../dto";

/**
 * Every kind of change a workshop's event log records, with the `data` each carries. Each later change
 * adds its type here; the live stream, the event feed, webhooks and the OpenAPI document all read this.
 */
export const EVENT_TYPES = ["message.created", "thread.read", "thread.unread"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const eventTypeSchema = z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(", ")}` });

const isoDateTime = z.iso.datetime();

const eventBase = z.object({
  /** Globally unique and stable: the same event has the same id in the feed, the stream and webhooks. */
  id: z.string(),
  /** 1, 2, 3 … per workshop, in commit order: the position to resume after. */
  seq: z.number().int(),
  created_at: isoDateTime,
  booking_id: z.number().int().nullable(),
});

export const messageCreatedData = z.object({
  booking_id: z.number().int(),
  message: messageDto,
  unread_count: z.number().int(),
  message_count: z.number().int(),
});

/** One entry of a workshop's event log, as the live stream, the feed and webhooks deliver it. */
export const workshopEventDto = z.discriminatedUnion("type", [
  eventBase.extend({ type: z.literal("message.created"), data: messageCreatedData }),
  eventBase.extend({ type: z.literal("thread.read"), data: threadReadStateDto }),
  eventBase.extend({ type: z.literal("thread.unread"), data: threadReadStateDto }),
]);
export type WorkshopEventDto = z.infer<typeof workshopEventDto>;

/** The stable public id of a workshop's event. */
export function eventId(workshopId: string, seq: number): string {
  return `evt_${workshopId}_${seq}`;
}
