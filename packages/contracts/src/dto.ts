import { z } from "zod";
import { BOOKING_STATUSES, THREAD_STATES } from "./values";
import { estimateDto } from "./estimates/estimate.schema";

// What the API answers with: the same JSON over REST and tRPC. Field names follow the REST contract
// (snake_case); times are ISO 8601 strings in UTC.

export const senderTypeSchema = z
  .enum(["customer", "workshop", "system"])
  .meta({ id: "SenderType", description: "Who wrote a message: the customer, the workshop, or the system (automatic notices)." });
export type SenderType = z.infer<typeof senderTypeSchema>;

export const bookingStatusSchema = z.enum(BOOKING_STATUSES).meta({ id: "BookingStatus" });
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

const isoDateTime = z.iso.datetime().meta({ description: "ISO 8601, UTC", example: "2026-11-25T09:30:00.000Z" });

export const visibilitySchema = z.enum(["customer", "internal"]).meta({
  id: "Visibility",
  description:
    "`customer`: part of the conversation with the customer; `internal`: a note for the workshop only, never shown to the customer",
});
export type Visibility = z.infer<typeof visibilitySchema>;

export const threadStateSchema = z.enum(THREAD_STATES).meta({
  id: "ThreadState",
  description: "`open`: the workshop must act; `waiting`: on the customer; `done`; `snoozed`: until `snoozed_until`, then open again",
});
export type ThreadState = z.infer<typeof threadStateSchema>;

/** A staff member as others see them: for assignment and mentions. */
export const staffRefDto = z.object({ id: z.string(), name: z.string() }).meta({ id: "StaffRef" });
export type StaffRefDto = z.infer<typeof staffRefDto>;

export const attachmentDto = z
  .object({
    id: z.string(),
    file_name: z.string(),
    content_type: z.string(),
    size: z.number().int().nonnegative(),
    /** Authenticated download path, relative to the API's base URL. */
    url: z.string().meta({
      description: "Authenticated download path, relative to the API's base URL",
      example: "/api/ws/messages/attachments/att_01JD6Y3Q",
    }),
  })
  .meta({
    id: "Attachment",
    example: {
      id: "att_01JD6Y3Q",
      file_name: "skade.jpg",
      content_type: "image/jpeg",
      size: 183422,
      url: "/api/ws/messages/attachments/att_01JD6Y3Q",
    },
  });
export type AttachmentDto = z.infer<typeof attachmentDto>;

export const deliveryChannelSchema = z
  .enum(["sms", "email"])
  .meta({ id: "DeliveryChannel", description: "A channel the customer is notified on" });
export type DeliveryChannel = z.infer<typeof deliveryChannelSchema>;

export const deliveryStatusSchema = z.enum(["queued", "sent", "delivered", "failed"]).meta({
  id: "DeliveryStatus",
  description:
    "`queued`: waiting to be sent (or to be tried again); `sent`: the provider took it; `delivered`: the provider reports it delivered; `failed`: given up (see `error`)",
});
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** How a workshop message reached the customer on one channel. */
export const channelDeliveryDto = z
  .object({
    channel: deliveryChannelSchema,
    status: deliveryStatusSchema,
    /** The provider's reason for the last failure (also while a retry is pending). */
    error: z.string().nullable().meta({ description: "The provider's reason for the last failure (also while a retry is pending)" }),
    attempts: z.number().int().nonnegative(),
    updated_at: isoDateTime,
  })
  .meta({ id: "ChannelDelivery" });
export type ChannelDeliveryDto = z.infer<typeof channelDeliveryDto>;

/** A workshop message's notification of the customer, per channel, and whether the customer page showed it. */
export const messageDeliveryDto = z
  .object({
    channels: z.array(channelDeliveryDto),
    seen: z.boolean().meta({ description: "The customer page has shown this message to the customer" }),
  })
  .meta({
    id: "MessageDelivery",
    description: "Only on the workshop's messages to the customer (null otherwise: customer messages, notes, status lines)",
  });
export type MessageDeliveryDto = z.infer<typeof messageDeliveryDto>;

export const messageDto = z
  .object({
    id: z.number().int(),
    booking_id: z.number().int(),
    /** Position in the thread (1, 2, 3 ...): total and stable, even for messages of the same millisecond. */
    seq: z
      .number()
      .int()
      .meta({ description: "Position in the thread (1, 2, 3 …): total and stable, even for messages of the same millisecond" }),
    body: z.string(),
    sender_type: senderTypeSchema,
    /** Display name of the sender. */
    sender: z.string().meta({ description: "Display name of the sender" }),
    created_at: isoDateTime,
    attachments: z.array(attachmentDto),
    visibility: visibilitySchema,
    /** Staff members named with @ in a note. */
    mentioned_user_ids: z.array(z.string()).meta({ description: "Staff members named with @ in a note (they are notified)" }),
    kind: z
      .enum(["text", "estimate"])
      .meta({ description: "`estimate`: the message carries an estimate (`estimate`); its body is the estimate's note" }),
    estimate: estimateDto
      .nullable()
      .meta({ description: "The estimate, with the customer's decisions so far, for messages of kind `estimate`" }),
    /** How the customer was notified (workshop messages to the customer only). */
    delivery: messageDeliveryDto.nullable(),
  })
  .meta({
    id: "Message",
    example: {
      id: 4711,
      booking_id: 1,
      seq: 3,
      body: "Bilen er klar til henting.",
      sender_type: "workshop",
      sender: "Nordlys Bil",
      created_at: "2026-11-25T09:30:00.000Z",
      attachments: [],
      visibility: "customer",
      mentioned_user_ids: [],
      kind: "text",
      estimate: null,
      delivery: {
        channels: [{ channel: "sms", status: "delivered", error: null, attempts: 1, updated_at: "2026-11-25T09:30:04.000Z" }],
        seen: false,
      },
    },
  });
export type MessageDto = z.infer<typeof messageDto>;

export const bookingDto = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    status: bookingStatusSchema,
    scheduled_at: isoDateTime,
    service: z.string(),
    vehicle: z.object({
      registration_number: z.string(),
      make: z.string().nullable(),
      model: z.string().nullable(),
    }),
  })
  .meta({ id: "Booking" });
export type BookingDto = z.infer<typeof bookingDto>;

export const customerDto = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: "Customer" });
export type CustomerDto = z.infer<typeof customerDto>;

export const lastMessageDto = messageDto
  .pick({ id: true, body: true, sender_type: true, created_at: true, visibility: true })
  .extend({
    attachment_count: z.number().int().nonnegative(),
  })
  .meta({ id: "LastMessage", description: "The newest message of a thread, without its files" });

export const searchMatchDto = z
  .object({
    message_id: z.number().int(),
    seq: z.number().int().meta({ description: "The message's position in the thread (open the thread at it)" }),
    excerpt: z.string().meta({ description: "A short window of the message's text around the first hit (… where cut)" }),
  })
  .meta({ id: "SearchMatch", description: "Where a search matched a message body" });
export type SearchMatchDto = z.infer<typeof searchMatchDto>;

export const threadSummaryDto = z
  .object({
    booking_id: z.number().int(),
    booking: bookingDto,
    customer: customerDto,
    last_message: lastMessageDto.nullable(),
    unread_count: z.number().int().nonnegative().meta({
      description: "Unread customer messages: for an API token, unread by the workshop; for a signed-in staff member, unread by them",
    }),
    message_count: z.number().int().nonnegative(),
    updated_at: isoDateTime,
    state: threadStateSchema,
    snoozed_until: isoDateTime.nullable(),
    assignee: staffRefDto.nullable().meta({ description: "The staff member who handles the thread, or null" }),
    match: searchMatchDto.nullable().optional().meta({
      description: "With `q`: the message whose body matched the search (the most recent one), or null when the thread matched otherwise",
    }),
  })
  .meta({ id: "ThreadSummary" });
export type ThreadSummaryDto = z.infer<typeof threadSummaryDto>;

export const pageMetaDto = z
  .object({
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` to get the next page; null on the last page" }),
    has_more: z.boolean(),
  })
  .meta({ id: "PageMeta" });
export type PageMetaDto = z.infer<typeof pageMetaDto>;

export const threadListDto = z
  .object({
    data: z.array(threadSummaryDto),
    meta: pageMetaDto,
  })
  .meta({ id: "ThreadList", description: "Threads, newest activity first" });
export type ThreadListDto = z.infer<typeof threadListDto>;

export const threadDetailDto = z
  .object({
    data: z.object({
      id: z.number().int(),
      booking_id: z.number().int(),
      booking: bookingDto,
      customer: customerDto,
      unread_count: z.number().int().nonnegative(),
      message_count: z.number().int().nonnegative(),
      state: threadStateSchema,
      snoozed_until: isoDateTime.nullable(),
      assignee: staffRefDto.nullable(),
      /** Oldest first. */
      messages: z.array(messageDto).meta({ description: "The newest `limit` messages, oldest first" }),
      approved_total_nok: z.number().meta({ description: "What the customer has approved on the booking's estimates, NOK including VAT" }),
    }),
    meta: pageMetaDto,
  })
  .meta({ id: "ThreadDetail" });
export type ThreadDetailDto = z.infer<typeof threadDetailDto>;

export const sendMessageResultDto = z.object({
  message: messageDto,
  /** True when an Idempotency-Key matched an earlier request and nothing new was stored. */
  replayed: z.boolean(),
});
export type SendMessageResultDto = z.infer<typeof sendMessageResultDto>;

export const threadReadStateDto = z
  .object({
    booking_id: z.number().int(),
    /** Unread by the workshop (what API tokens see). */
    unread_count: z.number().int().nonnegative().meta({ description: "Customer messages unread by the workshop" }),
    last_read_seq: z.number().int().nonnegative(),
    /** The staff member who read it (or marked it unread); null for an API token. */
    by_user_id: z.string().nullable().meta({ description: "The staff member who read it (or marked it unread); null for an API token" }),
  })
  .meta({ id: "ThreadReadState" });
export type ThreadReadStateDto = z.infer<typeof threadReadStateDto>;

export const unreadSummaryDto = z.object({
  /** Unread customer messages over all the workshop's threads (for a staff member: unread by them). */
  total_unread: z.number().int().nonnegative(),
});
export type UnreadSummaryDto = z.infer<typeof unreadSummaryDto>;

/** Who is signed in, for the inbox header. */
export const meDto = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["owner", "staff"]) }),
  workshop: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
});
export type MeDto = z.infer<typeof meDto>;
