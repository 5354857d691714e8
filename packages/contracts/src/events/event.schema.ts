import { z } from "zod";
import { bookingStatusSchema, messageDeliveryDto, messageDto, staffRefDto, threadReadStateDto, threadStateSchema } from "../dto";
import { estimateDecisionSchema, estimateDto } from "../estimates/estimate.schema";

/**
 * Every kind of change a workshop's event log records, with the `data` each carries. Each later change
 * adds its type here; the live stream, the event feed, webhooks and the OpenAPI document all read this.
 */
export const EVENT_TYPES = [
  "message.created",
  "thread.read",
  "thread.unread",
  "thread.state_changed",
  "thread.assigned",
  "booking.status_changed",
  "estimate.decided",
  "message.delivery_updated",
] as const;
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

/** Who made a change: a staff member, an API token, or the system (e.g. an expired snooze). */
export const changedByDto = z
  .object({ type: z.enum(["staff", "api_token", "customer", "system"]), id: z.string().nullable(), name: z.string() })
  .meta({ id: "ChangedBy" });
export type ChangedByDto = z.infer<typeof changedByDto>;

export const threadStateChangedData = z.object({
  booking_id: z.number().int(),
  state: threadStateSchema,
  previous_state: threadStateSchema,
  snoozed_until: isoDateTime.nullable(),
  /** What moved it: a person or token (`change`), a customer's message (`customer_message`), an expired snooze, or the customer's answer to an estimate. */
  reason: z.enum(["change", "customer_message", "snooze_expired", "estimate_decided"]),
  by: changedByDto,
});

export const threadAssignedData = z.object({
  booking_id: z.number().int(),
  assignee: staffRefDto.nullable(),
  previous_assignee_id: z.string().nullable(),
  by: changedByDto,
});

export const bookingStatusChangedData = z.object({
  booking_id: z.number().int(),
  status: bookingStatusSchema,
  previous_status: bookingStatusSchema,
  /** The line written in the thread about the change. */
  message_id: z.number().int(),
  by: changedByDto,
});

export const estimateDecidedData = z.object({
  booking_id: z.number().int(),
  estimate_id: z.string(),
  /** The estimate's message in the thread. */
  message_id: z.number().int(),
  /** The lines decided by this step (earlier decisions are in `estimate`). */
  decisions: z.array(z.object({ line_id: z.string(), decision: estimateDecisionSchema })),
  decided_via: z.enum(["customer_page", "api"]),
  /** The estimate with every decision so far, and the approved total. */
  estimate: estimateDto,
  by: changedByDto,
});

/** A workshop message's notification changed: queued again, sent, delivered, failed, or seen by the customer. */
export const messageDeliveryUpdatedData = z.object({
  booking_id: z.number().int(),
  message_id: z.number().int(),
  delivery: messageDeliveryDto,
});

/** One entry of a workshop's event log, as the live stream, the feed and webhooks deliver it. */
export const workshopEventDto = z.discriminatedUnion("type", [
  eventBase.extend({ type: z.literal("message.created"), data: messageCreatedData }),
  eventBase.extend({ type: z.literal("thread.read"), data: threadReadStateDto }),
  eventBase.extend({ type: z.literal("thread.unread"), data: threadReadStateDto }),
  eventBase.extend({ type: z.literal("thread.state_changed"), data: threadStateChangedData }),
  eventBase.extend({ type: z.literal("thread.assigned"), data: threadAssignedData }),
  eventBase.extend({ type: z.literal("booking.status_changed"), data: bookingStatusChangedData }),
  eventBase.extend({ type: z.literal("estimate.decided"), data: estimateDecidedData }),
  eventBase.extend({ type: z.literal("message.delivery_updated"), data: messageDeliveryUpdatedData }),
]);
export type WorkshopEventDto = z.infer<typeof workshopEventDto>;

/** The stable public id of a workshop's event. */
export function eventId(workshopId: string, seq: number): string {
  return `evt_${workshopId}_${seq}`;
}
