import { z } from "zod";

// What the API answers with: the same JSON over REST and tRPC. Field names follow the REST contract
// (snake_case); times are ISO 8601 strings in UTC.

export const senderTypeSchema = z.enum(["customer", "workshop", "system"]);
export type SenderType = z.infer<typeof senderTypeSchema>;

export const bookingStatusSchema = z.enum(["pending", "confirmed", "in_progress", "ready_for_pickup", "completed", "cancelled"]);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

const isoDateTime = z.iso.datetime();

export const attachmentDto = z.object({
  id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int().nonnegative(),
  /** Authenticated download path, relative to the API's base URL. */
  url: z.string(),
});
export type AttachmentDto = z.infer<typeof attachmentDto>;

export const messageDto = z.object({
  id: z.number().int(),
  booking_id: z.number().int(),
  /** Position in the thread (1, 2, 3 ...): total and stable, even for messages of the same millisecond. */
  seq: z.number().int(),
  body: z.string(),
  sender_type: senderTypeSchema,
  /** Display name of the sender. */
  sender: z.string(),
  created_at: isoDateTime,
  attachments: z.array(attachmentDto),
});
export type MessageDto = z.infer<typeof messageDto>;

export const bookingDto = z.object({
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
});
export type BookingDto = z.infer<typeof bookingDto>;

export const customerDto = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type CustomerDto = z.infer<typeof customerDto>;

export const lastMessageDto = messageDto.pick({ id: true, body: true, sender_type: true, created_at: true }).extend({
  attachment_count: z.number().int().nonnegative(),
});

export const threadSummaryDto = z.object({
  booking_id: z.number().int(),
  booking: bookingDto,
  customer: customerDto,
  last_message: lastMessageDto.nullable(),
  unread_count: z.number().int().nonnegative(),
  message_count: z.number().int().nonnegative(),
  updated_at: isoDateTime,
});
export type ThreadSummaryDto = z.infer<typeof threadSummaryDto>;

export const pageMetaDto = z.object({
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
});
export type PageMetaDto = z.infer<typeof pageMetaDto>;

export const threadListDto = z.object({
  data: z.array(threadSummaryDto),
  meta: pageMetaDto,
});
export type ThreadListDto = z.infer<typeof threadListDto>;

export const threadDetailDto = z.object({
  data: z.object({
    id: z.number().int(),
    booking_id: z.number().int(),
    booking: bookingDto,
    customer: customerDto,
    unread_count: z.number().int().nonnegative(),
    message_count: z.number().int().nonnegative(),
    /** Oldest first. */
    messages: z.array(messageDto),
  }),
  meta: pageMetaDto,
});
export type ThreadDetailDto = z.infer<typeof threadDetailDto>;

export const sendMessageResultDto = z.object({
  message: messageDto,
  /** True when an Idempotency-Key matched an earlier request and nothing new was stored. */
  replayed: z.boolean(),
});
export type SendMessageResultDto = z.infer<typeof sendMessageResultDto>;

export const threadReadStateDto = z.object({
  booking_id: z.number().int(),
  unread_count: z.number().int().nonnegative(),
  last_read_seq: z.number().int().nonnegative(),
});
export type ThreadReadStateDto = z.infer<typeof threadReadStateDto>;

export const unreadSummaryDto = z.object({
  /** Unread customer messages over all the workshop's threads. */
  total_unread: z.number().int().nonnegative(),
});
export type UnreadSummaryDto = z.infer<typeof unreadSummaryDto>;

/** Who is signed in, for the inbox header. */
export const meDto = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["owner", "staff"]) }),
  workshop: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
});
export type MeDto = z.infer<typeof meDto>;
