import { z } from "zod";
import { bookingStatusSchema } from "../dto";
import { estimateDto } from "../estimates/estimate.schema";
import { storableText } from "../messages/text.schema";
import { MESSAGE_BODY_MAX_CHARS } from "../limits";

// What the customer's page (/c/<token>) shows and takes. Only the conversation with the customer:
// internal notes are never part of it, and no staff ids or other bookings either.

export const customerMessageDto = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  body: z.string(),
  /** Who wrote it, from the customer's side: themselves, the workshop, or an automatic notice. */
  from: z.enum(["customer", "workshop", "system"]),
  sender: z.string(),
  created_at: z.iso.datetime(),
  attachments: z.array(z.object({ id: z.string(), file_name: z.string(), content_type: z.string(), size: z.number().int() })),
  estimate: estimateDto.nullable(),
});
export type CustomerMessageDto = z.infer<typeof customerMessageDto>;

export const customerViewDto = z.object({
  workshop: z.object({ name: z.string(), phone: z.string().nullable() }),
  customer: z.object({ name: z.string() }),
  booking: z.object({
    reference: z.string(),
    status: bookingStatusSchema,
    scheduled_at: z.iso.datetime(),
    service: z.string(),
    vehicle: z.object({ registration_number: z.string(), make: z.string().nullable(), model: z.string().nullable() }),
  }),
  /** The newest messages, oldest first. */
  messages: z.array(customerMessageDto),
  /** There are older messages than these. */
  has_earlier: z.boolean(),
  expires_at: z.iso.datetime().nullable(),
});
export type CustomerViewDto = z.infer<typeof customerViewDto>;

/** The page says the messages up to this one were shown to the customer. */
export const customerSeenInput = z.object({
  seq: z.number({ error: "seq must be a message's position" }).int().min(1).max(2_147_483_647),
});

/** A message the customer writes on their page (files come separately, as a multipart form). */
export const customerMessageBodySchema = storableText("body")
  .max(MESSAGE_BODY_MAX_CHARS, { error: `body must be at most ${MESSAGE_BODY_MAX_CHARS} characters` })
  .transform((body) => body.trim());
