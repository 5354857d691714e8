import { z } from "zod";
import { EVENT_TYPES, eventTypeSchema } from "../events/event.schema";
import { storableText } from "../messages/text.schema";

/** A webhook endpoint's id ("whe_…"). */
export const webhookIdSchema = z
  .string({ error: "id must be text" })
  .trim()
  .regex(/^whe_[A-Za-z0-9_-]{6,64}$/, { error: "id is not a webhook endpoint id" });
/** A delivery's id ("msg_…"): the `webhook-id` header of its requests. */
export const deliveryIdSchema = z
  .string({ error: "delivery_id must be text" })
  .trim()
  .regex(/^msg_[A-Za-z0-9_-]{6,64}$/, { error: "delivery_id is not a delivery id" });

const url = z
  .string({ error: "url is required" })
  .trim()
  .max(2000, { error: "url must be at most 2000 characters" })
  .refine(
    (value) => {
      try {
        const parsed = new URL(value);
        return (parsed.protocol === "https:" || parsed.protocol === "http:") && !parsed.username && !parsed.password && !parsed.hash;
      } catch {
        return false;
      }
    },
    { error: "url must be an absolute http(s) URL without credentials or fragment" },
  );

/** Event types an endpoint receives; null or omitted: all of them, also types added later. */
const eventTypes = z
  .array(eventTypeSchema, { error: `event_types must be a list of event types (${EVENT_TYPES.join(", ")}), or null for all` })
  .min(1, { error: "event_types must name at least one type, or be null for all" })
  .max(EVENT_TYPES.length)
  .transform((types) => [...new Set(types)])
  .nullable();

export const createWebhookInput = z.object({
  url,
  description: storableText("description").trim().max(500, { error: "description must be at most 500 characters" }).default(""),
  event_types: eventTypes.default(null),
});

export const updateWebhookInput = z.object({
  id: webhookIdSchema,
  url: url.optional(),
  description: storableText("description").trim().max(500, { error: "description must be at most 500 characters" }).optional(),
  event_types: eventTypes.optional(),
  /** false turns deliveries off; true turns them on again, from the present (missed events are in the feed). */
  enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
});

export const webhookByIdInput = z.object({ id: webhookIdSchema });

export const webhookEndpointDto = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  event_types: z.array(eventTypeSchema).nullable(),
  enabled: z.boolean(),
  /** Why deliveries are off: "owner" (turned off), "gone" (the receiver answered 410), "failing" (every attempt failed for 5 days). */
  disabled_reason: z.enum(["owner", "gone", "failing"]).nullable(),
  /** Since when every attempt has failed; null while deliveries succeed. */
  failing_since: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type WebhookEndpointDto = z.infer<typeof webhookEndpointDto>;

/** The signing secret is in this answer only (at creation and rotation). */
export const webhookWithSecretDto = webhookEndpointDto.extend({ secret: z.string() });
export type WebhookWithSecretDto = z.infer<typeof webhookWithSecretDto>;

export const webhookAttemptDto = z.object({
  attempted_at: z.iso.datetime(),
  /** The receiver's HTTP status, or null when it gave none (timeout, refused connection). */
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  /** The start of the receiver's answer. */
  response_body: z.string().nullable(),
});

export const webhookDeliveryDto = z.object({
  /** The `webhook-id` of every request of this delivery: the receiver's idempotency key. */
  id: z.string(),
  endpoint_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  /** The event's seq (null for a test event). */
  event_seq: z.number().int().nullable(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempt_count: z.number().int(),
  next_attempt_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  /** Every attempt, newest first. */
  attempts: z.array(webhookAttemptDto),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDto>;

export const listDeliveriesInput = z.object({
  id: webhookIdSchema,
  limit: z
    .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], { error: "limit must be a whole number from 1 to 100" })
    .pipe(z.number().int().min(1, { error: "limit must be a whole number from 1 to 100" }))
    .transform((value) => Math.min(value, 100))
    .default(20),
  cursor: z.string().trim().min(1).max(200).optional(),
});

export const deliveryPageDto = z.object({
  data: z.array(webhookDeliveryDto),
  meta: z.object({ next_cursor: z.string().nullable(), has_more: z.boolean() }),
});
export type DeliveryPageDto = z.infer<typeof deliveryPageDto>;

export const redeliverInput = z.object({ id: webhookIdSchema, delivery_id: deliveryIdSchema });

/** A webhook request's body (Standard Webhooks): the event under `data`. */
export const webhookPayloadDto = z.object({
  type: z.string(),
  timestamp: z.iso.datetime(),
  data: z.unknown(),
});
